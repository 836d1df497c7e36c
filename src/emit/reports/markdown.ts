/**
 * The Markdown report (job summary, pull-request comment): the verdict and the packages that decide it
 * first (level, reason, path), then what changed against the base, totals, findings highest first,
 * countries per dimension, what could not be described. Every cut list says "N of M"; no empty tables. Registry text is escaped so
 * that it renders as text, never as markup or links; the report stays under GitHub's 1 MiB summary limit.
 */
import type { RiskLevel } from '../../assess/levels.js';
import { BY_SEVERITY, fails } from '../../assess/levels.js';
import type { Scan } from '../../model.js';
import { terminalSafe } from '../text.js';
import { rows, type Row } from './rows.js';

export const SUMMARY_LIMIT = 1024 * 1024;

/**
 * Make untrusted text inert in a Markdown table cell: escape what opens markup (emphasis, code, links and
 * images, HTML, table cells, strike-through) and neutralise control and bidi characters and line breaks.
 */
export function md(text: string): string {
  return terminalSafe(text.replace(/\r?\n/g, ' ')).replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

const LISTED = 20;

/** A findings table, highest level first, saying "N of M" when the list is cut. */
function findingTable(list: Row[], total: number): string[] {
  if (list.length === 0) return [];
  const out = ['| level | package | vendor | via | reason |', '|---|---|---|---|---|'];
  for (const r of list.slice(0, LISTED)) out.push(`| ${r.risk} | ${md(`${r.node.name}@${r.node.version}`)} | ${md(r.vendor || '–')} | ${md(r.path.slice(0, -1).join(' > ') || '(direct)')} | ${md(r.reasons[0] ?? '')} |`);
  out.push('');
  if (total > Math.min(list.length, LISTED)) out.push(`${Math.min(list.length, LISTED)} of ${total} shown; the SBOM and the JSON report list them all.`, '');
  return out;
}

export function emitMarkdown(scan: Scan, options: { failOn: RiskLevel }): string {
  const assessment = scan.assessment;
  const all = rows(scan);
  // Against a base, only what the change adds or raises counts.
  const gated = scan.drift ? new Set(scan.drift.newFindings.map((f) => f.package)) : undefined;
  const failing = all.filter((r) => r.risk && fails(r.risk, options.failOn) && (!gated || gated.has(r.node.id)));
  const out: string[] = [];
  const root = scan.graph.root;
  const policy = md(assessment?.policy.id ?? 'none');
  const verdict = failing.length > 0 ? `❌ ${failing.length} package(s) at ${options.failOn} or above${scan.drift ? ' added or raised by this change' : ''}` : '✅ within policy';
  out.push(`## sovscan: ${verdict}`, '');
  out.push(`Project **${md(root.name || '(unnamed)')}${root.version ? `@${md(root.version)}` : ''}**, ${scan.graph.nodes.size} packages, policy **${policy}**${assessment?.policy.asOf ? ` (as of ${assessment.policy.asOf})` : ''}, failing on **${options.failOn}**.${scan.complete ? '' : ' ⚠️ Results are incomplete: some packages could not be described.'}`, '');
  // First what decides the verdict: the packages that fail the gate, with level, reason and path.
  if (failing.length > 0) out.push(`### What fails the gate`, '', ...findingTable(failing, failing.length));
  if (scan.drift) {
    const d = scan.drift;
    out.push(`### What changed against ${md(d.base)}`, '');
    out.push(`${d.added.length} package(s) added, ${d.removed.length} removed, ${d.newFindings.length} new or raised finding(s).`, '');
    const findings = assessment?.findings;
    const changes = d.changes.slice(0, 50);
    if (changes.length > 0) {
      out.push('| change | level | detail |', '|---|---|---|');
      for (const c of changes) {
        const f = findings?.get(c.package);
        const level = f && f.level !== 'none' ? f.level : '–';
        const why = c.kind === 'added' && f && f.level !== 'none' && f.reasons[0] ? `: ${f.reasons[0]}` : '';
        out.push(`| ${c.kind} | ${level} | ${md(`${c.detail}${why}`)} |`);
      }
      out.push('');
      if (d.changes.length > changes.length) out.push(`${changes.length} of ${d.changes.length} changes shown.`, '');
    }
  }
  if (assessment && BY_SEVERITY.some((level) => assessment.totals[level] > 0)) {
    out.push('| level | packages |', '|---|---:|');
    for (const level of BY_SEVERITY) if (assessment.totals[level] > 0) out.push(`| ${level} | ${assessment.totals[level]} |`);
    out.push('');
  }
  const rated = all.filter((r) => r.risk && r.risk !== 'none' && r.risk !== 'unknown');
  if (rated.length > 0) out.push(`### Findings, highest first${scan.drift ? ' (including those already there before this change)' : ''}`, '', ...findingTable(rated, rated.length));
  if (assessment) {
    out.push('### Countries per dimension', '', '| dimension | countries (packages) |', '|---|---|');
    for (const d of ['vendor', 'maintainer', 'hosting'] as const) {
      const entries = Object.entries(assessment.countries[d]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      out.push(`| ${d} | ${entries.map(([c, n]) => `${c} ${n}`).join(', ') || 'unknown'} |`);
    }
    out.push('');
  }
  const unknown = scan.issues.filter((i) => i.package !== undefined && i.severity === 'error');
  if (unknown.length > 0) out.push(`${unknown.length} package(s) could not be described from the registry; see the SBOM's \`compositions\` and the run log.`, '');
  out.push('The full evidence is in the SBOM (`sovscan:evidence`, `sovscan:risk:reason`); `sovscan explain PACKAGE` shows one package\'s chain.');
  let text = `${out.join('\n')}\n`;
  if (Buffer.byteLength(text) > SUMMARY_LIMIT) {
    text = `${Buffer.from(text).subarray(0, SUMMARY_LIMIT - 200).toString()}\n\n…truncated: the report is larger than 1 MiB. See the SBOM for every finding.\n`;
  }
  return text;
}
