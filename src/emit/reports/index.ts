/** Every report `--report KIND=FILE` can write, in one visible list. Each is `Scan` in, text out. */
import type { RiskLevel } from '../../assess/levels.js';
import type { Scan } from '../../model.js';
import { emitCsv } from './csv.js';
import { emitJsonReport } from './json.js';
import { emitHtml } from './html/index.js';
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
  emit(scan: Scan, options: ReportOptions): string;
}

export const REPORTS: readonly Report[] = [
  { id: 'markdown', emit: (scan, o) => emitMarkdown(scan, o) },
  { id: 'html', emit: (scan, o) => emitHtml(scan, o) },
  { id: 'sarif', emit: (scan, o) => emitSarif(scan, o) },
  { id: 'csv', emit: (scan) => emitCsv(scan) },
  { id: 'json', emit: (scan, o) => emitJsonReport(scan, o) },
];
