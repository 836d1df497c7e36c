/**
 * --base and a lockfile that stops installing the registry's tarball (the lockfile-injection pull request):
 * the head's mismatch is a new finding, also for a package that was already at that level for another
 * reason. A loopback registry serves a real attested package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { projectWith } from '../enrich/helpers.js';
import { attestedDoc, fixture, GUNDAM, SUPREME } from '../enrich/provenance-fixtures.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistry({
    '/gundam-visor/1.0.1': { kind: 'json', body: { ...attestedDoc(GUNDAM, 'git+https://github.com/ramonpetgrave64/gundam-visor.git'), scripts: { postinstall: 'node setup.js' } } },
    '/-/npm/v1/attestations/gundam-visor@1.0.1': { kind: 'json', body: fixture('attestations', 'slsa-verifier', 'gundam-visor-cli-v1-tag.tgz.json') },
  });
});
afterAll(async () => {
  await server.close();
});

const base = () => projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: GUNDAM.integrity } });
const injected = () => projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: SUPREME.integrity, resolved: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz' } });

describe('--base with a lockfile mismatch', () => {
  it.each([
    ['a package that was at none', 'none'],
    ['a package already high for its install script', 'high'],
  ])('reports the mismatch the head brings as a new finding: %s', async (_what, installScript) => {
    const policy = join(tempDir(), 'policy.yaml');
    writeFileSync(policy, `id: acme\nextends: neutral\nsignals:\n  installScript: ${installScript}\n`);
    const report = join(tempDir(), 'summary.md');
    const r = await runCli(['scan', injected(), '-o', join(tempDir(), 'b.json'), '--registry', server.url, '--cache-dir', tempDir(), '--policy', policy, '--fail-on', 'high', '--base', join(base(), 'package-lock.json'), '--report', `markdown=${report}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0 added, 0 removed, 1 new or raised finding\(s\)/);
    const md = readFileSync(report, 'utf8');
    expect(md).toContain("| integrity-mismatch | high | gundam-visor@1.0.1: the lockfile no longer installs the registry's tarball |");
    expect(md).toContain('| provenance-lost | high | gundam-visor@1.0.1 lost its provenance (was verified, now mismatch) |');
    expect(md).toContain(SUPREME.integrity);
  });

  it('does not report a mismatch the base already had', async () => {
    const head = injected();
    const r = await runCli(['scan', head, '-o', join(tempDir(), 'b.json'), '--registry', server.url, '--cache-dir', tempDir(), '--fail-on', 'high', '--base', join(head, 'package-lock.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 added, 0 removed, 0 new or raised finding\(s\)/);
  });
});
