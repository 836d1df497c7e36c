/**
 * The short human summary printed after a scan. Package names are untrusted text: control characters
 * are neutralised before they reach a terminal.
 */
import { fromRegistry } from '../enrich/index.js';
import type { Scan, SourceType } from '../model.js';
import { terminalSafe } from './text.js';

export interface SummaryContext {
  output: string;
}

export function renderSummary(scan: Scan, context: SummaryContext): string {
  const nodes = [...scan.graph.nodes.values()];
  const count = (predicate: (n: (typeof nodes)[number]) => boolean) => nodes.filter(predicate).length;
  const lines: string[] = [];
  const lock = scan.graph.lockfile;
  const root = scan.graph.root;
  lines.push(`sovscan: ${terminalSafe(root.name || '(unnamed project)')}${root.version ? `@${terminalSafe(root.version)}` : ''}${lock ? ` from ${terminalSafe(lock.path)} (${lock.format} lockfile v${lock.version})` : ''}`);
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
    const order = ['verified', 'invalid', 'present', 'absent'];
    lines.push(`  provenance: ${order.filter((s) => states.has(s)).map((s) => `${states.get(s)} ${s}`).join(', ') || 'none'}`);
    const scripts = [...scan.facts.values()].filter((f) => f.installScripts).length;
    if (scripts > 0) lines.push(`  install scripts: ${scripts} package(s) run code at install`);
  }
  const warnings = scan.issues.filter((i) => i.severity === 'warning').length;
  const errors = scan.issues.length - warnings;
  if (scan.issues.length > 0) lines.push(`  issues:   ${errors} error(s), ${warnings} warning(s)${scan.complete ? '' : ' — results are incomplete'}`);
  lines.push(`  SBOM:     ${context.output === '-' ? 'written to stdout' : terminalSafe(context.output)}`);
  return `${lines.join('\n')}\n`;
}
