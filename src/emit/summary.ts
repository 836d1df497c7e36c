/**
 * The short human summary printed after a scan. Package names are untrusted text: control characters
 * are neutralised before they reach a terminal.
 */
import { fromRegistry } from '../enrich/index.js';
import { BY_SEVERITY, bySeverity, type RiskLevel } from '../assess/levels.js';
import type { Scan, SourceType } from '../model.js';
import { terminalSafe } from './text.js';

export interface SummaryContext {
  output: string;
  /** ANSI colour: only on a terminal, never under NO_COLOR (decided by the caller). */
  color?: boolean;
}

const COLOURS: Record<RiskLevel, string> = { critical: '\u001b[1;31m', high: '\u001b[31m', medium: '\u001b[33m', low: '\u001b[36m', none: '\u001b[32m', unknown: '\u001b[35m' };

function riskLines(scan: Scan, color: boolean): string[] {
  const assessment = scan.assessment;
  if (!assessment) return [];
  const paint = (level: RiskLevel, text: string) => (color ? `${COLOURS[level]}${text}\u001b[0m` : text);
  const lines: string[] = [];
  lines.push(`  risk (policy ${terminalSafe(assessment.policy.id)}): ${BY_SEVERITY.filter((l) => assessment.totals[l] > 0).map((l) => paint(l, `${assessment.totals[l]} ${l}`)).join(', ') || 'no packages'}`);
  const top = [...assessment.findings.values()]
    .filter((f) => f.level !== 'none' && f.level !== 'unknown')
    .sort((a, b) => bySeverity(a.level, b.level) || a.package.localeCompare(b.package))
    .slice(0, 5);
  for (const f of top) {
    const node = scan.graph.nodes.get(f.package);
    lines.push(`    ${paint(f.level, f.level.padEnd(8))} ${terminalSafe(node ? `${node.name}@${node.version}` : f.package)}  via ${terminalSafe(f.path.slice(0, -1).join(' > ') || '(direct)')}`);
    lines.push(`             ${terminalSafe(f.reasons[0] ?? '')}`);
  }
  const more = [...assessment.findings.values()].filter((f) => f.level !== 'none' && f.level !== 'unknown').length - top.length;
  if (more > 0) lines.push(`    … and ${more} more in the SBOM (sovscan:risk)`);
  const exposed = assessment.direct
    .map((d) => ({ ...d, serious: d.counts.critical + d.counts.high }))
    .filter((d) => d.serious > 0)
    .sort((a, b) => b.serious - a.serious || a.package.localeCompare(b.package))
    .slice(0, 5);
  if (exposed.length > 0) lines.push(`  pulled in by: ${exposed.map((d) => `${terminalSafe(d.package)} (${d.counts.critical > 0 ? `${d.counts.critical} critical, ` : ''}${d.counts.high} high)`).join(', ')}`);
  for (const d of ['vendor', 'maintainer', 'hosting'] as const) {
    const entries = Object.entries(assessment.countries[d]).sort((a, b) => b[1] - a[1]);
    if (entries.length > 0) lines.push(`  ${d} countries: ${entries.slice(0, 8).map(([c, n]) => `${c} ${n}`).join(', ')}${entries.length > 8 ? ', …' : ''}`);
  }
  if (scan.drift) {
    const d = scan.drift;
    lines.push(`  against ${terminalSafe(d.base)}: ${d.added.length} added, ${d.removed.length} removed, ${d.newFindings.length} new or raised finding(s)`);
    for (const c of d.changes.filter((c) => c.kind !== 'added').slice(0, 8)) lines.push(`    ${c.kind}: ${terminalSafe(c.detail)}`);
  }
  const waived = [...assessment.findings.values()].filter((f) => f.waiver).length;
  if (waived > 0) lines.push(`  waivers: ${waived} finding(s) waived`);
  return lines;
}

export function renderSummary(scan: Scan, context: SummaryContext): string {
  const nodes = [...scan.graph.nodes.values()];
  const count = (predicate: (n: (typeof nodes)[number]) => boolean) => nodes.filter(predicate).length;
  const lines: string[] = [];
  const lock = scan.graph.lockfile;
  const root = scan.graph.root;
  lines.push(`sovscan: ${terminalSafe(root.name || '(unnamed project)')}${root.version ? `@${terminalSafe(root.version)}` : ''}${lock ? ` from ${terminalSafe(lock.path)} (${lock.format} lockfile v${lock.version})` : ''}${scan.graph.resolution ? ' resolved from the registry as npm would install it today (no lockfile)' : ''}${scan.graph.sbom ? ` from ${terminalSafe(scan.graph.sbom.file)} (${scan.graph.sbom.format} ${terminalSafe(scan.graph.sbom.specVersion)})` : ''}`);
  const kinds = [
    ['direct', root.dependencies.size],
    ['dev', count((n) => n.flags.dev || n.flags.devOptional)],
    ['optional', count((n) => n.flags.optional || n.flags.devOptional)],
    ['peer', count((n) => n.flags.peer)],
    ['bundled', count((n) => n.flags.bundled)],
  ] as const;
  lines.push(`  packages: ${nodes.length} (${kinds.filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'})`);
  const bySource = new Map<SourceType, number>();
  for (const n of nodes) bySource.set(n.source, (bySource.get(n.source) ?? 0) + 1);
  if (bySource.size > 0) lines.push(`  sources:  ${[...bySource].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${n} ${s}`).join(', ')}`);
  const registry = nodes.filter(fromRegistry);
  if (registry.length > 0) {
    const described = registry.filter((n) => scan.facts.has(n.id)).length;
    const unknown = registry.length - described;
    lines.push(`  registry: ${described} of ${registry.length} described${unknown > 0 ? `, ${unknown} unknown (see above)` : ''}`);
    const states = new Map<string, number>();
    for (const facts of scan.facts.values()) states.set(facts.provenance.state, (states.get(facts.provenance.state) ?? 0) + 1);
    const order = ['verified', 'mismatch', 'invalid', 'present', 'absent'];
    lines.push(`  provenance: ${order.filter((s) => states.has(s)).map((s) => `${states.get(s)} ${s}`).join(', ') || 'none'}`);
    const scripts = [...scan.facts.values()].filter((f) => f.installScripts).length;
    if (scripts > 0) lines.push(`  install scripts: ${scripts} package(s) run code at install`);
  }
  const warnings = scan.issues.filter((i) => i.severity === 'warning').length;
  const errors = scan.issues.length - warnings;
  if (scan.issues.length > 0) lines.push(`  issues:   ${errors} error(s), ${warnings} warning(s)${scan.complete ? '' : ' — results are incomplete'}`);
  lines.push(...riskLines(scan, context.color ?? false));
  lines.push(`  SBOM:     ${context.output === '-' ? 'written to stdout' : terminalSafe(context.output)}`);
  return `${lines.join('\n')}\n`;
}
