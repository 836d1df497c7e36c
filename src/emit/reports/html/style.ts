/** The report's stylesheet: readable on screen, in high-contrast modes and on paper. */
export const STYLE = `
:root { --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --accent: #0a5bd3;
  --c0: #eef1f4; --c1: #c6dbef; --c2: #8fb8dc; --c3: #4f8fc4; --c4: #1f5f9e; --c5: #0b3364;
  --critical: #8b0000; --high: #c2410c; --medium: #8a6d00; --low: #1f6feb; --unknown: #57606a; --none: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.muted { color: var(--muted); }
.verdict { border: 2px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 16px 0; font-size: 1.1rem; }
.verdict.fail { border-color: var(--critical); } .verdict.pass { border-color: var(--none); }
.verdict strong { display: block; font-size: 1.25rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
button, select, input { font: inherit; color: inherit; }
button { border: 1px solid var(--line); background: #f6f8fa; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#sovscan-map { width: 100%; height: auto; background: #f8fafc; border: 1px solid var(--line); border-radius: 6px; }
#sovscan-map path { stroke: #8c959f; stroke-width: 0.4; fill: var(--c0); }
#sovscan-map path.c1 { fill: var(--c1); } #sovscan-map path.c2 { fill: var(--c2); } #sovscan-map path.c3 { fill: var(--c3); }
#sovscan-map path.c4 { fill: var(--c4); } #sovscan-map path.c5 { fill: var(--c5); }
.legend { display: flex; gap: 4px; align-items: center; font-size: 0.85rem; }
.legend span.swatch { width: 22px; height: 12px; display: inline-block; border: 1px solid #8c959f; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 24px; }
.bar { display: grid; grid-template-columns: minmax(90px, 40%) 1fr 48px; gap: 8px; align-items: center; font-size: 0.9rem; }
.bar-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-track { background: var(--c0); height: 12px; border-radius: 3px; }
.bar-fill { display: block; height: 12px; background: var(--c4); border-radius: 3px; }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th button { border: 0; background: none; padding: 0; font-weight: 600; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td button.details-toggle { border: 0; background: none; padding: 0; text-align: left; color: var(--accent); text-decoration: underline; word-break: break-all; }
tr.details pre, .annex pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; padding: 8px; border-radius: 6px; margin: 4px 0; font-size: 0.85rem; }
.level { font-weight: 600; }
.level-critical { color: var(--critical); } .level-high { color: var(--high); } .level-medium { color: var(--medium); }
.level-low { color: var(--low); } .level-unknown { color: var(--unknown); } .level-none { color: var(--none); }
.annex { display: none; }
@media (prefers-contrast: more) { :root { --muted: #1b1f24; --line: #1b1f24; } #sovscan-map path { stroke: #000; stroke-width: 0.8; } }
@media (forced-colors: active) {
  #sovscan-map { background: Canvas; border-color: CanvasText; }
  #sovscan-map path { fill: Canvas; stroke: CanvasText; } #sovscan-map path.c1, #sovscan-map path.c2 { fill: GrayText; }
  #sovscan-map path.c3, #sovscan-map path.c4, #sovscan-map path.c5 { fill: Highlight; }
  .bar-fill { background: Highlight; forced-color-adjust: none; } button[aria-pressed="true"] { border: 3px solid Highlight; }
}
@media print {
  body { font-size: 10pt; } main { max-width: none; padding: 0; }
  .toolbar, .no-print, tr.details, td button.details-toggle::after { display: none !important; }
  td button.details-toggle { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; } tr, .bar, .annex section { break-inside: avoid; }
  #sovscan-map { border: 0; }
  .annex { display: block; break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
