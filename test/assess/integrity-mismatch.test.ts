/**
 * A lockfile entry that does not install the registry's tarball, through the CLI against a loopback
 * registry serving a real attested package: a finding of its own at high unless the policy says otherwise,
 * exit 1 under --fail-on high, and carried by the SBOM, SARIF and Markdown like any signal finding.
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
    '/gundam-visor/1.0.1': { kind: 'json', body: attestedDoc(GUNDAM, 'git+https://github.com/ramonpetgrave64/gundam-visor.git') },
    '/-/npm/v1/attestations/gundam-visor@1.0.1': { kind: 'json', body: fixture('attestations', 'slsa-verifier', 'gundam-visor-cli-v1-tag.tgz.json') },
  });
});
afterAll(async () => {
  await server.close();
});

interface Bom {
  components: { name: string; properties?: { name: string; value: string }[]; hashes?: { alg: string; content: string }[] }[];
}
const properties = (bom: Bom, name: string) => bom.components.find((c) => c.name === 'gundam-visor')!.properties!.filter((p) => p.name === name).map((p) => p.value);
const scan = (dir: string, ...args: string[]) => {
  const out = join(tempDir(), 'bom.json');
  return { out, run: runCli(['scan', dir, '-o', out, '--registry', server.url, '--cache-dir', tempDir('sovscan-cache-'), '--fail-on', 'high', ...args]) };
};

describe('a lockfile integrity that is not the registry\'s', () => {
  it('is a high finding naming both values, provenance "mismatch", exit 1 under --fail-on high', async () => {
    const dir = projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: SUPREME.integrity, resolved: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz' } });
    const reports = tempDir();
    const { out, run } = scan(dir, '--report', `sarif=${join(reports, 'r.sarif')}`, '--report', `markdown=${join(reports, 'r.md')}`, '--report', `json=${join(reports, 'r.json')}`);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/provenance: 1 mismatch/);
    const bom = JSON.parse(readFileSync(out, 'utf8')) as Bom;
    expect(properties(bom, 'sovscan:provenance')).toEqual(['mismatch']);
    expect(properties(bom, 'sovscan:risk')).toEqual(['high']);
    expect(properties(bom, 'sovscan:provenance:repository')).toEqual([]);
    expect(properties(bom, 'sovscan:lockfile-mismatch').sort()).toEqual([`the lockfile's integrity ${SUPREME.integrity} is not the registry's ${GUNDAM.integrity}`, `the lockfile resolves it from https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz, not from the registry configured for it (${server.url})`].sort());
    const [reason] = properties(bom, 'sovscan:risk:reason');
    expect(reason).toContain(`integrity ${SUPREME.integrity} is not the registry's ${GUNDAM.integrity}`);
    expect(reason).toContain(`resolves it from https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz, not from the registry configured for it (${server.url})`);
    const sarif = JSON.parse(readFileSync(join(reports, 'r.sarif'), 'utf8')) as { runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(sarif.runs[0]!.results).toEqual([expect.objectContaining({ ruleId: 'signal:integrity-mismatch', level: 'error' })]);
    expect(sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toEqual(['signal:integrity-mismatch']);
    expect(readFileSync(join(reports, 'r.md'), 'utf8')).toContain(SUPREME.integrity);
    const json = JSON.parse(readFileSync(join(reports, 'r.json'), 'utf8')) as { packages: { facts: { install: unknown; provenance: { state: string; attested?: unknown } } }[] };
    expect(json.packages[0]!.facts).toMatchObject({ install: { algorithm: 'sha512', mismatches: [{ kind: 'integrity', lockfile: SUPREME.integrity, registry: GUNDAM.integrity }, { kind: 'resolved' }] }, provenance: { state: 'mismatch' } });
    expect(json.packages[0]!.facts.provenance.attested).toBeUndefined();
  });

  it('sovscan explain says what the lockfile installs', async () => {
    const explain = (dir: string) => runCli(['explain', 'gundam-visor', '--in', dir, '--registry', server.url, '--cache-dir', tempDir('sovscan-cache-')]);
    const injected = await explain(projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: SUPREME.integrity } }));
    expect(injected.stdout).toContain(`  lockfile: does not install the registry's tarball: the lockfile's integrity ${SUPREME.integrity} is not the registry's ${GUNDAM.integrity}\n`);
    expect(injected.stdout).toMatch(/ {2}provenance: mismatch \(the attestations are for the registry's tarball, but the lockfile's integrity/);
    const same = await explain(projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: GUNDAM.integrity } }));
    expect(same.stdout).toContain("  lockfile: installs the registry's tarball (sha512 compared)\n");
  });

  it("with the registry's integrity: verified, no finding, exit 0", async () => {
    const { out, run } = scan(projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: GUNDAM.integrity } }));
    const r = await run;
    expect(r.code).toBe(0);
    const bom = JSON.parse(readFileSync(out, 'utf8')) as Bom;
    expect(properties(bom, 'sovscan:provenance')).toEqual(['verified']);
    expect(properties(bom, 'sovscan:provenance:repository')).toEqual(['https://github.com/ramonpetgrave64/gundam-visor']);
  });

  it.each([
    ['none', 0],
    ['critical', 1],
  ])('takes its level from the policy (integrityMismatch: %s)', async (level, code) => {
    const policy = join(tempDir(), 'policy.yaml');
    writeFileSync(policy, `id: acme\nextends: neutral\nsignals:\n  integrityMismatch: ${level}\n`);
    const { out, run } = scan(projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': { integrity: SUPREME.integrity } }), '--policy', policy);
    const r = await run;
    expect(r.code).toBe(code);
    const bom = JSON.parse(readFileSync(out, 'utf8')) as Bom;
    expect(properties(bom, 'sovscan:provenance')).toEqual(['mismatch']);
    expect(properties(bom, 'sovscan:risk')).toEqual([level]);
    expect(properties(bom, 'sovscan:lockfile-mismatch')).toHaveLength(1);
  });
});
