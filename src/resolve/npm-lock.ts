/**
 * package-lock.json (v1, v2, v3) and npm-shrinkwrap.json.
 * See npm docs: configuring-npm/package-lock-json. v2 and v3 are read from `packages` (keyed by install
 * path); v1 from the nested `dependencies` tree, turned into the same install paths.
 */
import { SovscanError } from '../errors.js';
import type { PackageFlags } from '../model.js';
import type { EdgeKind, LockEdge, LockEntry, LockGraph } from './lockgraph.js';
import { isRecord, parseJson, stringRecord } from './parse-text.js';
import type { LockfileInput, LockfileReader, PackageManifest } from './reader.js';
import { classifyResolved, gitCommit } from './source.js';

const REMEDY = "Regenerate it with 'npm install --package-lock-only'";

interface RawPackage {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  inBundle?: boolean;
  /** Installed but needed by nothing (npm marks such entries; cyclonedx-npm lists them as extraneous). */
  extraneous?: boolean;
  workspaces?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export const npmLockReader: LockfileReader = {
  name: 'npm',
  matches: (fileName) => fileName === 'package-lock.json' || fileName === 'npm-shrinkwrap.json',
  async parse(input) {
    const doc = parseJson(input.text, input.path, REMEDY);
    if (!isRecord(doc)) throw new SovscanError('E_PARSE', `Cannot read ${input.path}: expected a JSON object. ${REMEDY}`, { file: input.path });
    const version = doc.lockfileVersion;
    if (version === 2 || version === 3) {
      if (!isRecord(doc.packages)) {
        throw new SovscanError('E_PARSE', `Cannot read ${input.path} key "packages": expected an object for lockfileVersion ${version}. ${REMEDY}`, { file: input.path });
      }
      return fromPackages(doc.packages as Record<string, RawPackage>, input, String(version));
    }
    if (version === 1 || version === undefined) {
      return fromV1(doc, input);
    }
    throw new SovscanError(
      'E_LOCKFILE_VERSION',
      `Unsupported lockfileVersion in ${input.path}: ${JSON.stringify(version)}. sovscan reads versions 1, 2 and 3; regenerate it with an npm version from 7 to 11 ('npm install --package-lock-only')`,
      { file: input.path },
    );
  },
};

/** The package name an install path ends in: `node_modules/a/node_modules/@s/b` → `@s/b`. */
export function nameFromPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  const tail = at >= 0 ? path.slice(at + 'node_modules/'.length) : path.slice(path.lastIndexOf('/') + 1);
  return tail;
}

/** Where node looks for a dependency of the package at `path`: itself, then each ancestor, then the root. */
function* lookupDirs(path: string): Generator<string> {
  let current = path;
  for (;;) {
    yield current;
    if (current === '') return;
    const at = current.lastIndexOf('/node_modules/');
    if (at >= 0) current = current.slice(0, at);
    else current = '';
  }
}

function flagsOf(raw: RawPackage): Partial<PackageFlags> {
  return {
    dev: raw.dev === true,
    optional: raw.optional === true,
    devOptional: raw.devOptional === true,
    peer: raw.peer === true,
    bundled: raw.inBundle === true,
  };
}

function declaredEdges(raw: RawPackage | PackageManifest, includeDev: boolean): [string, EdgeKind][] {
  const out: [string, EdgeKind][] = [];
  for (const name of Object.keys(raw.dependencies ?? {})) out.push([name, 'prod']);
  for (const name of Object.keys(raw.optionalDependencies ?? {})) out.push([name, 'optional']);
  for (const name of Object.keys(raw.peerDependencies ?? {})) out.push([name, 'peer']);
  if (includeDev) for (const name of Object.keys(raw.devDependencies ?? {})) out.push([name, 'dev']);
  return out;
}

