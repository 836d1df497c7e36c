/**
 * Provenance binds to what the lockfile installs: real Sigstore bundles and a real signed document served
 * by a loopback registry, against npm, yarn 1 and pnpm lockfiles whose entries name the registry's tarball, other
 * bytes, or another host.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, tempDir } from '../helpers.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { attestedDoc, fixture, GUNDAM, SUPREME } from './provenance-fixtures.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const ID = 'pkg:npm/gundam-visor@1.0.1';
const REPO = 'https://github.com/ramonpetgrave64/gundam-visor';
const tarball = readFileSync(join(SHARED_FIXTURES, 'registry', 'attestations', 'slsa-verifier', 'gundam-visor-cli-v1-tag.tgz'));
const SHA1 = createHash('sha1').update(tarball).digest();
const OTHER_SHA1 = createHash('sha1').update('another tarball').digest();

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry();
  // The registry describes the real tarball: its sha512 and (as `shasum`) its sha1.
  server.routes.set('/gundam-visor/1.0.1', { kind: 'json', body: attestedDoc(GUNDAM, `git+${REPO}.git`, { shasum: SHA1.toString('hex') }) });
  server.routes.set('/-/npm/v1/attestations/gundam-visor@1.0.1', { kind: 'json', body: fixture('attestations', 'slsa-verifier', 'gundam-visor-cli-v1-tag.tgz.json') });
});
afterEach(async () => {
  await server.close();
});

const gundam = async (entry: Record<string, unknown>) => {
  const result = await enrichProject(projectWith([['gundam-visor', '1.0.1']], { 'gundam-visor': entry }), isolated(server.url));
  return result.facts.get(ID)!;
};

describe('an npm lockfile entry of an attested package', () => {
  it.each([
    ['no integrity and no resolved', {}, undefined],
    ["the registry's integrity", { integrity: GUNDAM.integrity }, 'sha512'],
    ["the registry's integrity, resolved on the configured registry", { integrity: GUNDAM.integrity, resolved: 'REGISTRY/gundam-visor/-/gundam-visor-1.0.1.tgz' }, 'sha512'],
    ['sha1 and sha512 of the tarball', { integrity: `sha1-${SHA1.toString('base64')} ${GUNDAM.integrity}` }, 'sha512'],
    ['sha1 only (an old lockfile), compared with the registry shasum', { integrity: `sha1-${SHA1.toString('base64')}` }, 'sha1'],
  ])('with %s: verified, the attested build kept', async (_what, entry, algorithm) => {
    const resolved = (entry as { resolved?: string }).resolved?.replace('REGISTRY/', server.url);
    const facts = await gundam({ ...entry, ...(resolved ? { resolved } : {}) });
    expect(facts.install).toEqual({ algorithm, mismatches: [] });
    expect(facts.provenance.state).toBe('verified');
    expect(facts.provenance.attested?.repository).toBe(REPO);
  });

  it.each([
    ['another sha512 (a real tarball of another package)', { integrity: SUPREME.integrity }, [{ kind: 'integrity', lockfile: SUPREME.integrity, registry: GUNDAM.integrity }]],
    ['another sha1 beside nothing stronger', { integrity: `sha1-${OTHER_SHA1.toString('base64')}` }, [{ kind: 'integrity', lockfile: `sha1-${OTHER_SHA1.toString('base64')}`, registry: `sha1-${SHA1.toString('base64')}` }]],
    ['the right sha1 beside another sha512', { integrity: `sha1-${SHA1.toString('base64')} ${SUPREME.integrity}` }, [{ kind: 'integrity', lockfile: SUPREME.integrity, registry: GUNDAM.integrity }]],
    ['resolved on another host, no integrity', { resolved: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz' }, [{ kind: 'resolved', lockfile: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz', registry: 'SERVER' }]],
    ['resolved on another host and another integrity (the injection)', { resolved: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz', integrity: SUPREME.integrity }, [{ kind: 'integrity', lockfile: SUPREME.integrity, registry: GUNDAM.integrity }, { kind: 'resolved', lockfile: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz', registry: 'SERVER' }]],
  ])('with %s: mismatch, never verified, no attested build', async (_what, entry, mismatches) => {
    const facts = await gundam(entry);
    expect(facts.install?.mismatches).toEqual(mismatches.map((m) => ({ ...m, registry: m.registry.replace('SERVER', server.url) })));
    expect(facts.provenance.state).toBe('mismatch');
    expect(facts.provenance.attested).toBeUndefined();
    expect(facts.provenance.repositoryMismatch).toBeUndefined();
    expect(facts.provenance.reason).toContain(mismatches[0]!.lockfile);
  });

  it('keeps an invalid attestation invalid, and reports the mismatch beside it', async () => {
    server.routes.set('/-/npm/v1/attestations/gundam-visor@1.0.1', { kind: 'json', body: fixture('attestations', 'slsa-verifier', 'gundam-visor-cli-v1-tag-invalidsigprov.tgz.json') });
    const facts = await gundam({ integrity: SUPREME.integrity });
    expect(facts.provenance.state).toBe('invalid');
    expect(facts.install?.mismatches).toHaveLength(1);
  });
});

describe('without provenance', () => {
  it('a lockfile integrity that is not the registry\'s is reported, and provenance is left as it is', async () => {
    server.routes.set('/plain/2.0.0', { kind: 'json', body: versionDoc('plain', '2.0.0', { dist: { integrity: GUNDAM.integrity } }) });
    const result = await enrichProject(projectWith([['plain', '2.0.0']], { plain: { integrity: SUPREME.integrity } }), isolated(server.url));
    const facts = result.facts.get('pkg:npm/plain@2.0.0')!;
    expect(facts.install?.mismatches).toEqual([{ kind: 'integrity', lockfile: SUPREME.integrity, registry: GUNDAM.integrity }]);
    expect(facts.provenance.state).toBe('absent');
  });

  it('a registry signature over the registry\'s integrity is not reported as covering other bytes', async () => {
    const doc = (fixture('packuments', 'has-package-exports.json') as { versions: Record<string, Record<string, unknown>> }).versions['1.3.0']!;
    server.routes.set('/has-package-exports/1.3.0', { kind: 'json', body: { ...doc, dist: { ...(doc.dist as object), attestations: undefined } } });
    const id = 'pkg:npm/has-package-exports@1.3.0';
    const same = await enrichProject(projectWith([['has-package-exports', '1.3.0']], { 'has-package-exports': { integrity: (doc.dist as { integrity: string }).integrity } }), isolated(server.url));
    expect(same.facts.get(id)!.provenance.signature).toBe('verified');
    const other = await enrichProject(projectWith([['has-package-exports', '1.3.0']], { 'has-package-exports': { integrity: SUPREME.integrity } }), isolated(server.url));
    expect(other.facts.get(id)!.provenance.signature).toBe('mismatch');
  });
});

describe('a yarn 1 lockfile entry', () => {
  const yarnProject = (resolved: string, integrity: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'gundam-visor': '^1.0.0' } }));
    writeFileSync(join(dir, 'yarn.lock'), `# yarn lockfile v1\n\n\ngundam-visor@^1.0.0:\n  version "1.0.1"\n  resolved "${resolved}"\n  integrity ${integrity}\n`);
    return dir;
  };
  const onServer = () => `${server.url}gundam-visor/-/gundam-visor-1.0.1.tgz#${SHA1.toString('hex')}`;

  it("with the registry's tarball: verified", async () => {
    const result = await enrichProject(yarnProject(onServer(), GUNDAM.integrity), isolated(server.url));
    expect(result.facts.get(ID)!.provenance.state).toBe('verified');
    expect(result.facts.get(ID)!.install).toEqual({ algorithm: 'sha512', mismatches: [] });
  });

  it('with another integrity: mismatch', async () => {
    const result = await enrichProject(yarnProject(onServer(), SUPREME.integrity), isolated(server.url));
    expect(result.facts.get(ID)!.provenance.state).toBe('mismatch');
    expect(result.facts.get(ID)!.install?.mismatches).toEqual([{ kind: 'integrity', lockfile: SUPREME.integrity, registry: GUNDAM.integrity }]);
  });

  it('resolved on another host than the configured registry: mismatch', async () => {
    const result = await enrichProject(yarnProject(`https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz#${SHA1.toString('hex')}`, GUNDAM.integrity), isolated(server.url));
    expect(result.facts.get(ID)!.provenance.state).toBe('mismatch');
    expect(result.facts.get(ID)!.install?.mismatches.map((m) => m.kind)).toEqual(['resolved']);
  });
});

describe('a pnpm lockfile entry', () => {
  const pnpmProject = (resolution: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'gundam-visor': '^1.0.0' } }));
    writeFileSync(
      join(dir, 'pnpm-lock.yaml'),
      `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      gundam-visor:\n        specifier: ^1.0.0\n        version: 1.0.1\n\npackages:\n\n  gundam-visor@1.0.1:\n    resolution: ${resolution}\n\nsnapshots:\n\n  gundam-visor@1.0.1: {}\n`,
    );
    return dir;
  };

  it.each([
    ["the registry's integrity", `{integrity: ${GUNDAM.integrity}}`, 'verified', []],
    ['another integrity', `{integrity: ${SUPREME.integrity}}`, 'mismatch', ['integrity']],
    ['a tarball on another host', `{integrity: ${GUNDAM.integrity}, tarball: https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz}`, 'mismatch', ['resolved']],
  ])('with %s: %s', async (_what, resolution, state, kinds) => {
    const result = await enrichProject(pnpmProject(resolution), isolated(server.url));
    expect(result.graph.lockfile?.format).toBe('pnpm');
    expect(result.facts.get(ID)!.provenance.state).toBe(state);
    expect(result.facts.get(ID)!.install?.mismatches.map((m) => m.kind)).toEqual(kinds);
  });
});
