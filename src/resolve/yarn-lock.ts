/**
 * yarn.lock, both generations, parsed with yarn's own parser (@yarnpkg/parsers):
 * classic (v1, `# yarn lockfile v1`) and berry (v2+, with `__metadata`).
 * Neither records dev-ness; berry records workspaces, classic does not, so both read the manifests.
 */
import { SovscanError } from '../errors.js';
import type { SourceType } from '../model.js';
import { indentTooDeepAt, tooDeep } from './depth.js';
import { aliasTarget, splitDescriptor } from './descriptor.js';
import type { EdgeKind, LockEdge, LockEntry } from './lockgraph.js';
import { isRecord, parserReason, stringRecord } from './parse-text.js';
import type { LockfileInput, LockfileReader, PackageManifest } from './reader.js';
import { classifyResolved, gitCommit } from './source.js';

const REMEDY = "Regenerate it with 'yarn install --mode=update-lockfile' (yarn 2+) or 'yarn install' (yarn 1)";

async function parseLock(input: LockfileInput): Promise<Record<string, unknown>> {
  // Loaded on demand: only yarn projects pay for yarn's parser.
  const { parseSyml } = await import('@yarnpkg/parsers');
  const deep = indentTooDeepAt(input.text);
  if (deep !== undefined) throw tooDeep(input.path, input.text, deep, REMEDY);
  try {
    const doc = parseSyml(input.text) as unknown;
    if (!isRecord(doc)) throw new Error('expected a mapping of package descriptors');
    return doc;
  } catch (error) {
    const e = error as { message: string; location?: { start: { line: number; column: number } }; mark?: { line: number; column: number } };
    const where = e.location ? ` line ${e.location.start.line} column ${e.location.start.column}` : e.mark ? ` line ${e.mark.line + 1} column ${e.mark.column + 1}` : '';
    const reason = parserReason(e.message.split('\n')[0]!.replace(/ \(line \d+, column \d+\)/, '').replace(/ \(\d+:\d+\)$/, ''));
    throw new SovscanError('E_PARSE', `Cannot parse ${input.path}${where}: ${reason}. ${REMEDY}`, { file: input.path, cause: error });
  }
}

function manifestEdges(manifest: PackageManifest | undefined): [string, string, EdgeKind][] {
  if (!manifest) return [];
  const out: [string, string, EdgeKind][] = [];
  for (const [n, r] of Object.entries(manifest.dependencies ?? {})) out.push([n, r, 'prod']);
  for (const [n, r] of Object.entries(manifest.optionalDependencies ?? {})) out.push([n, r, 'optional']);
  for (const [n, r] of Object.entries(manifest.devDependencies ?? {})) out.push([n, r, 'dev']);
  return out;
}

