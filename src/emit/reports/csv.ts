/**
 * CSV for spreadsheets (RFC 4180), safe against formula injection: a cell that a spreadsheet would read
 * as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe
 * (OWASP's CSV injection guidance).
 */
import type { Scan } from '../../model.js';
import { rows } from './rows.js';

export function csvCell(value: string): string {
  // eslint-disable-next-line no-control-regex
  let text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function emitCsv(scan: Scan): string {
  const header = ['name', 'version', 'purl', 'risk', 'vendor', 'controller', 'steward', 'vendor countries', 'maintainer countries', 'hosting countries', 'provenance', 'install script', 'source', 'path', 'waiver', 'reasons'];
  const lines = [header.join(',')];
  for (const r of rows(scan)) {
    lines.push(
      [r.node.name, r.node.version, r.node.purl, r.risk, r.vendor, r.controller, r.steward, r.countries.vendor.join(' ') || 'unknown', r.countries.maintainer.join(' ') || 'unknown', r.countries.hosting.join(' ') || 'unknown', r.provenance, r.installScript ? 'yes' : 'no', r.node.source, r.path.join(' > '), r.waiver, r.reasons.join(' ')]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
