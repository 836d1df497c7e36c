/**
 * The lockfile's integrity and `resolved` against the registry's (provenance/integrity.ts, binding.ts):
 * table-driven, on digests of a real recorded tarball (the slsa-verifier gundam-visor fixture).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBinding, registryDigests, type BindingContext } from '../../src/enrich/provenance/binding.js';
import { compareIntegrity, parseIntegrity } from '../../src/enrich/provenance/integrity.js';
import type { PackageNode } from '../../src/model.js';
import { SHARED_FIXTURES } from '../helpers.js';

const tarball = readFileSync(join(SHARED_FIXTURES, 'registry', 'attestations', 'slsa-verifier', 'gundam-visor-cli-v1-tag.tgz'));
const sri = (algorithm: string, bytes: Buffer = tarball) => `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
const other = Buffer.from('another tarball');
const SHA1_HEX = createHash('sha1').update(tarball).digest('hex');

describe('compareIntegrity', () => {
  it.each([
    ['the same sha512', sri('sha512'), sri('sha512'), 'sha512', true],
    ['another sha512', sri('sha512', other), sri('sha512'), 'sha512', false],
    ['sha1 and sha512 against sha512: the strongest shared', `${sri('sha1')} ${sri('sha512')}`, sri('sha512'), 'sha512', true],
    ['a wrong sha1 beside the right sha512: sha512 decides', `${sri('sha1', other)} ${sri('sha512')}`, `${sri('sha1')} ${sri('sha512')}`, 'sha512', true],
    ['a right sha1 beside a wrong sha512: sha512 decides', `${sri('sha1')} ${sri('sha512', other)}`, `${sri('sha1')} ${sri('sha512')}`, 'sha512', false],
    ['sha1 only, against sha1 and sha512: compared on sha1', sri('sha1'), `${sri('sha512')} ${sri('sha1')}`, 'sha1', true],
    ['another sha1 only', sri('sha1', other), `${sri('sha512')} ${sri('sha1')}`, 'sha1', false],
    ['sha256 and sha512 against sha256', `${sri('sha256')} ${sri('sha512')}`, sri('sha256'), 'sha256', true],
    ['SRI options are not part of the digest', `${sri('sha512')}?foo`, sri('sha512'), 'sha512', true],
  ])('%s', (_what, left, right, algorithm, equal) => {
    expect(compareIntegrity(parseIntegrity(left), parseIntegrity(right))).toMatchObject({ algorithm, equal });
  });

  it.each([
    ['no algorithm in common', sri('sha1'), sri('sha512')],
    ['nothing on one side', '', sri('sha512')],
    ['unknown algorithms only', 'md5-AAAA', 'md5-AAAA'],
  ])('says nothing with %s', (_what, left, right) => {
    expect(compareIntegrity(parseIntegrity(left), parseIntegrity(right))).toBeUndefined();
  });

  it('names both digests on the compared algorithm', () => {
    expect(compareIntegrity(parseIntegrity(`${sri('sha1', other)} ${sri('sha512', other)}`), parseIntegrity(sri('sha512')))).toEqual({ algorithm: 'sha512', equal: false, left: sri('sha512', other), right: sri('sha512') });
  });
});

const node = (fields: Partial<PackageNode>): PackageNode => ({
  id: 'pkg:npm/gundam-visor@1.0.1',
  name: 'gundam-visor',
  version: '1.0.1',
  purl: 'pkg:npm/gundam-visor@1.0.1',
  source: 'registry',
  aliases: [],
  paths: ['node_modules/gundam-visor'],
  flags: { dev: false, optional: false, devOptional: false, peer: false, bundled: false },
  dependencies: new Set(),
  ...fields,
});

describe('checkBinding', () => {
  const registry = registryDigests(sri('sha512'), SHA1_HEX);
  const mirror: BindingContext = { registry: 'https://mirror.example.test/npm/', defaultRegistry: 'https://default.example.test/', lockfileFormat: 'npm' };
  const yarnDefault: BindingContext = { registry: 'https://default.example.test/', defaultRegistry: 'https://default.example.test/', lockfileFormat: 'yarn-classic' };
  const at = (host: string) => `${host}gundam-visor/-/gundam-visor-1.0.1.tgz`;
  it.each([
    ['no integrity, no resolved', {}, mirror, []],
    ['the registry integrity, no resolved', { integrity: sri('sha512') }, mirror, []],
    ['resolved under the configured registry and its path', { resolved: at('https://mirror.example.test/npm/') }, mirror, []],
    ["resolved on npm's default registry, which npm fetches from the configured one", { resolved: at('https://default.example.test/') }, mirror, []],
    ['resolved on the configured host outside its path', { resolved: at('https://mirror.example.test/other/') }, mirror, ['resolved']],
    ['resolved over another scheme', { resolved: at('http://mirror.example.test/npm/') }, mirror, ['resolved']],
    ['resolved on another host, with the registry integrity', { resolved: at('https://tarballs.example.test/'), integrity: sri('sha512') }, mirror, ['resolved']],
    ['resolved on another host with another integrity', { resolved: at('https://tarballs.example.test/'), integrity: sri('sha512', other) }, mirror, ['integrity', 'resolved']],
    ["yarn 1's own host for the default registry, integrity bound", { resolved: `${at('https://yarn-default.example.test/')}#${SHA1_HEX}`, integrity: sri('sha512') }, yarnDefault, []],
    ["yarn 1's sha1 suffix alone binds it", { resolved: `${at('https://yarn-default.example.test/')}#${SHA1_HEX}` }, yarnDefault, []],
    ['yarn 1 on another host with nothing to bind it', { resolved: at('https://yarn-default.example.test/') }, yarnDefault, ['resolved']],
    ['yarn 1 with another sha1 suffix', { resolved: `${at('https://default.example.test/')}#${createHash('sha1').update(other).digest('hex')}` }, yarnDefault, ['integrity']],
    ['yarn 1 on another host when a registry is configured', { resolved: `${at('https://yarn-default.example.test/')}#${SHA1_HEX}`, integrity: sri('sha512') }, { ...yarnDefault, registry: 'https://mirror.example.test/npm/' }, ['resolved']],
  ] as [string, Partial<PackageNode>, BindingContext, string[]][])('%s', (_what, fields, context, kinds) => {
    expect(checkBinding(node(fields), registry, context).mismatches.map((m) => m.kind)).toEqual(kinds);
  });

  it('names both values', () => {
    const { mismatches } = checkBinding(node({ resolved: `${at('https://tarballs.example.test/')}?x=1`, integrity: sri('sha512', other) }), registry, mirror);
    expect(mismatches).toEqual([
      { kind: 'integrity', lockfile: sri('sha512', other), registry: sri('sha512') },
      { kind: 'resolved', lockfile: at('https://tarballs.example.test/'), registry: 'https://mirror.example.test/npm/' },
    ]);
  });

  it("compares an old version on the registry's shasum", () => {
    expect(checkBinding(node({ integrity: sri('sha1', other) }), registryDigests(undefined, SHA1_HEX), mirror)).toEqual({ algorithm: 'sha1', mismatches: [{ kind: 'integrity', lockfile: sri('sha1', other), registry: sri('sha1') }] });
  });
});

describe('lockfile text in the reasons', () => {
  const mirror: BindingContext = { registry: 'https://mirror.example.test/npm/', lockfileFormat: 'npm' };

  it("keeps a resolved URL's user and password out", () => {
    const { mismatches } = checkBinding(node({ resolved: 'https://user:secret@tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz' }), registryDigests(sri('sha512'), undefined), mirror);
    expect(mismatches).toEqual([{ kind: 'resolved', lockfile: 'https://tarballs.example.test/gundam-visor/-/gundam-visor-1.0.1.tgz', registry: 'https://mirror.example.test/npm/' }]);
  });

  it('writes digests re-encoded from their bytes, never the lockfile text', () => {
    const { mismatches } = checkBinding(node({ integrity: `${sri('sha512', other)}\n::error::forged` }), registryDigests(sri('sha512'), undefined), mirror);
    expect(mismatches).toEqual([{ kind: 'integrity', lockfile: sri('sha512', other), registry: sri('sha512') }]);
  });

  it('never throws, and compares symmetrically, whatever the integrity strings (property)', () => {
    const algorithm = fc.constantFrom('sha1', 'sha256', 'sha384', 'sha512', 'md5', '');
    const part = fc.tuple(algorithm, fc.string({ maxLength: 30 })).map(([a, b]) => `${a}-${b}`);
    const integrity = fc.oneof(fc.string({ maxLength: 60 }), fc.array(part, { maxLength: 4 }).map((parts) => parts.join(' ')));
    fc.assert(
      fc.property(integrity, integrity, (left, right) => {
        const forward = compareIntegrity(parseIntegrity(left), parseIntegrity(right));
        const backward = compareIntegrity(parseIntegrity(right), parseIntegrity(left));
        expect(backward?.equal).toBe(forward?.equal);
        expect(backward?.algorithm).toBe(forward?.algorithm);
        if (forward) expect(`${forward.left} ${forward.right}`).toMatch(/^sha\d+-[A-Za-z0-9+/=]+ sha\d+-[A-Za-z0-9+/=]+$/);
      }),
      { seed: 16, numRuns: 500 },
    );
  });
});