function fromPackages(packages: Record<string, RawPackage>, input: LockfileInput, version: string): LockGraph {
  const rootRaw: RawPackage = packages[''] ?? { ...input.manifest };
  const hasWorkspaces = rootRaw.workspaces !== undefined || input.manifest?.workspaces !== undefined;
  const entries = new Map<string, LockEntry>();
  /** Link path → target path, so that edges land on the real package. */
  const links = new Map<string, string>();

  for (const [path, raw] of Object.entries(packages)) {
    if (!isRecord(raw)) {
      throw new SovscanError('E_PARSE', `Cannot read ${input.path} key "packages.${path}": expected an object. ${REMEDY}`, { file: input.path });
    }
    checkStrings(raw, `packages.${path}`, input);
    if (raw.link === true && typeof raw.resolved === 'string') links.set(path, raw.resolved);
  }

  for (const [path, raw] of Object.entries(packages)) {
    if (raw.link === true) continue;
    const pathName = nameFromPath(path);
    const linkedFrom = [...links].filter(([, target]) => target === path).map(([from]) => from);
    const name = raw.name ?? (linkedFrom[0] ? nameFromPath(linkedFrom[0]) : pathName) ?? '';
    const isRoot = path === '';
    const underNodeModules = path.startsWith('node_modules/') || path.includes('/node_modules/');
    let source = classifyResolved(raw.resolved);
    if (isRoot) source = 'root';
    else if (!underNodeModules) source = hasWorkspaces && !path.startsWith('..') && linkedFrom.length > 0 ? 'workspace' : 'link';
    const edges: LockEdge[] = [];
    const optionalPeers = raw.peerDependenciesMeta ?? {};
    // devDependencies are installed for the root and for workspaces and links, never for registry packages.
    for (const [dep, kind] of declaredEdges(raw, !underNodeModules)) {
      const target = resolveDep(path, dep, packages, links);
      if (target !== undefined) edges.push({ to: target, kind: kind === 'peer' && optionalPeers[dep]?.optional ? 'optional' : kind });
    }
    if (isRoot) {
      for (const [from, target] of links) if (!from.includes('/node_modules/') && packages[target] && !edges.some((e) => e.to === target)) edges.push({ to: target, kind: 'prod' });
    }
    const entry: LockEntry = {
      key: path,
      name,
      version: raw.version ?? '',
      source,
      alias: underNodeModules && raw.name && raw.name !== pathName ? pathName : undefined,
      path,
      integrity: raw.integrity,
      resolved: source === 'registry' ? raw.resolved : source === 'git' || source === 'tarball' || source === 'file' ? raw.resolved : path,
      license: typeof raw.license === 'string' ? raw.license : undefined,
      flags: flagsOf(raw),
      ...(raw.extraneous === true ? { extraneous: true } : {}),
      edges,
    };
    if (isRoot) entry.name = raw.name ?? input.manifest?.name ?? name;
    entries.set(path, entry);
    for (const from of linkedFrom) {
      // The link location is an install path of the same package.
      entries.set(from, { ...entry, key: from, path: from, edges: [], alias: undefined, flags: flagsOf(packages[from]!) });
    }
  }
  if (!entries.has('')) entries.set('', rootEntry(input.manifest, []));
  return { info: { path: input.path, format: 'npm', version }, rootKey: '', entries, flagsStated: true };
}

/**
 * The fields read as text must be text: a lockfile is the pull request author's to write, and an object
 * where a version belongs would otherwise stop the run with a TypeError. `license` is left out when it
 * is not a string (old manifests wrote `{ type, url }`, and npm copies it).
 */
function checkStrings(raw: Record<string, unknown>, keyPath: string, input: LockfileInput): void {
  for (const field of ['name', 'version', 'resolved', 'integrity'] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== 'string') {
      throw new SovscanError('E_PARSE', `Cannot read ${input.path} key "${keyPath}.${field}": expected a string. ${REMEDY}`, { file: input.path });
    }
  }
}

function resolveDep(path: string, dep: string, packages: Record<string, RawPackage>, links: Map<string, string>): string | undefined {
  for (const dir of lookupDirs(path)) {
    const candidate = dir === '' ? `node_modules/${dep}` : `${dir}/node_modules/${dep}`;
    if (packages[candidate] !== undefined) return links.get(candidate) ?? candidate;
  }
  return undefined;
}

function rootEntry(manifest: PackageManifest | undefined, edges: LockEdge[]): LockEntry {
  return { key: '', name: manifest?.name ?? '', version: manifest?.version ?? '', source: 'root', path: '', edges, flags: {} };
}

interface V1Dependency {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  bundled?: boolean;
  requires?: Record<string, string> | boolean;
  dependencies?: Record<string, V1Dependency>;
}

