/**
 * The intermediate shape every lockfile reader produces, and the one function that turns it into the
 * pipeline's `Graph`: merge a package's install paths into one node, name it by purl, compute the
 * dev / optional / peer flags where the lockfile does not state them, then apply `--omit`.
 */
import { SovscanError } from '../errors.js';
import type { Graph, LockfileInfo, PackageFlags, PackageNode, SourceType } from '../model.js';
import { purlOf, purlWithoutQualifiers } from './purl.js';

export type EdgeKind = 'prod' | 'dev' | 'optional' | 'peer';

export interface LockEdge {
  /** Key of the target entry. */
  to: string;
  kind: EdgeKind;
}

export interface LockEntry {
  /** Reader-internal unique key: an install path (npm), a descriptor (yarn) or a snapshot key (pnpm). */
  key: string;
  name: string;
  version: string;
  source: SourceType;
  /** The name it is installed under, when an `npm:` alias differs from `name`. */
  alias?: string;
  /** Install path relative to the project root, when the lockfile records one. */
  path?: string;
  integrity?: string;
  resolved?: string;
  license?: string;
  /** Flags the lockfile states for this entry (npm); absent flags are computed from the graph. */
  flags?: Partial<PackageFlags>;
  /** npm's `extraneous`: installed, but needed by nothing. */
  extraneous?: boolean;
  edges: LockEdge[];
}

export interface LockGraph {
  /** Absent when the graph was resolved from the registry rather than read from a lockfile. */
  info?: LockfileInfo;
  rootKey: string;
  entries: Map<string, LockEntry>;
  /** True when entries carry npm's own dev/optional/peer flags. */
  flagsStated: boolean;
}

export type OmitKind = 'dev' | 'optional' | 'peer';

export interface BuildOptions {
  omit?: readonly OmitKind[];
}

interface Merged {
  node: PackageNode;
  edges: Map<string, EdgeKind>;
  stated: PackageFlags | undefined;
}

/** Packages from the same source with the same name and version are one component. */
function mergeKey(entry: LockEntry): string {
  const origin = entry.source === 'registry' ? '' : `${entry.source}:${entry.resolved ?? entry.path ?? entry.key}`;
  return `${entry.name}@${entry.version}|${origin}`;
}

const NO_FLAGS: PackageFlags = { dev: false, optional: false, devOptional: false, peer: false, bundled: false };

export function buildGraph(lock: LockGraph, options: BuildOptions = {}): Graph {
  const merged = new Map<string, Merged>();
  const byEntry = new Map<string, Merged>();
  const usedIds = new Set<string>();

  for (const entry of lock.entries.values()) {
    const key = mergeKey(entry);
    let m = merged.get(key);
    if (!m) {
      const { purl, id: preferred } = identify(entry, lock);
      let id = preferred;
      if (usedIds.has(id)) id = purl;
      for (let n = 2; usedIds.has(id); n++) id = `${purl}#${n}`;
      usedIds.add(id);
      m = {
        node: {
          id,
          name: entry.name,
          version: entry.version,
          purl,
          source: entry.source,
          aliases: [],
          paths: [],
          flags: { ...NO_FLAGS },
          integrity: entry.integrity,
          resolved: entry.resolved,
          license: entry.license,
          dependencies: new Set(),
        },
        edges: new Map(),
        stated: undefined,
      };
      merged.set(key, m);
    }
    const node = m.node;
    node.integrity ??= entry.integrity;
    node.resolved ??= entry.resolved;
    node.license ??= entry.license;
    if (entry.alias && entry.alias !== entry.name && !node.aliases.includes(entry.alias)) node.aliases.push(entry.alias);
    if (entry.path !== undefined && !node.paths.includes(entry.path)) node.paths.push(entry.path);
    // Extraneous only when every install of the package is.
    node.extraneous = entry.extraneous === true && (node.paths.length <= 1 || node.extraneous === true) ? true : undefined;
    if (lock.flagsStated) {
      const f = { ...NO_FLAGS, ...entry.flags };
      // A package is dev (optional, …) only when every one of its install paths is.
      m.stated = m.stated
        ? {
            dev: m.stated.dev && f.dev,
            optional: m.stated.optional && f.optional,
            devOptional: m.stated.devOptional && f.devOptional,
            peer: m.stated.peer && f.peer,
            bundled: m.stated.bundled && f.bundled,
          }
        : f;
    } else if (entry.flags?.bundled) {
      m.stated = { ...NO_FLAGS, bundled: true };
    }
    byEntry.set(entry.key, m);
  }

  for (const entry of lock.entries.values()) {
    const from = byEntry.get(entry.key)!;
    for (const edge of entry.edges) {
      const to = byEntry.get(edge.to);
      if (!to || to === from) continue;
      const previous = from.edges.get(to.node.id);
      // The strongest reason to depend wins: a prod edge beats an optional or peer one.
      if (!previous || rank(edge.kind) < rank(previous)) from.edges.set(to.node.id, edge.kind);
    }
  }

  const rootMerged = byEntry.get(lock.rootKey);
  if (!rootMerged) throw new Error(`Lockfile graph has no root entry ${lock.rootKey}`);
  const root = rootMerged.node;
  root.source = 'root';
  const all = new Map<string, Merged>();
  for (const m of merged.values()) all.set(m.node.id, m);

  if (lock.flagsStated) {
    for (const m of all.values()) m.node.flags = m.stated ?? { ...NO_FLAGS };
  } else {
    computeFlags(root.id, all);
  }
  root.flags = { ...NO_FLAGS };

  const omit = new Set(options.omit ?? []);
  const kept = new Map<string, PackageNode>();
  for (const m of all.values()) {
    if (m.node === root || isOmitted(m.node.flags, omit)) continue;
    kept.set(m.node.id, m.node);
  }
  for (const m of all.values()) {
    for (const id of m.edges.keys()) if (kept.has(id)) m.node.dependencies.add(id);
  }
  for (const node of kept.values()) node.paths.sort();
  return { root, nodes: kept, lockfile: lock.info };
}

