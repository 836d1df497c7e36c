/**
 * The HTML report (`--report html=FILE`): one self-contained page for people who are not engineers. A
 * verdict under the named policy, a world map coloured by exposure per dimension, charts by level,
 * country and vendor, a table that sorts, filters and searches, each package's evidence chain and path
 * from the root, and a printable annex of the findings. It makes no network request: styles, script,
 * data and map are inline, and its Content-Security-Policy allows nothing else. Package text is
 * untrusted: escaped where the page is written, set as text where the script writes it, and stripped of
 * control and bidi characters everywhere.
 */
import { createHash } from 'node:crypto';
import { BY_SEVERITY, fails } from '../../../assess/levels.js';
import { DIMENSIONS } from '../../../attribute/claim.js';
import { parentsFromRoot } from '../../../graph-paths.js';
import type { Scan } from '../../../model.js';
import { TOOL_NAME, TOOL_VERSION } from '../../../version.js';
import { renderExplanation } from '../../explain.js';
import { terminalSafe } from '../../text.js';
import type { ReportOptions } from '../index.js';
import { rows } from '../rows.js';
import { clientMain } from './client.js';
import { html } from './escape.js';
import { countryShapes, MAP_HEIGHT, MAP_WIDTH } from './map.js';
import { STYLE } from './style.js';

export { html };

