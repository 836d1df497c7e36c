/** The portfolio as Markdown (a scheduled workflow's job summary, an issue): the same escaping as the scan report. */
import { BY_SEVERITY } from '../../assess/levels.js';
import { DIMENSIONS } from '../../attribute/claim.js';
import type { Exposure, Portfolio } from '../../portfolio/index.js';
import { md } from '../reports/markdown.js';

const LISTED = 30;
const cut = (shown: number, total: number, what: string) => (total > shown ? [`${shown} of ${total} ${what} shown; the JSON report lists them all.`, ''] : []);

export function emitPortfolioMarkdown(portfolio: Portfolio): string {
  const { projects } = portfolio;
  const name = (i: number) => md(projects[i]!.name);
  const out = [`## sovscan portfolio: ${projects.length} project(s)`, ''];
  if (portfolio.mixed.policies) out.push(`⚠️ The projects were assessed under different policies (${Object.entries(portfolio.policies).map(([p, ids]) => `${md(p)}: ${ids.length}`).join('; ')}): their risk levels do not compare. Scan them again under one policy.`, '');
  if (portfolio.mixed.data) out.push(`⚠️ The projects were assessed with data of different dates (${Object.entries(portfolio.dataDates).map(([d, ids]) => `${md(d)}: ${ids.length}`).join('; ')}).`, '');
  out.push('### Projects', '', '| project | worst | ' + BY_SEVERITY.join(' | ') + ' | vendor countries |', '|---|---|' + BY_SEVERITY.map(() => '---:|').join('') + '---|');
  const ordered = projects.map((p, i) => ({ p, i })).sort((a, b) => BY_SEVERITY.indexOf(a.p.worst) - BY_SEVERITY.indexOf(b.p.worst) || a.p.name.localeCompare(b.p.name));
  for (const { p } of ordered.slice(0, LISTED * 2)) out.push(`| ${md(p.name)}${p.version ? `@${md(p.version)}` : ''} | ${p.worst} | ${BY_SEVERITY.map((l) => p.counts[l]).join(' | ')} | ${p.countries.vendor.join(', ') || '–'} |`);
  out.push('', ...cut(Math.min(projects.length, LISTED * 2), projects.length, 'projects'));
  const exposure = (title: string, head: string, list: (Exposure & { controller?: string })[]) => {
    if (list.length === 0) return;
    out.push(`### ${title}`, '', `| ${head} | projects | packages | worst | which projects |`, '|---|---:|---:|---|---|');
    for (const e of list.slice(0, LISTED)) out.push(`| ${md(e.key)}${e.controller ? ` (${md(e.controller)})` : ''} | ${e.projects.length} | ${e.packages} | ${e.worst} | ${e.projects.slice(0, 5).map(name).join(', ')}${e.projects.length > 5 ? ', …' : ''} |`);
    out.push('', ...cut(Math.min(list.length, LISTED), list.length, head === 'vendor' ? 'vendors' : 'rows'));
  };
  exposure('Vendors', 'vendor', portfolio.vendors);
  for (const d of DIMENSIONS) exposure(`Countries: ${d}`, 'country', portfolio.countries[d]);
  exposure('Packages in more than one project', 'package', portfolio.recurring.map((r) => ({ ...r, key: r.label })));
  const findings = ordered.filter(({ p }) => p.findings.length > 0);
  if (findings.length > 0) {
    out.push('### Findings per project', '');
    for (const { p } of findings.slice(0, LISTED)) {
      out.push(`**${md(p.name)}**: ${p.findings.slice(0, 5).map((f) => `${md(f.label)} (${f.level})`).join(', ')}${p.findings.length > 5 ? ', …' : ''}`, '');
    }
  }
  return `${out.join('\n')}\n`;
}