/**
 * A package's purl and preferred id. A project without a name (no package.json, or one without `name`)
 * has no purl; any other entry without a usable name is a broken lockfile, not a crash.
 */
function identify(entry: LockEntry, lock: LockGraph): { purl: string; id: string } {
  if (entry.key === lock.rootKey && !entry.name) return { purl: '', id: '#root' };
  try {
    return { purl: purlOf(entry.name, entry.version, entry.source, entry.resolved), id: purlWithoutQualifiers(entry.name, entry.version) };
  } catch (error) {
    const file = lock.info?.path ?? 'the lockfile';
    throw new SovscanError('E_PARSE', `Cannot read ${file} entry "${entry.key}": ${entry.name ? `"${entry.name}" is not a package name` : 'it names no package'}. Regenerate the lockfile with the package manager that wrote it`, { file: lock.info?.path, cause: error });
  }
}

function rank(kind: EdgeKind): number {
  return { prod: 0, optional: 1, peer: 2, dev: 3 }[kind];
}

function isOmitted(flags: PackageFlags, omit: ReadonlySet<OmitKind>): boolean {
  if (flags.dev && omit.has('dev')) return true;
  if (flags.optional && omit.has('optional')) return true;
  if (flags.devOptional && omit.has('dev') && omit.has('optional')) return true;
  return flags.peer && omit.has('peer');
}

/**
 * For lockfiles that do not state flags (yarn, pnpm 9): a package is `dev` when it cannot be reached from
 * the root without a dev edge, `optional` without an optional edge, `peer` without a peer edge. Dev edges
 * count only from the root and workspaces, where devDependencies are installed.
 */
function computeFlags(rootId: string, all: Map<string, Merged>): void {
  const reach = (avoid: EdgeKind): Set<string> => {
    const seen = new Set<string>([rootId]);
    const queue = [rootId];
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const [to, kind] of all.get(id)!.edges) {
        if (kind === avoid || seen.has(to)) continue;
        seen.add(to);
        queue.push(to);
      }
    }
    return seen;
  };
  const withoutDev = reach('dev');
  const withoutOptional = reach('optional');
  const withoutPeer = reach('peer');
  for (const m of all.values()) {
    const id = m.node.id;
    const dev = !withoutDev.has(id);
    const optional = !withoutOptional.has(id);
    m.node.flags = {
      dev: dev && !optional,
      optional: optional && !dev,
      devOptional: dev && optional,
      peer: !withoutPeer.has(id),
      bundled: m.stated?.bundled ?? false,
    };
  }
}
