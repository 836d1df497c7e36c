/**
 * Registry signatures and attestations, end to end through the enrich stage against a loopback registry
 * serving real recorded documents and Sigstore bundles (including the tampered ones).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attestationsUrl } from '../../src/enrich/provenance/index.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { attestedDoc, fixture, GUNDAM, SUPREME } from './provenance-fixtures.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const packumentVersion = (file: string, version: string) => (fixture('packuments', file) as { versions: Record<string, Record<string, unknown>> }).versions[version]!;

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry();
});
afterEach(async () => {
  await server.close();
});

describe('registry signatures', () => {
  it.each([
    ['has-package-exports', '1.3.0', 'has-package-exports.json', 'verified'],
    ['@ljharb/has-package-exports-patterns', '0.0.2', '@ljharb__has-package-exports-patterns.json', 'verified'],
    ['vite', '8.0.0-beta.12', 'vite.json', 'verified'],
  ])('%s@%s signed by the registry', async (name, version, file, expected) => {
    const doc = packumentVersion(file, version);
    server.routes.set(`/${name}/${version}`, { kind: 'json', body: { ...doc, dist: { ...(doc.dist as object), attestations: undefined } } });
    const result = await enrichProject(projectWith([[name, version]]), isolated(server.url));
    expect(result.facts.get(result.graph.nodes.keys().next().value!)?.provenance.signature).toBe(expected);
  });

  it('a signature over other content is invalid', async () => {
    const doc = packumentVersion('has-package-exports.json', '1.3.0');
    const dist = doc.dist as Record<string, unknown>;
    server.routes.set('/has-package-exports/1.3.0', { kind: 'json', body: { ...doc, dist: { ...dist, integrity: 'sha512-tampered' } } });
    const result = await enrichProject(projectWith([['has-package-exports', '1.3.0']]), isolated(server.url));
    expect(result.facts.get('pkg:npm/has-package-exports@1.3.0')?.provenance).toMatchObject({ signature: 'invalid' });
  });

  it('remembers a registry without a keys endpoint and keeps verifying with the bundled keys', async () => {
    server.routes.set('/has-package-exports/1.3.0', { kind: 'json', body: packumentVersion('has-package-exports.json', '1.3.0') });
    const options = isolated(server.url);
    const keyRequests = () => server.requests.filter((r) => r.path === '/-/npm/v1/keys').length;
    for (const run of [1, 2]) {
      const result = await enrichProject(projectWith([['has-package-exports', '1.3.0']]), options);
      expect(result.facts.get('pkg:npm/has-package-exports@1.3.0')?.provenance.signature, `run ${run}`).toBe('verified');
      expect(keyRequests(), `run ${run}`).toBe(1);
    }
  });

  it("prefers the registry's keys endpoint over the bundled keys", async () => {
    const doc = packumentVersion('has-package-exports.json', '1.3.0');
    server.routes.set('/has-package-exports/1.3.0', { kind: 'json', body: doc });
    // A keys document that does not hold the signing key: the bundled key must not be used.
    server.routes.set('/-/npm/v1/keys', {
      kind: 'json',
      body: { keys: [{ keyid: 'SHA256:other', keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', expires: null, key: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEY6Ya7W++7aUPzvMTrezH6Ycx3c+HOKYCcNGybJZSCJq/fd7Qa8uuAKtdIkUQtQiEKERhAmE5lMMJhP8OkDOa2g==' }] },
    });
    const result = await enrichProject(projectWith([['has-package-exports', '1.3.0']]), isolated(server.url));
    expect(result.facts.get('pkg:npm/has-package-exports@1.3.0')?.provenance).toMatchObject({ signature: 'unknown', reason: expect.stringContaining('SHA256:jl3bw') });
  });
});

describe('attestations', () => {
  it.each([
    { pkg: GUNDAM, file: 'gundam-visor-cli-v1-tag.tgz.json', repo: 'git+https://github.com/ramonpetgrave64/gundam-visor.git', state: 'verified', mismatch: undefined },
    { pkg: GUNDAM, file: 'gundam-visor-cli-v1-tag.tgz.json', repo: 'git+https://github.com/someone-else/gundam-visor.git', state: 'verified', mismatch: true },
    { pkg: GUNDAM, file: 'gundam-visor-cli-v1-tag-invalidsigprov.tgz.json', repo: 'https://github.com/ramonpetgrave64/gundam-visor', state: 'invalid', mismatch: undefined },
    { pkg: GUNDAM, file: 'gundam-visor-cli-v1-tag-invalidsigpub.tgz.json', repo: 'https://github.com/ramonpetgrave64/gundam-visor', state: 'invalid', mismatch: undefined },
    { pkg: SUPREME, file: 'supreme-googles-cli-v02-tag.tgz.json', repo: 'https://github.com/trishankatdatadog/supreme-goggles', state: 'verified', mismatch: undefined },
  ])('$file declared at $repo → $state', async ({ pkg, file, repo, state, mismatch }) => {
    server.routes.set(`/${pkg.name}/${pkg.version}`, { kind: 'json', body: attestedDoc(pkg, repo) });
    server.routes.set(`/-/npm/v1/attestations/${pkg.name}@${pkg.version}`, { kind: 'json', body: fixture('attestations', 'slsa-verifier', file) });
    const result = await enrichProject(projectWith([[pkg.name, pkg.version]]), isolated(server.url));
    const provenance = [...result.facts.values()][0]!.provenance;
    expect(provenance.state).toBe(state);
    expect(provenance.repositoryMismatch).toBe(mismatch);
    if (state === 'verified') {
      expect(provenance.attested).toMatchObject({ issuer: 'https://token.actions.githubusercontent.com', runner: 'github-hosted', repository: expect.stringMatching(/^https:\/\/github\.com\//), commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    } else {
      expect(provenance.reason).toMatch(/does not verify/);
    }
  });

  it.each([
    ['mismatched-subject-digest-attestations.json', /digest does not match/],
    ['mismatched-subject-name-attestations.json', /not pkg:npm\/sigstore@0\.4\.0/],
    ['invalid-attestations.json', /does not verify|malformed/],
    ['mismatched-keyid-attestations.json', /signed with key JXkT.*, which is not a registry key/],
    ['no-keyid-attestations.json', /does not verify|malformed/],
    ['unsupported-attestations.json', /unsupported attestation payload type/],
    ['malformed-subject-attestations.json', /names no subject digest/],
  ])('tampered pacote bundle %s is invalid', async (file, reason) => {
    const pkg = { name: 'sigstore', version: '0.4.0', integrity: 'sha512-KCwMX6k20mQyFkNYG2XT3lwK9u1P36wS9YURFd85zCXPrwrSLZCEh7/vMBFNYcJXRiBtGDS+T4/RZZF493zABA==' };
    server.routes.set('/sigstore/0.4.0', { kind: 'json', body: attestedDoc(pkg, 'https://github.com/sigstore/sigstore-js') });
    server.routes.set('/-/npm/v1/attestations/sigstore@0.4.0', { kind: 'json', body: fixture('attestations', 'pacote', file) });
    const result = await enrichProject(projectWith([['sigstore', '0.4.0']]), isolated(server.url));
    const provenance = result.facts.get('pkg:npm/sigstore@0.4.0')!.provenance;
    expect(provenance.state).toBe('invalid');
    expect(provenance.reason).toMatch(reason);
  });

  it('a subject name with a broken percent-encoding is invalid, and the run goes on', async () => {
    const pkg = { name: 'sigstore', version: '0.4.0', integrity: 'sha512-KCwMX6k20mQyFkNYG2XT3lwK9u1P36wS9YURFd85zCXPrwrSLZCEh7/vMBFNYcJXRiBtGDS+T4/RZZF493zABA==' };
    // The real pacote bundle, its statement's subject renamed (the check comes before the signature's).
    const document = fixture('attestations', 'pacote', 'mismatched-subject-name-attestations.json') as { attestations: { bundle: { dsseEnvelope: { payload: string } } }[] };
    const envelope = document.attestations[0]!.bundle.dsseEnvelope;
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { subject: { name: string }[] };
    statement.subject[0]!.name = 'pkg:npm/sigstore@0.4.0%E0%A4%A';
    envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    server.routes.set('/sigstore/0.4.0', { kind: 'json', body: attestedDoc(pkg, 'https://github.com/sigstore/sigstore-js') });
    server.routes.set('/-/npm/v1/attestations/sigstore@0.4.0', { kind: 'json', body: document });
    const result = await enrichProject(projectWith([['sigstore', '0.4.0']]), isolated(server.url));
    expect(result.facts.get('pkg:npm/sigstore@0.4.0')!.provenance).toMatchObject({ state: 'invalid', reason: 'the attestation is for pkg:npm/sigstore@0.4.0%E0%A4%A, not pkg:npm/sigstore@0.4.0' });
  });

  it('is "present" when the attestations cannot be fetched', async () => {
    server.routes.set('/gundam-visor/1.0.1', { kind: 'json', body: attestedDoc(GUNDAM, 'https://github.com/ramonpetgrave64/gundam-visor') });
    const result = await enrichProject(projectWith([['gundam-visor', '1.0.1']]), isolated(server.url));
    expect(result.facts.get('pkg:npm/gundam-visor@1.0.1')!.provenance).toMatchObject({ state: 'present', reason: expect.stringContaining('HTTP 404') });
    expect(result.complete).toBe(true);
  });

  it('asks the configured registry for attestations, whatever host the document names', () => {
    expect(attestationsUrl('https://registry.npm.test/-/npm/v1/attestations/x@1.0.0', 'http://127.0.0.1:9/npm/')).toBe('http://127.0.0.1:9/npm/-/npm/v1/attestations/x@1.0.0');
    expect(attestationsUrl('/-/npm/v1/attestations/x@1.0.0', 'http://127.0.0.1:9/npm/')).toBe('http://127.0.0.1:9/npm/-/npm/v1/attestations/x@1.0.0');
  });

  it('is "present" when the document names attestations at something that is not a URL, and the run goes on', async () => {
    const doc = attestedDoc(GUNDAM, 'https://github.com/ramonpetgrave64/gundam-visor');
    (doc.dist as { attestations: { url: string } }).attestations.url = 'http://[not a url';
    server.routes.set('/gundam-visor/1.0.1', { kind: 'json', body: doc });
    server.routes.set('/fine/2.0.0', { kind: 'json', body: versionDoc('fine', '2.0.0') });
    const result = await enrichProject(projectWith([['gundam-visor', '1.0.1'], ['fine', '2.0.0']]), isolated(server.url));
    expect(result.facts.get('pkg:npm/gundam-visor@1.0.1')!.provenance).toMatchObject({ state: 'present', reason: 'attestations could not be fetched: the document names them at "http://[not a url", which is not a URL' });
    expect(result.facts.has('pkg:npm/fine@2.0.0')).toBe(true);
  });
});
