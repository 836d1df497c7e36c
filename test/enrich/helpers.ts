import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrich, type EnrichOptions } from '../../src/enrich/index.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { tempDir } from '../helpers.js';

/** A project whose lockfile lists `name@version` pairs from the registry. */
export function projectWith(packages: [string, string][], extra: Record<string, unknown> = {}): string {
  const dir = tempDir();
  const root = { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(packages.map(([n, v]) => [n, v])) };
  const lock = {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: { '': root, ...Object.fromEntries(packages.map(([n, v]) => [`node_modules/${n}`, { version: v, ...extra[n] as object }])) },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(root));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
  return dir;
}

/** Options that isolate a test from the machine: no user or global npmrc, no environment, fast retries. */
export function isolated(registry: string, overrides: Partial<EnrichOptions> = {}): EnrichOptions {
  return {
    registry,
    env: {},
    userConfig: '/nonexistent/.npmrc',
    globalConfig: '/nonexistent/npmrc',
    cacheDir: tempDir('sovscan-cache-'),
    offline: false,
    concurrency: 4,
    history: false,
    http: { timeoutMs: 400, retries: 2, backoffMs: 5, maxRetryAfterMs: 2_000 },
    ...overrides,
  };
}

export async function enrichProject(dir: string, options: EnrichOptions) {
  const { graph } = await resolveTarget(dir);
  return { graph, ...(await enrich(graph, options)) };
}

/** The per-version document of `name@version`, as a registry serves it. */
export function versionDoc(name: string, version: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, version, dist: { integrity: 'sha512-AAAA', tarball: `https://registry.npm.test/${name}/-/${name}-${version}.tgz` }, ...fields };
}

/** For a registry server: every `/<name>/<version>` it has no route for is answered with a minimal per-version document. */
export function anyVersion(path: string): { kind: 'json'; body: Record<string, unknown> } {
  const at = path.lastIndexOf('/');
  return { kind: 'json', body: versionDoc(path.slice(1, at), path.slice(at + 1)) };
}
