/**
 * The whole run against a registry that plays every attacker at once, as a user runs it: a body past
 * the cap, a document nested past the depth cap, a malformed signing key, a lockfile name that points at
 * another package. The run finishes with exit 0 and its SBOM; each of those packages is unknown and named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { projectWith, versionDoc } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry({
    '/huge/1.0.0': { kind: 'text', body: `{"name":"huge","readme":"${'x'.repeat(3 * 1024 * 1024)}"}` },
    '/deep/1.0.0': { kind: 'text', body: `{"name":"deep","funding":${'['.repeat(50_000)}${']'.repeat(50_000)}}` },
    '/fine/1.0.0': { kind: 'json', body: versionDoc('fine', '1.0.0', { license: 'MIT', dist: { integrity: 'sha512-AAAA', signatures: [{ keyid: 'SHA256:broken', sig: 'AAAA' }] } }) },
    '/kitx/1.0.0': { kind: 'json', body: versionDoc('kitx', '1.0.0', { license: 'KITX' }) },
    '/-/npm/v1/keys': { kind: 'json', body: { keys: [{ keyid: 'SHA256:broken', key: 'bm90IGEga2V5', expires: null }] } },
  });
});
afterEach(async () => {
  await server.close();
});

it('finishes with exit 0 and its SBOM; each attacked package is unknown, with its reason', async () => {
  const dir = projectWith([['huge', '1.0.0'], ['deep', '1.0.0'], ['fine', '1.0.0'], ['decoy', '1.0.0']], { decoy: { name: '@evil/../../kitx' } });
  const result = await runCli(['scan', '.', '--registry', server.url, '--cache-dir', tempDir(), '-o', 'sbom.cdx.json'], { cwd: dir, env: { ...process.env, SOVSCAN_MAX_RESPONSE_MB: '1', NO_COLOR: '1' } });
  expect(result.code).toBe(0);
  const bom = JSON.parse(readFileSync(join(dir, 'sbom.cdx.json'), 'utf8')) as { components: { name: string }[] };
  expect(bom.components).toHaveLength(4);
  expect(result.stderr).toContain(`huge@1.0.0: The answer from ${server.host}`);
  expect(result.stderr).toContain('1 MiB cap');
  expect(result.stderr).toContain('100-level cap');
  expect(result.stderr).toContain('"SHA256:broken"');
  expect(result.stderr).toContain('is not a valid npm name');
  expect(result.stdout).toMatch(/registry: 1 of 4 described, 3 unknown/);
  expect(server.requests.map((r) => r.path)).not.toContain('/kitx/1.0.0');
});
