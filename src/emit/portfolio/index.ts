/** Every portfolio report (`sovscan portfolio … --report KIND=FILE`), in one visible list, and the terminal summary. */
import { BY_SEVERITY } from '../../assess/levels.js';
import type { Portfolio } from '../../portfolio/index.js';
import { terminalSafe } from '../text.js';
import { emitPortfolioCsv } from './csv.js';
import { emitPortfolioHtml } from './html.js';
import { emitPortfolioMarkdown } from './markdown.js';

export const PORTFOLIO_REPORTS: readonly { id: 'json' | 'csv' | 'markdown' | 'html'; emit(portfolio: Portfolio): string }[] = [
  { id: 'json', emit: (p) => `${JSON.stringify(p, null, 2)}\n` },
  { id: 'csv', emit: emitPortfolioCsv },
  { id: 'markdown', emit: emitPortfolioMarkdown },
  { id: 'html', emit: emitPortfolioHtml },
];

export function renderPortfolioSummary(portfolio: Portfolio): string {
  const { projects } = portfolio;
  const worst = Object.fromEntries(BY_SEVERITY.map((l) => [l, projects.filter((p) => p.worst === l).length]));
  const lines = [`sovscan portfolio: ${projects.length} project(s), ${projects.reduce((n, p) => n + p.components, 0)} components`];
  lines.push(`  worst level per project: ${BY_SEVERITY.filter((l) => worst[l]! > 0).map((l) => `${worst[l]} ${l}`).join(', ') || 'none'}`);
  if (portfolio.mixed.policies) lines.push(`  warning: assessed under different policies (${Object.keys(portfolio.policies).map(terminalSafe).join(', ')}): their levels do not compare`);
  if (portfolio.mixed.data) lines.push(`  warning: assessed with data of different dates (${Object.keys(portfolio.dataDates).map(terminalSafe).join(', ')})`);
  const top = (list: { key: string; projects: number[] }[]) => list.slice(0, 5).map((e) => `${terminalSafe(e.key)} ${e.projects.length}`).join(', ') || 'none';
  lines.push(`  vendors (projects):         ${top(portfolio.vendors)}`);
  for (const d of ['vendor', 'maintainer', 'hosting'] as const) lines.push(`  ${`${d} countries (projects):`.padEnd(27)} ${top(portfolio.countries[d])}`);
  return `${lines.join('\n')}\n`;
}
