/**
 * pnpm-lock.yaml, lockfileVersion 5.x (`/name/1.0.0_peer`), 6.x (`/name@1.0.0(peer@1)`) and 9.x
 * (`name@1.0.0`, dependencies moved to `snapshots`). See pnpm's lockfile format notes in its repository
 * (packages/lockfile/types). Importers give the root and workspaces; peer suffixes are kept in keys
 * (they are distinct installs) and stripped for versions.
 */
import { SovscanError } from '../errors.js';
import type { SourceType } from '../model.js';
import type { EdgeKind, LockEntry } from './lockgraph.js';
import { isRecord, parseYaml, stringRecord } from './parse-text.js';
import type { LockfileReader } from './reader.js';
import { classifyResolved } from './source.js';
import { splitDescriptor } from './descriptor.js';

const REMEDY = "Regenerate it with 'pnpm install --lockfile-only'";

type Generation = 5 | 6 | 9;

interface Importer {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
}

export const pnpmLockReader: LockfileReader = {
  name: 'pnpm',
  matches: (fileName) => fileName === 'pnpm-lock.yaml',
  async parse(input) {
    const doc = await parseYaml(input.text, input.path, REMEDY);
    if (!isRecord(doc)) throw new SovscanError('E_PARSE', `Cannot read ${input.path}: expected a YAML mapping. ${REMEDY}`, { file: input.path });
    const raw = doc.lockfileVersion;
    const version = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
    const major = Number.parseFloat(version);
    const generation: Generation | undefined = major >= 5 && major < 6 ? 5 : major >= 6 && major < 7 ? 6 : major >= 9 && major < 10 ? 9 : undefined;
    if (generation === undefined) {
      throw new SovscanError(
        'E_LOCKFILE_VERSION',
        `Unsupported lockfileVersion in ${input.path}: ${JSON.stringify(raw)}. sovscan reads pnpm lockfile versions 5.x, 6.x and 9.x; regenerate it with pnpm 7, 8, 9 or 10 ('pnpm install --lockfile-only')`,
        { file: input.path },
      );
    }
    const packages = isRecord(doc.packages) ? doc.packages : {};
    const snapshots = generation === 9 && isRecord(doc.snapshots) ? doc.snapshots : packages;
    const entries = new Map<string, LockEntry>();

    const keyFor = (name: string, ref: string): string | undefined => {
      if (ref.startsWith('link:')) return undefined;
      const candidates = generation === 5 ? [`/${name}/${ref}`, ref] : generation === 6 ? [`/${name}@${ref}`, ref] : [`${name}@${ref}`, ref];
      return candidates.find((c) => snapshots[c] !== undefined);
    };

    for (const [key, value] of Object.entries(snapshots)) {
      if (!isRecord(value)) throw new SovscanError('E_PARSE', `Cannot read ${input.path} key "${key}": expected a mapping. ${REMEDY}`, { file: input.path });
      const meta = generation === 9 ? (packages[stripPeers(key, 9)] as Record<string, unknown> | undefined) ?? {} : value;
      const parsed = parseKey(key, generation);
      const name = typeof meta.name === 'string' ? meta.name : parsed.name;
      const resolution = isRecord(meta.resolution) ? meta.resolution : {};
      const { source, resolved } = sourceOf(resolution);
      const version = typeof meta.version === 'string' ? meta.version : parsed.version;
      entries.set(key, {
        key,
        name,
        version: source === 'git' && !/^\d/.test(version) ? String(resolution.commit ?? version) : version,
        source,
        integrity: typeof resolution.integrity === 'string' ? resolution.integrity : undefined,
        resolved,
        license: typeof meta.license === 'string' ? meta.license : undefined,
        edges: [],
      });
    }
    for (const [key, value] of Object.entries(snapshots)) {
      const v = value as Record<string, unknown>;
      const edges = entries.get(key)!.edges;
      const add = (deps: unknown, kind: EdgeKind) => {
        for (const [dep, ref] of Object.entries(stringRecord(deps))) {
          const to = keyFor(dep, ref);
          if (to !== undefined) edges.push({ to, kind });
        }
      };
      add(v.dependencies, 'prod');
      add(v.optionalDependencies, 'optional');
      const meta = generation === 9 ? (packages[stripPeers(key, 9)] as Record<string, unknown> | undefined) ?? {} : v;
      const bundled = Array.isArray(meta.bundledDependencies) ? meta.bundledDependencies : [];
      for (const name of bundled) {
        const to = typeof name === 'string' ? keyFor(name, stringRecord(v.dependencies)[name] ?? '') : undefined;
        if (to) entries.get(to)!.flags = { bundled: true };
      }
    }

    const importers = readImporters(doc);
    const rootKey = '.';
    for (const dir of importers.keys()) {
      const key = `importer:${dir}`;
      const manifest = dir === '.' ? input.manifest : input.workspaces.get(dir);
      entries.set(key, {
        key,
        name: manifest?.name ?? (dir === '.' ? '' : dir),
        version: manifest?.version ?? '',
        source: dir === '.' ? 'root' : 'workspace',
        path: dir === '.' ? '' : dir,
        resolved: dir === '.' ? undefined : dir,
        edges: [],
      });
    }
    for (const [dir, importer] of importers) {
      const from = entries.get(`importer:${dir}`)!;
      const add = (deps: Record<string, string>, kind: EdgeKind) => {
        for (const [dep, ref] of Object.entries(deps)) {
          if (ref.startsWith('link:')) {
            const target = `importer:${joinDir(dir, ref.slice(5))}`;
            if (entries.has(target)) from.edges.push({ to: target, kind });
            continue;
          }
          const to = keyFor(dep, ref);
          if (to === undefined) continue;
          from.edges.push({ to, kind });
          const entry = entries.get(to)!;
          // Direct dependencies are installed at node_modules/<name> of their importer.
          const path = dir === '.' ? `node_modules/${dep}` : `${dir}/node_modules/${dep}`;
          entries.set(`${to}\u0000${path}`, { ...entry, key: `${to}\u0000${path}`, path, alias: dep !== entry.name ? dep : undefined, edges: [] });
        }
      };
      add(importer.dependencies, 'prod');
      add(importer.optionalDependencies, 'optional');
      add(importer.devDependencies, 'dev');
    }
    // Every importer but the root is a workspace package the root depends on.
    const root = entries.get(`importer:${rootKey}`)!;
    for (const dir of importers.keys()) if (dir !== rootKey && !root.edges.some((e) => e.to === `importer:${dir}`)) root.edges.push({ to: `importer:${dir}`, kind: 'prod' });
    return { info: { path: input.path, format: 'pnpm', version }, rootKey: `importer:${rootKey}`, entries, flagsStated: false };
  },
};

