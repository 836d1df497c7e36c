/** Every report `--report KIND=FILE` can write, in one visible list. Each is `Scan` in, text out. */
import type { RiskLevel } from '../../assess/levels.js';
import type { Scan } from '../../model.js';
import { emitCsv } from './csv.js';
import { emitJsonReport } from './json.js';
import { emitMarkdown } from './markdown.js';
import { emitSarif } from './sarif.js';

export interface ReportOptions {
  failOn: RiskLevel;
  redact: boolean;
  /** Paths in reports are relative to this directory. */
  cwd: string;
}

export interface Report {
  id: 'markdown' | 'html' | 'sarif' | 'csv' | 'json';
  /** The HTML report is loaded on demand (its map and charts are half a megabyte of code and data). */
  emit(scan: Scan, options: ReportOptions): string | Promise<string>;
}

export const REPORTS: readonly Report[] = [
  { id: 'markdown', emit: (scan, o) => emitMarkdown(scan, o) },
  { id: 'html', emit: async (scan, o) => (await import('./html/index.js')).emitHtml(scan, o) },
  { id: 'sarif', emit: (scan, o) => emitSarif(scan, o) },
  { id: 'csv', emit: (scan) => emitCsv(scan) },
  { id: 'json', emit: (scan, o) => emitJsonReport(scan, o) },
];
