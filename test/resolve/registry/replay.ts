/**
 * A loopback registry replaying recorded packuments (scripts/record-packuments.js), and npm's own answer
 * for a spec resolved against it.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { startRegistry, type RegistryServer } from '../../enrich/registry-server.js';
import { FIXTURES, tempDir } from '../../helpers.js';

export function recordedPackuments(file = 'express-angular.json.gz'): Record<string, unknown> {
  return JSON.parse(gunzipSync(readFileSync(join(FIXTURES, 'packuments', file))).toString('utf8')) as Record<string, unknown>;
}

export async function startReplay(packuments = recordedPackuments()): Promise<RegistryServer> {
  const server = await startRegistry();
  server.fallback = (path) => {
    const key = path.replace(/^\//, '');
    if (packuments[key] !== undefined) return { kind: 'json', body: packuments[key] };
    // A per-version document: `<name>/<version>`.
    const slash = key.lastIndexOf('/');
    const versions = (packuments[key.slice(0, slash)] as { versions?: Record<string, unknown> } | undefined)?.versions;
    const body = versions?.[key.slice(slash + 1)];
    return body === undefined ? undefined : { kind: 'json', body };
  };
  return server;
}

/** npm's own resolution: `npm install --package-lock-only` in `dir` against `registry`, its lockfile's packages. */
export async function npmLockPackages(dir: string, registry: string, spec?: string): Promise<Record<string, { name?: string; version?: string }>> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--registry', registry, '--cache', join(dir, '.npm-cache')];
  await promisify(execFile)(npm, spec ? [...args, spec] : args, { cwd: dir });
  return (JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { name?: string; version?: string }> }).packages;
}

/** The (name, version) pairs of the lockfile npm writes for `spec` in an empty directory. */
export async function npmPairs(spec: string, registry: string): Promise<string[]> {
  const dir = tempDir('sovscan-npm-');
  writeFileSync(join(dir, 'package.json'), '{}\n');
  return Object.entries(await npmLockPackages(dir, registry, spec))
    .filter(([path]) => path !== '')
    .map(([path, entry]) => `${entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`)
    .sort();
}
