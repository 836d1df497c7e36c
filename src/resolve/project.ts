/**
 * The file-system edge of `resolve`: find the lockfile for a target, read it and the manifests it needs,
 * then hand bytes to the pure readers. Nothing here parses a lockfile.
 */
import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve as resolvePath } from 'node:path';
import { SovscanError } from '../errors.js';
import { readInputFile } from './input-file.js';
import { isRecord, parseJson, parseYaml } from './parse-text.js';
import type { PackageManifest } from './reader.js';

/** Looked for in this order; npm itself prefers a shrinkwrap over a package-lock. */
export const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;

export interface ProjectFiles {
  dir: string;
  lockfilePath: string;
  lockfileText: string;
  manifest?: PackageManifest;
  workspaces: Map<string, PackageManifest>;
  /** Other lockfiles present next to the one used. */
  ignoredLockfiles: string[];
}

/**
 * What is at `path`, without following a symlink: anything but a directory counts as a file here, so that
 * a FIFO or a link named like a lockfile is found and then refused by name when it is read.
 */
async function exists(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await lstat(path);
    if (s.isDirectory()) return 'dir';
    if (s.isSymbolicLink()) return (await stat(path).catch(() => undefined))?.isDirectory() ? 'dir' : 'file';
    return 'file';
  } catch {
    return undefined;
  }
}

/** `root`: the project directory, which the file must not leave through a symlink. */
export async function readManifest(path: string, root = dirname(path)): Promise<PackageManifest | undefined> {
  if ((await exists(path)) !== 'file') return undefined;
  const doc = parseJson(await readInputFile(path, { root }), path, 'Fix the JSON syntax of package.json');
  if (!isRecord(doc)) throw new SovscanError('E_PARSE', `Cannot read ${path}: expected a JSON object`, { file: path });
  return doc as PackageManifest;
}

/** Find and read the lockfile for `target`: a directory (default `.`) or a lockfile path. */
export async function loadProject(target: string): Promise<ProjectFiles> {
  const absolute = resolvePath(target);
  const kind = await exists(absolute);
  if (kind === undefined) {
    throw new SovscanError('E_NOT_FOUND', `Cannot find ${target}: no such file or directory. Give a project directory, a lockfile or a package spec`, { file: target });
  }
  let dir: string;
  let lockfilePath: string;
  const ignoredLockfiles: string[] = [];
  if (kind === 'file') {
    if (!(LOCKFILE_NAMES as readonly string[]).includes(basename(absolute))) {
      throw new SovscanError('E_USAGE', `Cannot scan ${target}: not a lockfile. Give a directory or one of ${LOCKFILE_NAMES.join(', ')}`, { file: target });
    }
    dir = dirname(absolute);
    lockfilePath = absolute;
  } else {
    dir = absolute;
    const found: string[] = [];
    for (const name of LOCKFILE_NAMES) if ((await exists(join(dir, name))) === 'file') found.push(join(dir, name));
    if (found.length === 0) {
      throw new SovscanError(
        'E_NO_LOCKFILE',
        `No lockfile found in ${target}: looked for ${LOCKFILE_NAMES.join(', ')}, and there is no package.json to resolve from the registry. Create a lockfile with 'npm install --package-lock-only', 'pnpm install --lockfile-only' or 'yarn install'`,
        { file: target },
      );
    }
    lockfilePath = found[0]!;
    // package-lock.json next to npm-shrinkwrap.json is expected: npm ignores it.
    ignoredLockfiles.push(...found.slice(1).filter((f) => !(basename(lockfilePath) === 'npm-shrinkwrap.json' && basename(f) === 'package-lock.json')));
  }
  const manifest = await readManifest(join(dir, 'package.json'));
  const workspaces = await readWorkspaces(dir, manifest);
  return { dir, lockfilePath, lockfileText: await readInputFile(lockfilePath, { root: dir }), manifest, workspaces, ignoredLockfiles };
}

/** Workspace manifests from package.json `workspaces` (npm, yarn) or pnpm-workspace.yaml `packages`. */
async function readWorkspaces(dir: string, manifest: PackageManifest | undefined): Promise<Map<string, PackageManifest>> {
  const patterns: string[] = [];
  const declared = manifest?.workspaces;
  if (Array.isArray(declared)) patterns.push(...declared);
  else if (declared && Array.isArray(declared.packages)) patterns.push(...declared.packages);
  const pnpmFile = join(dir, 'pnpm-workspace.yaml');
  if ((await exists(pnpmFile)) === 'file') {
    const doc = await parseYaml(await readInputFile(pnpmFile, { root: dir }), pnpmFile, 'Fix the YAML syntax of pnpm-workspace.yaml');
    if (isRecord(doc) && Array.isArray(doc.packages)) patterns.push(...doc.packages.filter((p): p is string => typeof p === 'string'));
  }
  const out = new Map<string, PackageManifest>();
  if (patterns.length === 0) return out;
  const { glob } = await import('tinyglobby');
  const dirs = await glob(patterns.map((p) => (p.startsWith('!') ? p : `${p.replace(/\/$/, '')}/package.json`)), {
    cwd: dir,
    ignore: ['**/node_modules/**'],
  });
  for (const file of dirs.sort()) {
    const wsDir = relative(dir, join(dir, dirname(file))).split('\\').join('/');
    if (wsDir === '' || wsDir === '.') continue;
    const m = await readManifest(join(dir, file), dir);
    if (m) out.set(wsDir, m);
  }
  return out;
}
