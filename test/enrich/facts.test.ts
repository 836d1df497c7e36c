/** Golden tests of fact extraction on real recorded registry documents (../shared/fixtures/registry/). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailDomain, extractFacts, FACTS_DOCUMENT, parseFunding, parsePerson } from '../../src/enrich/facts.js';
import { SHARED_FIXTURES } from '../helpers.js';

const REGISTRY = 'https://registry.npm.test/';

function versionOf(file: string, version: string): Record<string, unknown> {
  const packument = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as { versions: Record<string, Record<string, unknown>> };
  const doc = packument.versions[version];
  if (!doc) throw new Error(`${file} has no version ${version}`);
  return doc;
}

describe('extractFacts on recorded documents', () => {
  it.each([
    {
      doc: ['@babel__core.json', '7.7.7'],
      expected: {
        author: { name: 'Sebastian McKenzie', email: 'sebmck@gmail.com' },
        repository: { host: 'github.com', owner: 'babel', repo: 'babel' },
        funding: [{ type: 'opencollective', url: 'https://opencollective.com/babel' }],
        license: 'MIT',
        provenance: { state: 'absent', signature: 'absent' },
      },
    },
    {
      doc: ['vite.json', '8.0.0-beta.12'],
      expected: {
        publisher: { name: 'GitHub Actions', trustedPublisher: { id: 'github' } },
        repository: { host: 'github.com', owner: 'vitejs', repo: 'vite', directory: 'packages/vite' },
        attestations: { url: 'https://registry.npm.test/-/npm/v1/attestations/vite@8.0.0-beta.12', predicateType: 'https://slsa.dev/provenance/v1' },
        signatures: [expect.objectContaining({ keyid: 'SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U' })],
        provenance: { state: 'present', signature: 'unknown' },
        funding: [{ url: 'https://github.com/vitejs/vite?sponsor=1' }],
      },
    },
    { doc: ['vite.json', '5.4.21'], expected: { publisher: { name: 'vitebot', email: 'user5@example.com' }, maintainers: expect.arrayContaining([{ name: 'patak', email: 'user3@example.com' }]) } },
    { doc: ['fsevents.json', '1.2.13'], expected: { installScripts: ['install'], deprecated: expect.stringContaining('fsevents 1') } },
    { doc: ['core-js.json', '3.6.5'], expected: { installScripts: ['postinstall'], publisher: { name: 'slowcheetah', email: expect.stringMatching(/@inbox\.ru$/) } } },
    { doc: ['nuxt.json', '2.18.1'], expected: { installScripts: ['postinstall'], deprecated: expect.any(String) } },
    { doc: ['request.json', '2.0.0'], expected: { deprecated: expect.stringContaining('request has been deprecated') } },
    { doc: ['has-package-exports.json', '1.3.0'], expected: { funding: [{ url: 'https://github.com/sponsors/ljharb' }], signatures: [expect.objectContaining({ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA' })] } },
    { doc: ['once.json', '1.4.0'], expected: { repository: { url: 'git://github.com/isaacs/once.git', host: 'github.com', owner: 'isaacs', repo: 'once' }, author: { name: 'Isaac Z. Schlueter', email: 'i@izs.me', url: 'http://blog.izs.me/' } } },
    { doc: ['next.json', '11.1.4'], expected: { publisher: expect.objectContaining({ name: expect.any(String) }) } },
  ])('$doc.0 $doc.1', ({ doc: [file, version], expected }) => {
    expect(extractFacts(versionOf(file!, version!), REGISTRY)).toMatchObject(expected);
  });

  it('leaves every field out that a document lacks (reduced mirror)', () => {
    const facts = extractFacts({ name: 'x', version: '1.0.0', dist: { integrity: 'sha512-AA==', tarball: 'https://mirror.example.test/x/-/x-1.0.0.tgz' } }, REGISTRY);
    expect(facts).toEqual({ registry: REGISTRY, tarballHost: 'mirror.example.test', integrity: 'sha512-AA==', provenance: { state: 'absent', signature: 'absent' } });
  });

  it('prefers the lockfile resolved host as the tarball host', () => {
    expect(extractFacts({ dist: { tarball: 'https://a.example.test/x.tgz' } }, REGISTRY, 'https://b.example.test/x.tgz').tarballHost).toBe('b.example.test');
  });

  it('reads gypfile as an install script when no install script is declared', () => {
    expect(extractFacts({ gypfile: true }, REGISTRY).installScripts).toEqual(['gypfile']);
    expect(extractFacts({ gypfile: true, scripts: { install: 'node-gyp-build' } }, REGISTRY).installScripts).toEqual(['install']);
  });

  it('reads a staged publish approver', () => {
    const facts = extractFacts({ _npmUser: { name: 'ci', email: 'ci@example.test', approver: { name: 'alice', email: 'alice@example.test' } } }, REGISTRY);
    expect(facts.publisher).toEqual({ name: 'ci', email: 'ci@example.test', approver: { name: 'alice', email: 'alice@example.test' } });
  });
});

describe('people, funding and e-mail domains', () => {
  it.each([
    ['Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me/)', { name: 'Isaac Z. Schlueter', email: 'i@izs.me', url: 'http://blog.izs.me/' }],
    ['Jane Doe', { name: 'Jane Doe' }],
    ['<only@mail.example>', { email: 'only@mail.example' }],
    [{ name: 'Bob', email: 'bob@example.test' }, { name: 'Bob', email: 'bob@example.test' }],
    [{ name: '', email: '' }, undefined],
    [42, undefined],
  ])('parsePerson(%j)', (input, expected) => {
    expect(parsePerson(input)).toEqual(expected);
  });

  it.each([
    ['https://x.test/fund', [{ url: 'https://x.test/fund' }]],
    [{ type: 'patreon', url: 'https://p.test/x' }, [{ type: 'patreon', url: 'https://p.test/x' }]],
    [['https://a.test', { type: 'github', url: 'https://b.test' }, { type: 'broken' }], [{ url: 'https://a.test' }, { type: 'github', url: 'https://b.test' }]],
    [undefined, undefined],
  ])('parseFunding(%j)', (input, expected) => {
    expect(parseFunding(input)).toEqual(expected);
  });

  it.each([
    ['i@izs.me', 'izs.me'],
    ['Someone@Example.CO.UK', 'example.co.uk'],
    ['no-at-sign', undefined],
    ['x@localhost', undefined],
    [undefined, undefined],
  ])('emailDomain(%j) = %j', (input, expected) => {
    expect(emailDomain(input)).toBe(expected);
  });
});

describe('what the cache keeps of a document', () => {
  // Every version of every recorded packument: the kept part must yield exactly the facts of the whole.
  const files = readdirSync(join(SHARED_FIXTURES, 'registry', 'packuments'));
  it.each(files)('%s: facts from the kept part equal facts from the whole document, every version', (file) => {
    const packument = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as { versions: Record<string, Record<string, unknown>> };
    let kept = 0;
    let whole = 0;
    for (const doc of Object.values(packument.versions)) {
      const trimmed = FACTS_DOCUMENT.trim(doc);
      expect(extractFacts(trimmed as Record<string, unknown>, REGISTRY), `${file} ${String(doc.version)}`).toEqual(extractFacts(doc, REGISTRY));
      kept += JSON.stringify(trimmed).length;
      whole += JSON.stringify(doc).length;
    }
    expect(kept).toBeLessThan(whole);
  });

  it('leaves what is not a document alone', () => {
    expect(FACTS_DOCUMENT.trim(['x'])).toEqual(['x']);
    expect(FACTS_DOCUMENT.trim(null)).toBeNull();
  });
});
