/**
 * Which component identities two scans share, and which one adds, removes or replaces. A package can be
 * installed at several versions at once, so versions are compared as sets per package name: a version
 * added beside another is added, a version that goes while another stays is removed, and only where one
 * version takes the place of exactly one other is it a version change (an upgrade or a downgrade).
 * Identities are purls without qualifiers (name and version: the same package from two sources is one).
 */
import semver from 'semver';
import type { PackageNode, Scan } from '../model.js';

export interface VersionChange {
  name: string;
  /** Node ids in the earlier and the later scan. */
  from: string;
  to: string;
  direction: 'upgraded' | 'downgraded' | 'changed';
}

export interface VersionDiff {
  /** Node ids of the later scan whose identity the earlier one lacks (version changes excluded). */
  added: string[];
  /** Node ids of the earlier scan whose identity the later one lacks (version changes excluded). */
  removed: string[];
  changed: VersionChange[];
  /** For each node id of the later scan, the node of the earlier scan it continues, if any. */
  counterpart: Map<string, string>;
  /** Distinct component identities before and after. */
  identities: { before: number; after: number };
}

/** A component's identity: its purl without qualifiers, or name@version where it has none. */
export const identityOf = (node: PackageNode): string => node.purl.split('?')[0] || `${node.name}@${node.version}`;

/** name → identity → the first node with that identity (graph order). */
function byName(scan: Scan): Map<string, Map<string, PackageNode>> {
  const out = new Map<string, Map<string, PackageNode>>();
  for (const node of scan.graph.nodes.values()) {
    const versions = out.get(node.name) ?? new Map<string, PackageNode>();
    const identity = identityOf(node);
    if (!versions.has(identity)) versions.set(identity, node);
    out.set(node.name, versions);
  }
  return out;
}

function direction(from: string, to: string): VersionChange['direction'] {
  const a = semver.valid(from, { loose: true });
  const b = semver.valid(to, { loose: true });
  if (!a || !b || a === b) return 'changed';
  return semver.gt(b, a, { loose: true }) ? 'upgraded' : 'downgraded';
}

export function compareVersions(before: Scan, after: Scan): VersionDiff {
  const old = byName(before);
  const next = byName(after);
  const diff: VersionDiff = { added: [], removed: [], changed: [], counterpart: new Map(), identities: { before: 0, after: 0 } };
  for (const versions of old.values()) diff.identities.before += versions.size;
  for (const versions of next.values()) diff.identities.after += versions.size;
  for (const name of new Set([...old.keys(), ...next.keys()])) {
    const was = old.get(name) ?? new Map<string, PackageNode>();
    const now = next.get(name) ?? new Map<string, PackageNode>();
    const gone = [...was].filter(([identity]) => !now.has(identity)).map(([, node]) => node);
    const came = [...now].filter(([identity]) => !was.has(identity)).map(([, node]) => node);
    for (const [identity, node] of now) if (was.has(identity)) diff.counterpart.set(node.id, was.get(identity)!.id);
    if (gone.length === 1 && came.length === 1) {
      const [from, to] = [gone[0]!, came[0]!];
      diff.changed.push({ name, from: from.id, to: to.id, direction: direction(from.version, to.version) });
      diff.counterpart.set(to.id, from.id);
      continue;
    }
    diff.removed.push(...gone.map((n) => n.id));
    diff.added.push(...came.map((n) => n.id));
  }
  // Every node of the later scan that shares an identity with a counted one continues what that one continues.
  for (const node of after.graph.nodes.values()) {
    if (diff.counterpart.has(node.id)) continue;
    const first = next.get(node.name)?.get(identityOf(node));
    const continued = first && diff.counterpart.get(first.id);
    if (continued) diff.counterpart.set(node.id, continued);
  }
  diff.added.sort();
  diff.removed.sort();
  diff.changed.sort((a, b) => a.name.localeCompare(b.name) || a.to.localeCompare(b.to));
  return diff;
}
