/** The portfolio as CSV: one row per project, safe against formula injection like the scan's CSV. */
import { BY_SEVERITY } from '../../assess/levels.js';
import type { Portfolio } from '../../portfolio/index.js';
import { csvCell } from '../reports/csv.js';

export function emitPortfolioCsv(portfolio: Portfolio): string {
  const header = ['project', 'version', 'file', 'policy', 'data', 'components', 'worst', ...BY_SEVERITY, 'vendors', 'vendor countries', 'maintainer countries', 'hosting countries'];
  const lines = [header.join(',')];
  for (const p of portfolio.projects) {
    lines.push([p.name, p.version, p.file, p.policy ?? '', p.data ?? '', String(p.components), p.worst, ...BY_SEVERITY.map((l) => String(p.counts[l])), p.vendors.join('; '), p.countries.vendor.join(' '), p.countries.maintainer.join(' '), p.countries.hosting.join(' ')].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
