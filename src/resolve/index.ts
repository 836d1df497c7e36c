/**
 * resolve: a project directory or lockfile in, a dependency graph out. The lockfile readers are pure; this
 * file picks one, then narrows and checks the result. A package spec, or a package.json without a
 * lockfile, goes to registry resolution (./registry/) instead.
 */
import { basename, join, relative, resolve as resolvePath } from 'node:path';
import type npa from 'npm-package-arg';
import { clause, SovscanError } from '../errors.js';
import type { Graph, Issue, PackageNode } from '../model.js';
import { buildGraph, type OmitKind } from './lockgraph.js';
import { npmLockReader } from './npm-lock.js';
import { pnpmLockReader } from './pnpm-lock.js';
import { loadProject, readManifest, type ProjectFiles } from './project.js';
import type { LockfileReader, PackageManifest } from './reader.js';
import { yarnBerryReader, yarnClassicReader } from './yarn-lock.js';

/** Every lockfile format sovscan reads, in one visible list. */
export const READERS: readonly LockfileReader[] = [npmLockReader, yarnClassicReader, yarnBerryReader, pnpmLockReader];

export interface ResolveOptions {
  omit?: readonly OmitKind[];
  workspace?: string;
  /** For registry resolution (a package spec, or a project without a lockfile). */
  registry?: string;
  allowEnv?: readonly string[];
  allowedRegistries?: readonly string[];
  cacheDir?: string;
  offline?: boolean;
  concurrency?: number;
}

export interface Resolved {
  graph: Graph;
  issues: Issue[];
  /** Where the project's .npmrc is looked for. */
  projectDir: string;
  /** False when registry resolution could not place every dependency. */
  complete: boolean;
}

/** A directory, a lockfile, a directory with only a package.json, or a package spec (`express@4`). */
export async function resolveTarget(target: string, options: ResolveOptions = {}): Promise<Resolved> {
  let project: ProjectFiles;
  try {
    project = await loadProject(target);
  } catch (error) {
    if (!(error instanceof SovscanError)) throw error;
    if (error.code === 'E_NOT_FOUND') {
      const spec = await registrySpec(target);
      if (spec) return resolveSpec(target, spec, options);
    }
    if (error.code === 'E_NO_LOCKFILE') {
      const dir = resolvePath(target);
      const manifest = await readManifest(join(dir, 'package.json'));
      if (manifest) return resolveManifest(dir, manifest, options);
    }
    throw error;
  }
  return resolveLockfile(project, options);
}

