/**
 * Two deliveries of a vendor's SBOM compared (`sovscan diff OLD NEW`): components added, removed and
 * upgraded, vendors and countries per dimension that appear or disappear, and risk that rose or fell.
 * Versions are compared as sets per package name (./versions.ts): a version added beside another is
 * added, one that replaces exactly one other is a version change. Counts are of component identities
 * (purls). Pure: two scans in, the difference out.
 */
import { DIMENSIONS, type Dimension } from '../attribute/claim.js';
import { rank, type RiskLevel } from '../assess/levels.js';
import type { PackageNode, Scan } from '../model.js';
import { drift, type DriftChange } from './index.js';
import { compareVersions, type VersionChange } from './versions.js';

export interface SetChange {
  added: string[];
  removed: string[];
}

export interface DeliveryDiff {
  old: string;
  new: string;
  /** `before` and `after` count component identities (purls without qualifiers), not nodes. */
  components: SetChange & { changed: { name: string; from: string; to: string; direction: VersionChange['direction'] }[]; before: number; after: number };
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
  const versions = compareVersions(before, after);
  const nodeOf = (scan: Scan, id: string) => scan.graph.nodes.get(id)!;
  const raised: DeliveryDiff['risk']['raised'] = [];
  const lowered: DeliveryDiff['risk']['lowered'] = [];
  const seen = new Set<string>();
  for (const [id, previousId] of versions.counterpart) {
    const node = nodeOf(after, id);
    const name = label(node);
    if (seen.has(name)) continue;
    seen.add(name);
    const now = after.assessment?.findings.get(id)?.level;
    const then = before.assessment?.findings.get(previousId)?.level;
    if (!now || !then || now === then || now === 'unknown' || then === 'unknown') continue;
    (rank(now) > rank(then) ? raised : lowered).push({ name, from: then, to: now });
  }
  const pullRequest = drift(after, before, labels.old);
  const newFindings = pullRequest.newFindings.map((f) => ({ name: label(nodeOf(after, f.package)), level: f.level }));
  const labelled = (scan: Scan, ids: string[]) => [...new Set(ids.map((id) => label(nodeOf(scan, id))))].sort();
  return {
    newFindings,
    old: labels.old,
    new: labels.new,
    components: {
      removed: labelled(before, versions.removed),
      added: labelled(after, versions.added),
      changed: versions.changed.map((c) => ({ name: c.name, from: nodeOf(before, c.from).version, to: nodeOf(after, c.to).version, direction: c.direction })),
      before: versions.identities.before,
      after: versions.identities.after,
    },
    vendors: setChange(vendors(before), vendors(after)),
    countries: Object.fromEntries(DIMENSIONS.map((d) => [d, setChange(countries(before, d), countries(after, d))])) as Record<Dimension, SetChange>,
    risk: { before: levels(before), after: levels(after), raised: raised.sort(byName), lowered: lowered.sort(byName) },
    changes: pullRequest.changes.filter((c) => c.kind !== 'added' && c.kind !== 'new-vendor' && c.kind !== 'new-country' && c.kind !== 'risk-raised'),
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