function readImporters(doc: Record<string, unknown>): Map<string, Importer> {
  const out = new Map<string, Importer>();
  const read = (value: Record<string, unknown>): Importer => {
    const deps = (field: string): Record<string, string> => {
      const raw = value[field];
      if (!isRecord(raw)) return {};
      const result: Record<string, string> = {};
      for (const [name, v] of Object.entries(raw)) {
        // 5.x: `name: 1.0.0`; 6.x and 9.x: `name: { specifier, version }`.
        if (typeof v === 'string') result[name] = v;
        else if (isRecord(v) && typeof v.version === 'string') result[name] = v.version;
      }
      return result;
    };
    return { dependencies: deps('dependencies'), devDependencies: deps('devDependencies'), optionalDependencies: deps('optionalDependencies') };
  };
  if (isRecord(doc.importers)) {
    for (const [dir, value] of Object.entries(doc.importers)) if (isRecord(value)) out.set(dir, read(value));
  } else {
    out.set('.', read(doc));
  }
  if (!out.has('.')) out.set('.', { dependencies: {}, devDependencies: {}, optionalDependencies: {} });
  return out;
}

function joinDir(base: string, relative: string): string {
  const parts = base === '.' ? [] : base.split('/');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/** `name@1.0.0(react@18.0.0)(b@1)` → `name@1.0.0`; 5.x: `/name/1.0.0_react@18.0.0` → `/name/1.0.0`. */
function stripPeers(key: string, generation: Generation): string {
  if (generation === 5) {
    const slash = key.lastIndexOf('/');
    const underscore = key.indexOf('_', slash);
    return underscore >= 0 ? key.slice(0, underscore) : key;
  }
  const paren = key.indexOf('(');
  return paren >= 0 ? key.slice(0, paren) : key;
}

function parseKey(key: string, generation: Generation): { name: string; version: string } {
  const bare = stripPeers(key, generation).replace(/^\//, '');
  if (generation === 5) {
    const slash = bare.lastIndexOf('/');
    return { name: bare.slice(0, slash), version: bare.slice(slash + 1) };
  }
  const { name, range } = splitDescriptor(bare);
  return { name, version: range };
}

function sourceOf(resolution: Record<string, unknown>): { source: SourceType; resolved?: string } {
  if (resolution.type === 'git' && typeof resolution.repo === 'string') {
    return { source: 'git', resolved: `git+${resolution.repo}#${String(resolution.commit ?? '')}` };
  }
  if (resolution.type === 'directory' && typeof resolution.directory === 'string') return { source: 'link', resolved: resolution.directory };
  if (typeof resolution.tarball === 'string') {
    const tarball = resolution.tarball;
    if (tarball.startsWith('file:')) return { source: 'file', resolved: tarball };
    const source = classifyResolved(tarball);
    return { source: source === 'git' ? 'git' : source, resolved: tarball };
  }
  return { source: 'registry' };
}
