/** `sovscan diff` for a reader: what changed between two deliveries, most consequential first. */
import { DIMENSIONS } from '../attribute/claim.js';
import { BY_SEVERITY } from '../assess/levels.js';
import type { DeliveryDiff } from '../drift/deliveries.js';
import { terminalSafe } from './text.js';

const MAX_LISTED = 20;

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).map(terminalSafe).join(', ');
  return items.length > MAX_LISTED ? `${shown}, and ${items.length - MAX_LISTED} more` : shown;
}

export function renderDiff(diff: DeliveryDiff, policy: string): string {
  const lines = [`sovscan diff: ${terminalSafe(diff.old)} → ${terminalSafe(diff.new)}`, `  policy:     ${terminalSafe(policy)}`];
  const { components: c, risk } = diff;
  lines.push(`  components: ${c.before} → ${c.after} purls (${c.added.length} added, ${c.removed.length} removed, ${c.changed.length} changed version)`);
  const counts = (r: Record<string, number>) => BY_SEVERITY.filter((l) => r[l]).map((l) => `${r[l]} ${l}`).join(', ') || 'none';
  lines.push(`  risk:       before ${counts(risk.before)}; after ${counts(risk.after)}`);
  for (const r of risk.raised) lines.push(`    raised:   ${terminalSafe(r.name)} ${r.from} → ${r.to}`);
  for (const r of risk.lowered) lines.push(`    lowered:  ${terminalSafe(r.name)} ${r.from} → ${r.to}`);
  if (diff.vendors.added.length > 0) lines.push(`  vendors added:   ${list(diff.vendors.added)}`);
  if (diff.vendors.removed.length > 0) lines.push(`  vendors removed: ${list(diff.vendors.removed)}`);
  for (const d of DIMENSIONS) {
    const { added, removed } = diff.countries[d];
    if (added.length + removed.length === 0) continue;
    lines.push(`  ${d} countries: ${[...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`)].join(' ')}`);
  }
  if (c.added.length > 0) lines.push(`  added:   ${list(c.added)}`);
  if (c.removed.length > 0) lines.push(`  removed: ${list(c.removed)}`);
  if (c.changed.length > 0) lines.push(`  changed: ${list(c.changed.map((x) => `${x.name} ${x.from} → ${x.to}${x.direction === 'changed' ? '' : ` (${x.direction})`}`))}`);
  for (const change of diff.changes.slice(0, MAX_LISTED)) lines.push(`  ${change.kind}: ${terminalSafe(change.detail)}`);
  if (diff.changes.length > MAX_LISTED) lines.push(`  and ${diff.changes.length - MAX_LISTED} more changes (--json lists them all)`);
  if (lines.length === 4 && c.added.length + c.removed.length + c.changed.length === 0) lines.push('  nothing else changed');
  return `${lines.join('\n')}\n`;
}