function sourceOfRange(range: string, resolved: string | undefined): SourceType {
  if (range.startsWith('link:') || range.startsWith('portal:')) return 'link';
  if (range.startsWith('file:')) return range.endsWith('.tgz') || range.endsWith('.tar.gz') ? 'file' : 'link';
  if (classifyResolved(range) === 'git' || /\.git(#|$)|#commit=/.test(range)) return 'git';
  if (/^https?:/.test(range)) return classifyResolved(range) === 'registry' ? 'registry' : 'tarball';
  return classifyResolved(resolved);
}

export const yarnClassicReader: LockfileReader = {
  name: 'yarn-classic',
  matches: (fileName, text) => fileName === 'yarn.lock' && !/^__metadata:/m.test(text),
  async parse(input) {
    const doc = await parseLock(input);
    const entries = new Map<string, LockEntry>();
    const byDescriptor = new Map<string, string>();
    const deps = new Map<string, [Record<string, string>, Record<string, string>]>();
    for (const [keys, value] of Object.entries(doc)) {
      if (!isRecord(value)) throw new SovscanError('E_PARSE', `Cannot read ${input.path} entry "${keys}": expected a mapping. ${REMEDY}`, { file: input.path });
      const descriptors = keys.split(/,\s*/).map((d) => d.trim().replace(/^"|"$/g, ''));
      const first = splitDescriptor(descriptors[0]!);
      const resolved = typeof value.resolved === 'string' ? value.resolved : undefined;
      const source = sourceOfRange(first.range, resolved);
      const name = aliasTarget(first.range) ?? first.name;
      const version = typeof value.version === 'string' ? value.version : '';
      const key = descriptors[0]!;
      entries.set(key, {
        key,
        name,
        version: source === 'git' && !version ? (gitCommit(resolved ?? first.range) ?? '') : version,
        source,
        alias: name !== first.name ? first.name : undefined,
        integrity: typeof value.integrity === 'string' ? value.integrity : undefined,
        resolved: source === 'registry' ? resolved : (resolved ?? first.range),
        edges: [],
      });
      for (const d of descriptors) byDescriptor.set(d, key);
      deps.set(key, [stringRecord(value.dependencies), stringRecord(value.optionalDependencies)]);
    }
    const workspaceKeys = addWorkspaces(input, entries);
    for (const [key, [prod, optional]] of deps) {
      const edges = entries.get(key)!.edges;
      for (const [n, r] of Object.entries(prod)) link(edges, byDescriptor.get(`${n}@${r}`) ?? workspaceKeys.get(n), 'prod');
      for (const [n, r] of Object.entries(optional)) link(edges, byDescriptor.get(`${n}@${r}`) ?? workspaceKeys.get(n), 'optional');
    }
    const manifests: [string, PackageManifest | undefined][] = [['', input.manifest], ...[...input.workspaces].map(([dir, m]) => [`workspace:${dir}`, m] as [string, PackageManifest])];
    for (const [key, manifest] of manifests) {
      const edges = entries.get(key)!.edges;
      for (const [n, r, kind] of manifestEdges(manifest)) link(edges, workspaceKeys.get(n) ?? byDescriptor.get(`${n}@${r}`), kind);
    }
    return { info: { path: input.path, format: 'yarn-classic', version: '1' }, rootKey: '', entries, flagsStated: false };
  },
};

/** Root and workspace entries from the manifests; returns workspace package name → entry key. */
function addWorkspaces(input: LockfileInput, entries: Map<string, LockEntry>): Map<string, string> {
  entries.set('', { key: '', name: input.manifest?.name ?? '', version: input.manifest?.version ?? '', source: 'root', path: '', edges: [] });
  const keys = new Map<string, string>();
  for (const [dir, manifest] of input.workspaces) {
    const key = `workspace:${dir}`;
    entries.set(key, { key, name: manifest.name ?? dir, version: manifest.version ?? '', source: 'workspace', path: dir, resolved: dir, edges: [] });
    if (manifest.name) keys.set(manifest.name, key);
    entries.get('')!.edges.push({ to: key, kind: 'prod' });
  }
  return keys;
}

function link(edges: LockEdge[], to: string | undefined, kind: EdgeKind): void {
  if (to !== undefined) edges.push({ to, kind });
}

export const yarnBerryReader: LockfileReader = {
  name: 'yarn-berry',
  matches: (fileName, text) => fileName === 'yarn.lock' && /^__metadata:/m.test(text),
  async parse(input) {
    const doc = await parseLock(input);
    const metadata = isRecord(doc.__metadata) ? doc.__metadata : {};
    const entries = new Map<string, LockEntry>();
    const byDescriptor = new Map<string, string>();
    const raw = new Map<string, Record<string, unknown>>();
    let rootKey: string | undefined;
    for (const [keys, value] of Object.entries(doc)) {
      if (keys === '__metadata') continue;
      if (!isRecord(value)) throw new SovscanError('E_PARSE', `Cannot read ${input.path} entry "${keys}": expected a mapping. ${REMEDY}`, { file: input.path });
      const descriptors = keys.split(/,\s*/).map((d) => d.trim());
      const resolution = typeof value.resolution === 'string' ? value.resolution : descriptors[0]!;
      const { name, range } = splitDescriptor(resolution);
      const installedAs = splitDescriptor(descriptors[0]!).name;
      const version = typeof value.version === 'string' ? value.version : '';
      const key = resolution;
      let source = berrySource(range);
      if (range === 'workspace:.') {
        source = 'root';
        rootKey = key;
      }
      entries.set(key, {
        key,
        name,
        version: source === 'git' && (!version || version === '0.0.0-use.local') ? (gitCommit(range) ?? '').replace(/^commit=/, '') : version === '0.0.0-use.local' ? '' : version,
        source,
        alias: installedAs !== name ? installedAs : undefined,
        path: source === 'workspace' ? range.slice('workspace:'.length) : source === 'root' ? '' : undefined,
        resolved: source === 'registry' ? undefined : range,
        edges: [],
      });
      // Descriptors of file: and link: dependencies carry `::locator=…`; dependents refer to them without it.
      for (const d of descriptors) {
        byDescriptor.set(d, key);
        byDescriptor.set(d.replace(/::.*$/, ''), key);
      }
      raw.set(key, value);
    }
    if (rootKey === undefined) {
      throw new SovscanError('E_PARSE', `Cannot read ${input.path}: no root workspace entry ("<name>@workspace:."). ${REMEDY}`, { file: input.path });
    }
    const manifestsByPath = new Map<string, PackageManifest | undefined>([['', input.manifest], ...input.workspaces]);
    for (const [key, value] of raw) {
      const entry = entries.get(key)!;
      if (entry.source === 'root' || entry.source === 'workspace') entry.version = manifestsByPath.get(entry.path ?? '')?.version ?? '';
      const meta = isRecord(value.dependenciesMeta) ? value.dependenciesMeta : {};
      const manifest = entry.source === 'root' || entry.source === 'workspace' ? manifestsByPath.get(entry.path ?? '') : undefined;
      const edgeKind = (dep: string): EdgeKind => {
        if (manifest?.devDependencies?.[dep] !== undefined && manifest.dependencies?.[dep] === undefined) return 'dev';
        const m = meta[dep];
        // yarn's parser reads berry lockfiles with YAML's failsafe schema: booleans arrive as strings.
        return isRecord(m) && (m.optional === true || m.optional === 'true') ? 'optional' : 'prod';
      };
      for (const [dep, range] of Object.entries(stringRecord(value.dependencies))) {
        link(entry.edges, lookupBerry(byDescriptor, dep, range), edgeKind(dep));
      }
      for (const [dep, range] of Object.entries(stringRecord(value.peerDependencies))) {
        link(entry.edges, lookupBerry(byDescriptor, dep, range), 'peer');
      }
    }
    const version = typeof metadata.version === 'string' || typeof metadata.version === 'number' ? String(metadata.version) : '';
    return { info: { path: input.path, format: 'yarn-berry', version }, rootKey, entries, flagsStated: false };
  },
};

function berrySource(range: string): SourceType {
  if (range.startsWith('npm:') || range.startsWith('patch:')) return 'registry';
  if (range.startsWith('workspace:')) return 'workspace';
  return sourceOfRange(range.replace(/#.*$/, ''), undefined);
}

function lookupBerry(byDescriptor: Map<string, string>, dep: string, range: string): string | undefined {
  return byDescriptor.get(`${dep}@${range}`) ?? byDescriptor.get(`${dep}@npm:${range}`);
}