/** JSON inside a <script> element: nothing in it can close the element or start markup. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

export async function emitHtml(scan: Scan, options: ReportOptions): Promise<string> {
  const all = rows(scan);
  const parents = parentsFromRoot(scan.graph);
  const root = scan.graph.root;
  const title = `${root.name || '(unnamed project)'}${root.version ? `@${root.version}` : ''}`;
  const policy = scan.assessment?.policy;
  const failing = all.filter((r) => r.risk && fails(r.risk, options.failOn));
  const isFlagged = (r: (typeof all)[number]) => r.risk !== '' && fails(r.risk, 'low');
  const flagged = all.filter(isFlagged);
  const countries = new Set(all.flatMap((r) => DIMENSIONS.flatMap((d) => r.countries[d])));
  const data = {
    levels: BY_SEVERITY,
    countryNames: Object.fromEntries([...countries].map((c) => [c, countryName(c)])),
    rows: all.map((r) => ({
      name: terminalSafe(r.node.name),
      version: terminalSafe(r.node.version),
      risk: r.risk || 'none',
      vendor: terminalSafe(r.vendor),
      countries: r.countries,
      provenance: r.provenance,
      explain: [
        renderExplanation(scan, r.node, parents).trimEnd(),
        ...(r.reasons.length > 0 ? ['', `Risk under ${policy?.id ?? 'the policy'}: ${r.risk}`, ...r.reasons.map((x) => `  - ${terminalSafe(x)}`)] : []),
      ].join('\n'),
    })),
  };
  const script = `(${clientMain.toString()})();`;
  const scriptHash = createHash('sha256').update(script).digest('base64');
  const verdict =
    options.failOn === 'none'
      ? `<div class="verdict"><strong>${flagged.length} of ${all.length} packages at low risk or above</strong>The run fails on nothing (--fail-on none).</div>`
      : failing.length > 0
        ? `<div class="verdict fail"><strong>Fails the policy: ${failing.length} package${failing.length === 1 ? '' : 's'} at ${options.failOn} or above</strong>of ${all.length} packages.</div>`
        : `<div class="verdict pass"><strong>Within the policy</strong>No package is at ${options.failOn} or above, of ${all.length} packages.</div>`;
  const shapes = (await countryShapes())
    .map((s) => `<path data-cc="${s.code}" d="${s.d}"><title>${html(s.name)}</title></path>`)
    .join('');
  const th = (key: string, label: string) => `<th scope="col"><button type="button" data-sort="${key}">${label}</button></th>`;
  const annex = all
    .flatMap((r, i) => (isFlagged(r) ? [`<section><h3>${html(`${r.node.name}@${r.node.version}`)} — ${r.risk}</h3><pre>${html(data.rows[i]!.explain)}</pre></section>`] : []))
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="${TOOL_NAME} ${TOOL_VERSION}">
<title>sovscan report: ${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Whose law reaches ${html(title)}</h1>
<p class="muted">sovscan ${TOOL_VERSION} report: the jurisdictions behind each dependency, with the evidence for each claim.</p>
${verdict}
<dl class="facts">
<dt>Policy</dt><dd>${html(policy ? `${policy.title} (${policy.id})` : 'none')}</dd>
${policy?.source ? `<dt>Source</dt><dd>${html(policy.source)}</dd>` : ''}
${policy?.asOf ? `<dt>Policy as of</dt><dd>${html(policy.asOf)}</dd>` : ''}
<dt>Fails on</dt><dd>${options.failOn}</dd>
<dt>Data as of</dt><dd>${html(scan.dataSnapshot ?? 'unknown')}</dd>
<dt>Packages</dt><dd>${all.length}${scan.complete ? '' : ' — results are incomplete: some packages could not be described and are marked unknown'}</dd>
</dl>
</header>
<section aria-labelledby="map-title">
<h2 id="map-title">Exposure by country</h2>
<div class="toolbar" role="group" aria-label="Dimension shown on the map and in the country chart">
<button type="button" data-dimension="vendor" aria-pressed="true">Vendor</button>
<button type="button" data-dimension="maintainer" aria-pressed="false">Maintainers</button>
<button type="button" data-dimension="hosting" aria-pressed="false">Hosting</button>
</div>
<svg id="sovscan-map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-labelledby="sovscan-map-caption">${shapes}</svg>
<p id="sovscan-map-caption" class="muted"></p>
<div class="legend" aria-hidden="true">fewer <span class="swatch" style="background:var(--c1)"></span><span class="swatch" style="background:var(--c2)"></span><span class="swatch" style="background:var(--c3)"></span><span class="swatch" style="background:var(--c4)"></span><span class="swatch" style="background:var(--c5)"></span> more packages</div>
<p class="muted">Country shapes: Natural Earth (1:110m, public domain) via world-atlas. A country is shown only where evidence names it; packages without evidence are unknown, never a country.</p>
</section>
<section aria-labelledby="charts-title">
<h2 id="charts-title">Charts</h2>
<div class="charts">
<div><h3>Risk level</h3><div id="sovscan-chart-levels"></div></div>
<div><h3 id="sovscan-chart-countries-title">Countries</h3><div id="sovscan-chart-countries"></div></div>
<div><h3>Vendors (top 15)</h3><div id="sovscan-chart-vendors"></div></div>
</div>
</section>
<section aria-labelledby="table-title">
<h2 id="table-title">Packages</h2>
<div class="toolbar">
<label>Search <input id="sovscan-search" type="search" autocomplete="off"></label>
<label>Risk <select id="sovscan-filter-risk"><option value="">all</option>${BY_SEVERITY.map((l) => `<option value="${l}">${l}</option>`).join('')}</select></label>
<label>Country <select id="sovscan-filter-country"><option value="">all</option></select></label>
<span id="sovscan-count" class="muted" role="status"></span>
</div>
<p class="muted no-print">Select a package to see its evidence chain and its path from the project root.</p>
<table>
<thead><tr>${th('name', 'Package')}${th('version', 'Version')}${th('risk', 'Risk')}${th('vendor', 'Vendor')}${th('vendor-country', 'Vendor country')}${th('maintainer-country', 'Maintainer countries')}${th('hosting-country', 'Hosting countries')}${th('provenance', 'Provenance')}</tr></thead>
<tbody id="sovscan-rows"></tbody>
</table>
</section>
<section class="annex" aria-label="Annex: the evidence for every finding">
<h2>Annex: evidence for the ${flagged.length} package${flagged.length === 1 ? '' : 's'} at low risk or above</h2>
${annex || '<p>None.</p>'}
</section>
</main>
<script type="application/json" id="sovscan-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
