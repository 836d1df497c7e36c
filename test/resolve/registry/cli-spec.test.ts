/**
 * `sovscan scan <spec>` end to end through the built CLI: resolved from a loopback registry, enriched,
 * attributed and written as a valid SBOM whose root is the spec; `--offline` then works from the cache;
 * a spec that does not exist is a clear error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryServer } from '../../enrich/registry-server.js';
import { runCli, tempDir } from '../../helpers.js';
import { startReplay } from './replay.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startReplay();
});
afterAll(() => server.close());

interface Bom {
  metadata: { component: { name: string } };
  components: { name: string; group?: string; version: string }[];
}

describe('sovscan scan <package spec>', () => {
  it('vets express@4 without a project, then again offline from the cache', async () => {
    const dir = tempDir();
    const cache = tempDir('sovscan-cache-');
    const online = await runCli(['scan', 'express@4', '--registry', server.url, '--cache-dir', cache, '--reproducible', '-o', 'express.cdx.json'], { cwd: dir });
    expect(online.stderr).toBe('');
    expect(online.code).toBe(0);
    expect(online.stdout).toMatch(/^sovscan: express@4 resolved from the registry as npm would install it today \(no lockfile\)/);
    const bom = JSON.parse(readFileSync(join(dir, 'express.cdx.json'), 'utf8')) as Bom;
    expect(bom.metadata.component.name).toBe('express@4');
    expect(bom.components.find((c) => c.name === 'express')?.version).toMatch(/^4\./);
    expect(bom.components.length).toBeGreaterThan(50);

    const requests = server.requests.length;
    const offline = await runCli(['scan', 'express@4', '--offline', '--registry', server.url, '--cache-dir', cache, '--reproducible', '-o', 'offline.cdx.json'], { cwd: dir });
    expect(offline.code).toBe(0);
    expect(server.requests.length).toBe(requests);
    expect(readFileSync(join(dir, 'offline.cdx.json'), 'utf8')).toBe(readFileSync(join(dir, 'express.cdx.json'), 'utf8'));
  }, 60_000);

  it('refuses a package the registry does not have, and names it', async () => {
    const dir = tempDir();
    const result = await runCli(['scan', 'no-such-package-here@1', '--registry', server.url, '--cache-dir', tempDir(), '-o', 'x.cdx.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sovscan: Could not resolve no-such-package-here@1 \(wanted by the root\): .*Check the package name and version, the registry \(--registry\) and the network\n$/);
  }, 60_000);

  it('says what failed when the registry cannot answer for the package asked for', async () => {
    server.routes.set('/registry-down', { kind: 'status', status: 503 });
    const result = await runCli(['scan', 'registry-down@latest', '--registry', server.url, '--cache-dir', tempDir(), '-o', 'x.cdx.json'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sovscan: Could not resolve registry-down@latest \(wanted by the root\): registry-down: .*503/);
  }, 60_000);

  it('keeps a tree whose dependency cannot be had, marked incomplete', async () => {
    const dir = tempDir();
    const broken = { name: 'needs-missing', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'needs-missing', version: '1.0.0', dependencies: { 'not-published-anywhere': '^1.0.0' } } } };
    const previous = server.fallback;
    server.fallback = (path) => (path === '/needs-missing' ? { kind: 'json', body: broken } : previous(path));
    try {
      const result = await runCli(['scan', 'needs-missing@1', '--registry', server.url, '--cache-dir', tempDir(), '--strict', '-o', 'x.cdx.json'], { cwd: dir });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/Could not resolve not-published-anywhere@\^1\.0\.0 \(wanted by node_modules\/needs-missing\)/);
    } finally {
      server.fallback = previous;
    }
  }, 60_000);

  it('says what it looked for when the target is neither a path nor a spec', async () => {
    const result = await runCli(['scan', './missing-dir', '--offline'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot find \.\/missing-dir: no such file or directory/);
  });
});
