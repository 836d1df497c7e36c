/**
 * Pull-request drift: two versions of a lockfile (an added vendor, changed maintainers, lost provenance,
 * a gained install script), from a file and from git, against a loopback registry.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../helpers.js';
import { projectWith } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';

let server: RegistryServer;
const integrity = 'sha512-jZ15cvZ2UWx1AUqgdOEa5gTZjwtk7Gclph4oOP89qxYhGPpxQz+zHhVQ0wvQ3snQhs4DK5RFe1g5AMUHrPOcQA==';

beforeAll(async () => {
  const pop = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'eval', '@alicloud__pop-core.json'), 'utf8')) as Record<string, unknown>;
  server = await startRegistry({
    '/lib-a/1.0.0': { kind: 'json', body: { name: 'lib-a', version: '1.0.0', maintainers: [{ name: 'alice', email: 'alice@example.test' }], _npmUser: { name: 'alice', email: 'alice@example.test' }, dist: { integrity, attestations: { url: 'https://registry.npm.test/-/npm/v1/attestations/lib-a@1.0.0', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } } },
    '/lib-a/1.1.0': { kind: 'json', body: { name: 'lib-a', version: '1.1.0', maintainers: [{ name: 'alice', email: 'alice@example.test' }, { name: 'mallory', email: 'm@example.test' }], _npmUser: { name: 'mallory', email: 'm@example.test' }, scripts: { postinstall: 'node x.js' }, dist: { integrity } } },
    '/lib-b/1.0.0': { kind: 'json', body: { name: 'lib-b', version: '1.0.0', dist: { integrity } } },
    '/@alicloud/pop-core/1.8.0': { kind: 'json', body: pop },
  });
});
afterAll(async () => {
  await server.close();
});

const base = () => projectWith([['lib-a', '1.0.0'], ['lib-b', '1.0.0']]);
const head = () => projectWith([['lib-a', '1.1.0'], ['lib-b', '1.0.0'], ['@alicloud/pop-core', '1.8.0']]);

describe('--base', () => {
  it('names jurisdiction drift and gates on what the change adds', async () => {
    const headDir = head();
    const report = join(tempDir(), 'summary.md');
    const json = join(tempDir(), 'report.json');
    const r = await runCli(['scan', headDir, '-o', join(tempDir(), 'b.json'), '--registry', server.url, '--cache-dir', tempDir(), '--policy', 'us-ictsc', '--fail-on', 'high', '--base', join(base(), 'package-lock.json'), '--report', `markdown=${report}`, '--report', `json=${json}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sovscan: exit 1: 1 package: @alicloud/pop-core@1.8.0 (high) at high or above added or raised against the base under policy us-ictsc\n');
    expect(r.stdout).toContain(`  report:   markdown ${report}\n`);
    expect(r.stdout).toContain(`  report:   json ${json}\n`);
    expect(r.stdout).toMatch(/against .*package-lock\.json: 1 added, 0 removed, 2 new or raised finding\(s\)/);
    expect(r.stdout).toContain("risk-raised: lib-a@1.1.0: risk unknown → low");
    const md = readFileSync(report, 'utf8');
    expect(md).toMatch(/^## sovscan: ❌ 1 package\(s\) at high or above/);
    // the verdict, then the package that decides it, then what changed with each package's level
    expect(md.indexOf('### What fails the gate')).toBeLessThan(md.indexOf('### What changed against'));
    expect(md).toMatch(/### What fails the gate\n\n\| level \| package \| vendor \| via \| reason \|\n\|---\|---\|---\|---\|---\|\n\| high \| @alicloud\/pop-core@1\.8\.0 \| Alibaba Cloud \| app \| The vendor points to CN/);
    for (const line of [
      '| added | high | @alicloud/pop-core@1.8.0 is new: The vendor points to CN (Alibaba Cloud)',
      '| new-vendor | high | @alicloud/pop-core@1.8.0 brings a new vendor: Alibaba Cloud (CN) |',
      '| new-country | high | @alicloud/pop-core@1.8.0 brings CN into the vendor dimension |',
      '| new-maintainer | low | lib-a@1.1.0 has a new maintainer account |',
      '| new-publisher | low | lib-a@1.1.0 was published by another account than lib-a@1.0.0 |',
      '| provenance-lost | low | lib-a@1.1.0 lost its provenance (was present, now absent) |',
      '| install-script-added | low | lib-a@1.1.0 gained an install script (postinstall) |',
    ]) expect(md).toContain(line);
    const drift = (JSON.parse(readFileSync(json, 'utf8')) as { drift: { added: string[]; newFindings: string[]; changes: { kind: string }[] } }).drift;
    expect(drift.added).toEqual(['pkg:npm/%40alicloud/pop-core@1.8.0']);
    expect(drift.newFindings).toContain('pkg:npm/%40alicloud/pop-core@1.8.0');
    expect(drift.changes.map((c) => c.kind)).toContain('install-script-added');
  });

  it('does not fail when the risk was already there', async () => {
    const r = await runCli(['scan', head(), '-o', join(tempDir(), 'b.json'), '--registry', server.url, '--cache-dir', tempDir(), '--policy', 'us-ictsc', '--fail-on', 'high', '--base', join(head(), 'package-lock.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 added, 0 removed, 0 new or raised finding\(s\)/);
  });

  it('reads the base from git', async () => {
    const repo = base();
    const g = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo, stdio: 'ignore' });
    g('init', '-q');
    g('add', '.');
    g('commit', '-q', '-m', 'base');
    const next = head();
    copyFileSync(join(next, 'package-lock.json'), join(repo, 'package-lock.json'));
    copyFileSync(join(next, 'package.json'), join(repo, 'package.json'));
    const r = await runCli(['scan', repo, '-o', join(tempDir(), 'b.json'), '--registry', server.url, '--cache-dir', tempDir(), '--policy', 'us-ictsc', '--fail-on', 'high', '--base', 'HEAD']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/against HEAD: 1 added/);
    const bad = await runCli(['scan', repo, '-o', join(tempDir(), 'b.json'), '--offline', '--cache-dir', tempDir(), '--base', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Cannot read package-lock\.json at no-such-branch: .*Give a base branch or commit/);
    const dashed = await runCli(['scan', repo, '-o', join(tempDir(), 'b.json'), '--offline', '--cache-dir', tempDir(), '--base=--output=x']);
    expect(dashed.code).toBe(2);
    expect(dashed.stderr).toMatch(/is neither a file nor a git reference/);
  });

  it('treats a base commit without the lockfile as an empty project: the change that adds the first lockfile', async () => {
    const repo = head();
    const g = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo, stdio: 'ignore' });
    g('init', '-q');
    g('add', 'package.json');
    g('commit', '-q', '-m', 'no lockfile yet');
    const r = await runCli(['scan', repo, '-o', join(tempDir(), 'b.json'), '--registry', server.url, '--cache-dir', tempDir(), '--policy', 'us-ictsc', '--fail-on', 'high', '--base', 'HEAD']);
    expect(r.stderr).not.toMatch(/exists on disk, but not in/);
    expect(r.stdout).toMatch(/against HEAD: 3 added, 0 removed/);
    expect(r.code).toBe(1);
  });
});