/** lockfileVersion 1 (npm 5 and 6): a nested tree of `dependencies`, edges in `requires`. */
function fromV1(doc: Record<string, unknown>, input: LockfileInput): LockGraph {
  const flat: Record<string, RawPackage & { requires?: Record<string, string> }> = {};
  // Depth first in document order, as npm lays the tree out, but without a stack frame per level: the
  // nesting comes from the file.
  const frames: { deps: [string, unknown][]; next: number; prefix: string; keyPath: string }[] = [];
  const open = (deps: unknown, prefix: string, keyPath: string) => {
    if (deps === undefined) return;
    if (!isRecord(deps)) throw new SovscanError('E_PARSE', `Cannot read ${input.path} key "${keyPath}": expected an object. ${REMEDY}`, { file: input.path });
    frames.push({ deps: Object.entries(deps), next: 0, prefix, keyPath });
  };
  open(doc.dependencies, '', 'dependencies');
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next === frame.deps.length) {
      frames.pop();
      continue;
    }
    const [name, value] = frame.deps[frame.next++]!;
    const dep = value as V1Dependency;
    if (!isRecord(dep)) throw new SovscanError('E_PARSE', `Cannot read ${input.path} key "${frame.keyPath}.${name}": expected an object. ${REMEDY}`, { file: input.path });
    checkStrings(dep, `${frame.keyPath}.${name}`, input);
    const path = `${frame.prefix}node_modules/${name}`;
    flat[path] = { ...v1Spec(name, dep), requires: stringRecord(dep.requires) };
    open(dep.dependencies, `${path}/`, `${frame.keyPath}.${name}.dependencies`);
  }

  const entries = new Map<string, LockEntry>();
  const none = new Map<string, string>();
  for (const [path, raw] of Object.entries(flat)) {
    const edges: LockEdge[] = [];
    for (const dep of Object.keys(raw.requires ?? {})) {
      const to = resolveDep(path, dep, flat, none);
      if (to) edges.push({ to, kind: 'prod' });
    }
    const pathName = nameFromPath(path);
    const source = raw.resolved?.startsWith('file:') && !raw.resolved.endsWith('.tgz') ? 'link' : classifyResolved(raw.resolved);
    entries.set(path, {
      key: path,
      name: raw.name ?? pathName,
      version: raw.version ?? '',
      source,
      alias: raw.name && raw.name !== pathName ? pathName : undefined,
      path,
      integrity: raw.integrity,
      resolved: raw.resolved,
      flags: flagsOf(raw),
      edges,
    });
  }
  const rootEdges: LockEdge[] = [];
  const manifest = input.manifest;
  if (manifest) {
    for (const [dep, kind] of declaredEdges(manifest, true)) {
      const to = `node_modules/${dep}`;
      if (entries.has(to)) rootEdges.push({ to, kind });
    }
  } else {
    for (const [path, entry] of entries) {
      if (path.indexOf('/node_modules/') < 0) rootEdges.push({ to: path, kind: entry.flags?.dev ? 'dev' : entry.flags?.optional ? 'optional' : 'prod' });
    }
  }
  const root = rootEntry(manifest, rootEdges);
  if (typeof doc.name === 'string') root.name = manifest?.name ?? doc.name;
  if (typeof doc.version === 'string') root.version = manifest?.version ?? doc.version;
  entries.set('', root);
  return { info: { path: input.path, format: 'npm', version: '1' }, rootKey: '', entries, flagsStated: true };
}

/** v1 `version` holds the spec for aliases (`npm:real@1.0.0`), git (`github:u/r#sha`) and files (`file:../x`). */
function v1Spec(name: string, dep: V1Dependency): RawPackage {
  const version = dep.version ?? '';
  const base: RawPackage = { version, resolved: dep.resolved, integrity: dep.integrity, dev: dep.dev, optional: dep.optional, inBundle: dep.bundled };
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    return { ...base, name: spec.slice(0, at), version: spec.slice(at + 1) };
  }
  if (classifyResolved(version) === 'git') {
    return { ...base, name, resolved: dep.resolved ?? version, version: gitCommit(version) ?? '' };
  }
  if (version.startsWith('file:')) return { ...base, name, version: '', resolved: version };
  if (/^https?:/.test(version)) return { ...base, name, version: versionFromTarball(name, version), resolved: version };
  return base;
}

/** A tarball URL's file name usually carries the version: `…/tarpkg-1.0.0.tgz` → `1.0.0`. */
function versionFromTarball(name: string, url: string): string {
  const file = url.slice(url.lastIndexOf('/') + 1);
  const bare = name.slice(name.lastIndexOf('/') + 1);
  if (!file.startsWith(`${bare}-`)) return '';
  const version = file.slice(bare.length + 1).replace(/\.(tgz|tar\.gz)$/, '');
  return /^\d+\.\d+\.\d+/.test(version) ? version : '';
}
