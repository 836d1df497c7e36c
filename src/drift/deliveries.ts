/**
 * Two deliveries of a vendor's SBOM compared (`sovscan diff OLD NEW`): components added, removed and
 * upgraded, vendors and countries per dimension that appear or disappear, and risk that rose or fell.
 * Components are matched by name (purl namespace and name), so a new version is a change, not a new
 * component. Pure: two scans in, the difference out.
 */
import { DIMENSIONS, type Dimension } from '../attribute/claim.js';
import { rank, type RiskLevel } from '../assess/levels.js';
import type { PackageNode, Scan } from '../model.js';
import { drift, type DriftChange } from './index.js';

export interface SetChange {
  added: string[];
  removed: string[];
}

export interface DeliveryDiff {
  old: string;
  new: string;
  components: SetChange & { changed: { name: string; from: string; to: string }[]; before: number; after: number };
  vendors: SetChange;
  countries: Record<Dimension, SetChange>;
  risk: {
    before: Record<string, number>;
    after: Record<string, number>;
    raised: { name: string; from: string; to: string }[];
    lowered: { name: string; from: string; to: string }[];
  };
  /** New maintainers, lost provenance, install scripts gained: what `--base` reports for a pull request. */
  changes: DriftChange[];
  /** Findings of added components and of components whose risk rose: what `--fail-on` gates. */
  newFindings: { name: string; level: RiskLevel }[];
}

const label = (n: PackageNode) => (n.version ? `${n.name}@${n.version}` : n.name);

function setChange(before: Set<string>, after: Set<string>): SetChange {
  return { added: [...after].filter((x) => !before.has(x)).sort(), removed: [...before].filter((x) => !after.has(x)).sort() };
}

function byName(scan: Scan): Map<string, PackageNode> {
  const out = new Map<string, PackageNode>();
  for (const node of scan.graph.nodes.values()) if (!out.has(node.name)) out.set(node.name, node);
  return out;
}

function levels(scan: Scan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of scan.assessment?.findings.values() ?? []) out[f.level] = (out[f.level] ?? 0) + 1;
  return out;
}

function countries(scan: Scan, dimension: Dimension): Set<string> {
  return new Set([...(scan.attributions?.values() ?? [])].flatMap((a) => a.dimensions[dimension].map((c) => c.country)));
}

function vendors(scan: Scan): Set<string> {
  return new Set([...(scan.attributions?.values() ?? [])].flatMap((a) => (a.vendor ? [`${a.vendor.name} (${a.vendor.country})`] : [])));
}

export function compareDeliveries(before: Scan, after: Scan, labels: { old: string; new: string }): DeliveryDiff {
  const oldByName = byName(before);
  const newByName = byName(after);
  const changed = [...newByName]
    .filter(([name, node]) => oldByName.has(name) && oldByName.get(name)!.version !== node.version)
    .map(([name, node]) => ({ name, from: oldByName.get(name)!.version, to: node.version }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const raised: DeliveryDiff['risk']['raised'] = [];
  const lowered: DeliveryDiff['risk']['lowered'] = [];
  for (const [name, node] of newByName) {
    const previous = oldByName.get(name);
    const now = after.assessment?.findings.get(node.id)?.level;
    const then = previous ? before.assessment?.findings.get(previous.id)?.level : undefined;
    if (!now || !then || now === then || now === 'unknown' || then === 'unknown') continue;
    (rank(now) > rank(then) ? raised : lowered).push({ name: label(node), from: then, to: now });
  }
  const pullRequest = drift(after, before, labels.old);
  const newFindings = pullRequest.newFindings.map((f) => ({ name: label(after.graph.nodes.get(f.package)!), level: f.level }));
  return {
    newFindings,
    old: labels.old,
    new: labels.new,
    components: {
      removed: [...before.graph.nodes.values()].filter((n) => !newByName.has(n.name)).map(label).sort(),
      added: [...after.graph.nodes.values()].filter((n) => !oldByName.has(n.name)).map(label).sort(),
      changed,
      before: before.graph.nodes.size,
      after: after.graph.nodes.size,
    },
    vendors: setChange(vendors(before), vendors(after)),
    countries: Object.fromEntries(DIMENSIONS.map((d) => [d, setChange(countries(before, d), countries(after, d))])) as Record<Dimension, SetChange>,
    risk: { before: levels(before), after: levels(after), raised, lowered },
    changes: pullRequest.changes.filter((c) => c.kind !== 'added' && c.kind !== 'new-vendor' && c.kind !== 'new-country' && c.kind !== 'risk-raised'),
  };
}
