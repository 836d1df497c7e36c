/**
 * The portfolio as one self-contained page to hand over or print: the projects with their worst level,
 * the vendors and the countries per dimension with the projects they reach, and the packages that recur.
 * No script and no network: its Content-Security-Policy allows inline styles only. Text is escaped.
 */
import { BY_SEVERITY } from '../../assess/levels.js';
import { DIMENSIONS } from '../../attribute/claim.js';
import type { Exposure, Portfolio } from '../../portfolio/index.js';
import { TOOL_VERSION } from '../../version.js';
import { html } from '../reports/html/escape.js';

const LISTED = 50;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}main{max-width:1200px;margin:0 auto;padding:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;table-layout:auto}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}.warn{border-left:4px solid #b35900;background:#fff4e5;padding:.5rem 1rem}
.level-critical,.level-high{font-weight:600}.muted{color:#555}@media print{main{padding:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

function exposureTable(head: string, list: (Exposure & { controller?: string; label?: string })[], projectName: (i: number) => string): string {
  if (list.length === 0) return '<p class="muted">None.</p>';
  const rows = list
    .slice(0, LISTED)
    .map((e) => `<tr><td>${html(e.label ?? e.key)}${e.controller ? ` <span class="muted">(${html(e.controller)})</span>` : ''}</td><td class="n">${e.projects.length}</td><td class="n">${e.packages}</td><td class="level-${e.worst}">${e.worst}</td><td>${e.projects.slice(0, 8).map((i) => html(projectName(i))).join(', ')}${e.projects.length > 8 ? ', …' : ''}</td></tr>`)
    .join('\n');
  const cut = list.length > LISTED ? `<p class="muted">${LISTED} of ${list.length} shown; the JSON report lists them all.</p>` : '';
  return `<table><thead><tr><th scope="col">${head}</th><th scope="col">Projects</th><th scope="col">Packages</th><th scope="col">Worst level</th><th scope="col">Which projects</th></tr></thead><tbody>\n${rows}\n</tbody></table>${cut}`;
}

export function emitPortfolioHtml(portfolio: Portfolio): string {
  const { projects } = portfolio;
  const projectName = (i: number) => projects[i]!.name;
  const warnings = [
    portfolio.mixed.policies ? `The projects were assessed under different policies (${Object.entries(portfolio.policies).map(([p, ids]) => `${p}: ${ids.length}`).join('; ')}): their risk levels do not compare.` : '',
    portfolio.mixed.data ? `The projects were assessed with data of different dates (${Object.entries(portfolio.dataDates).map(([d, ids]) => `${d}: ${ids.length}`).join('; ')}).` : '',
  ].filter(Boolean);
  const projectRows = [...projects]
    .sort((a, b) => BY_SEVERITY.indexOf(a.worst) - BY_SEVERITY.indexOf(b.worst) || a.name.localeCompare(b.name))
    .map((p) => `<tr><td>${html(p.name)}${p.version ? `@${html(p.version)}` : ''}</td><td class="level-${p.worst}">${p.worst}</td>${BY_SEVERITY.map((l) => `<td class="n">${p.counts[l]}</td>`).join('')}<td>${html(p.countries.vendor.join(', ') || '–')}</td><td>${html(p.findings.slice(0, 3).map((f) => `${f.label} (${f.level})`).join(', ') || '–')}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>sovscan portfolio: ${projects.length} projects</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Whose law reaches ${projects.length} project${projects.length === 1 ? '' : 's'}</h1>
<p class="muted">sovscan ${TOOL_VERSION} portfolio, from the SBOMs each project's scan wrote. Policies: ${html(Object.keys(portfolio.policies).join(', '))}. Data as of: ${html(Object.keys(portfolio.dataDates).join(', '))}.</p>
${warnings.map((w) => `<p class="warn">${html(w)}</p>`).join('\n')}
<h2>Projects</h2>
<table><thead><tr><th scope="col">Project</th><th scope="col">Worst level</th>${BY_SEVERITY.map((l) => `<th scope="col">${l}</th>`).join('')}<th scope="col">Vendor countries</th><th scope="col">First findings</th></tr></thead><tbody>
${projectRows}
</tbody></table>
<h2>Vendors</h2>
${exposureTable('Vendor', portfolio.vendors, projectName)}
${DIMENSIONS.map((d) => `<h2>Countries: ${d}</h2>\n${exposureTable('Country', portfolio.countries[d], projectName)}`).join('\n')}
<h2>Packages in more than one project</h2>
${exposureTable('Package', portfolio.recurring, projectName)}
</main>
</body>
</html>
`;
}