/** `name`, `name@range`, `name@tag`, `@scope/name@…`, when no file of that name exists. */
async function registrySpec(target: string): Promise<npa.Result | undefined> {
  const { default: parse } = await import('npm-package-arg');
  try {
    const parsed = parse(target);
    return parsed.registry && parsed.name && !target.includes('\\') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function registryOptions(projectDir: string, options: ResolveOptions) {
  return { projectDir, registry: options.registry, allowEnv: options.allowEnv, allowedRegistries: options.allowedRegistries, cacheDir: options.cacheDir, offline: options.offline ?? false, concurrency: options.concurrency ?? 16, omit: options.omit };
}

/** `--workspace` narrows a lockfile's tree; a tree resolved from the registry has no workspaces to narrow to. */
function refuseWorkspace(options: ResolveOptions, what: string, instead: string): void {
  if (options.workspace === undefined) return;
  throw new SovscanError('E_USAGE', `--workspace ${options.workspace} needs a lockfile, and ${what} is resolved from the registry without one. ${instead}`);
}

async function resolveSpec(target: string, parsed: npa.Result, options: ResolveOptions): Promise<Resolved> {
  refuseWorkspace(options, target, 'Leave out --workspace');
  const projectDir = process.cwd();
  const { resolveFromRegistry } = await import('./registry/index.js');
  const { graph, issues } = await resolveFromRegistry(
    { name: target, version: '', manifest: { name: '', version: '', dependencies: { [parsed.name!]: parsed.rawSpec || 'latest' } } },
    registryOptions(projectDir, options),
  );
  // The package asked for cannot be had: there is nothing to vet, which is an input error, not a result.
  if (graph.nodes.size === 0 && issues.length > 0) {
    throw new SovscanError('E_NOT_FOUND', `${issues.map((i) => clause(i.message)).join('; ')}. Check the package name and version, the registry (--registry) and the network`);
  }
  return { graph, issues, projectDir, complete: !issues.some((i) => i.severity === 'error') };
}

async function resolveManifest(dir: string, manifest: PackageManifest, options: ResolveOptions): Promise<Resolved> {
  const shown = relative(process.cwd(), join(dir, 'package.json')) || 'package.json';
  refuseWorkspace(options, shown, "Scan the workspace's own folder (sovscan scan packages/NAME), or commit a lockfile ('npm install --package-lock-only')");
  const { resolveFromRegistry } = await import('./registry/index.js');
  const { graph, issues } = await resolveFromRegistry(
    { name: manifest.name ?? basename(dir), version: manifest.version ?? '', manifest: { ...manifest, name: manifest.name ?? '', version: manifest.version ?? '' } },
    registryOptions(dir, options),
  );
  issues.unshift({
    severity: 'warning',
    code: 'W_NO_LOCKFILE',
    message: `${shown} has no lockfile beside it: resolved its dependencies from the registry as npm would today. Commit a lockfile ('npm install --package-lock-only') to scan exactly what you install`,
    file: shown,
  });
  if (manifest.workspaces) {
    issues.push({
      severity: 'warning',
      code: 'W_NO_LOCKFILE_WORKSPACES',
      message: `${shown} declares workspaces; without a lockfile only the root's dependencies are resolved. Scan a workspace's own folder (sovscan scan packages/NAME), or commit a lockfile to scan them all`,
      file: shown,
    });
  }
  return { graph, issues, projectDir: dir, complete: !issues.some((i) => i.severity === 'error') };
}

async function resolveLockfile(project: ProjectFiles, options: ResolveOptions): Promise<Resolved> {
  const shownPath = relative(process.cwd(), project.lockfilePath) || basename(project.lockfilePath);
  const fileName = basename(project.lockfilePath);
  const reader = READERS.find((r) => r.matches(fileName, project.lockfileText));
  if (!reader) throw new SovscanError('E_USAGE', `Cannot read ${shownPath}: no reader for this file`, { file: shownPath });
  const lock = await reader.parse({ path: shownPath, text: project.lockfileText, manifest: project.manifest, workspaces: project.workspaces });
  let graph = buildGraph(lock, { omit: options.omit });
  graph.lockfile = { ...graph.lockfile!, text: project.lockfileText };
  const issues: Issue[] = [];
  for (const other of project.ignoredLockfiles) {
    issues.push({ severity: 'warning', code: 'W_MULTIPLE_LOCKFILES', message: `Also found ${basename(other)}; used ${fileName}. Remove the lockfile of the package manager you do not use`, file: other });
  }
  issues.push(...(await checkAgainstManifest(graph, project.manifest, shownPath)));
  if (options.workspace !== undefined) graph = narrowToWorkspace(graph, options.workspace, project.dir);
  if (graph.nodes.size === 0) {
    issues.push({ severity: 'warning', code: 'W_EMPTY_TREE', message: `${shownPath} lists no dependencies: the SBOM has no components`, file: shownPath });
  }
  return { graph, issues, projectDir: project.dir, complete: true };
}

/** Say where the lockfile disagrees with package.json; the lockfile stays the truth for the scan. */
async function checkAgainstManifest(graph: Graph, manifest: PackageManifest | undefined, lockfile: string): Promise<Issue[]> {
  if (!manifest) return [];
  const semver = await loadSemver();
  const direct = new Map<string, PackageNode>();
  for (const id of graph.root.dependencies) {
    const node = graph.nodes.get(id);
    if (!node) continue;
    direct.set(node.name, node);
    for (const alias of node.aliases) direct.set(alias, node);
  }
  const issues: Issue[] = [];
  const declared = { ...manifest.optionalDependencies, ...manifest.devDependencies, ...manifest.dependencies };
  const omittedKinds = graph.root.dependencies.size === 0 && Object.keys(declared).length > 0;
  for (const [name, range] of Object.entries(declared)) {
    const node = direct.get(name);
    if (!node) {
      // With --omit, a missing dev or optional dependency is expected.
      if (!omittedKinds && manifest.dependencies?.[name] !== undefined) {
        issues.push({ severity: 'warning', code: 'W_LOCKFILE_STALE', message: `package.json declares ${name}@${range} but ${lockfile} has no such direct dependency; the scan uses the lockfile. Run your package manager's install to update it`, file: lockfile, package: name });
      }
      continue;
    }
    const wanted = range.startsWith('npm:') ? range.slice(range.lastIndexOf('@') + 1) : range;
    if (node.source === 'registry' && semver.validRange(wanted) && semver.valid(node.version) && !semver.satisfies(node.version, wanted, { includePrerelease: true })) {
      issues.push({ severity: 'warning', code: 'W_LOCKFILE_STALE', message: `package.json wants ${name}@${range} but ${lockfile} has ${node.version}; the scan uses the lockfile. Run your package manager's install to update it`, file: lockfile, package: name });
    }
  }
  return issues;
}

/** Only the three functions used, to keep start-up short. */
async function loadSemver() {
  const [satisfies, valid, validRange] = await Promise.all([
    import('semver/functions/satisfies.js'),
    import('semver/functions/valid.js'),
    import('semver/ranges/valid.js'),
  ]);
  return { satisfies: satisfies.default, valid: valid.default, validRange: validRange.default };
}

/** `--workspace NAME`: the workspace package becomes the root; only what it reaches is kept. */
function narrowToWorkspace(graph: Graph, wanted: string, projectDir: string): Graph {
  const workspaces = [...graph.nodes.values()].filter((n) => n.source === 'workspace');
  const match = workspaces.find((n) => n.name === wanted || n.paths.includes(wanted) || n.resolved === wanted);
  if (!match) {
    const known = workspaces.map((n) => n.name).sort();
    throw new SovscanError(
      'E_WORKSPACE',
      `No workspace named ${wanted} in ${projectDir}: ${known.length > 0 ? `the workspaces are ${known.join(', ')}` : 'the project has no workspaces'}`,
    );
  }
  const keep = new Map<string, PackageNode>();
  const queue = [match];
  while (queue.length > 0) {
    const node = queue.pop()!;
    for (const id of node.dependencies) {
      const child = graph.nodes.get(id);
      if (child && !keep.has(id) && child !== match) {
        keep.set(id, child);
        queue.push(child);
      }
    }
  }
  return { root: { ...match, source: 'root' }, nodes: keep, lockfile: graph.lockfile };
}
