/**
 * Fusion (src/attribute/fuse.ts): claims on one fact count once, independent facts combine by noisy-or,
 * and a country resting on one personal hint alone is an indication. Table-driven on hand-made claims
 * for the arithmetic, then golden on real recorded registry documents for each rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIMENSION_MEANING, type Claim } from '../../src/attribute/claim.js';
import { loadAttributionData, type DataRef } from '../../src/attribute/data.js';
import { evidenceGroups, fuse } from '../../src/attribute/fuse.js';
import { attributePackage } from '../../src/attribute/index.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';
import { extractFacts, type PackageFacts } from '../../src/enrich/facts.js';
import { SHARED_FIXTURES } from '../helpers.js';
import { fixture, recorded, registryNode } from './helpers.js';

const data = loadAttributionData();
const REGISTRY = defaultRegistry()!;
const ref: DataRef = { file: 'cctlds', id: '.de', source: 'https://example.test/', asOf: '2026-12-05' };
const personal = (domain: string, confidence = 0.4): Claim => ({ dimension: 'maintainer', country: 'DE', confidence, signal: 'person-site-cctld', observed: `website ${domain}`, source: ref, independence: `personal-domain:${domain}`, hint: true });
const employer = (id: string, hint?: true): Claim => ({ dimension: 'maintainer', country: 'DE', confidence: 0.9, signal: 'email-domain', observed: `maintainer e-mail domain ${id}.example`, source: ref, independence: `employer:${id}`, ...(hint ? { hint } : {}) });
const vendor = (country: string, via?: string): Claim => ({ dimension: 'vendor', country, confidence: 0.95, signal: 'npm-scope', observed: '@acme', source: { ...ref, file: 'vendors' }, vendor: { id: via ? 'alibaba' : 'alibaba-cloud', name: 'Alibaba', ...(via ? { via } : {}) }, independence: 'npm-scope:@acme' });

describe.each<[string, Claim[], { confidence: number; groups: number; indication: boolean }]>([
  ['one personal domain alone: an indication', [personal('doe.de')], { confidence: 0.4, groups: 1, indication: true }],
  ['the same domain as the author\'s e-mail and a maintainer\'s website: one fact', [{ ...personal('doe.de'), signal: 'email-cctld', observed: 'author e-mail domain doe.de' }, personal('doe.de')], { confidence: 0.4, groups: 1, indication: true }],
  ['the same fact at two confidences: the strongest counts', [personal('doe.de', 0.4), personal('doe.de', 0.6)], { confidence: 0.6, groups: 1, indication: true }],
  ['two domains of one employer (one key): one fact', [employer('acme'), { ...employer('acme'), observed: 'publisher e-mail domain mail.acme.example' }], { confidence: 0.9, groups: 1, indication: false }],
  ['an employer only the author names: a hint, alone an indication', [employer('acme', true)], { confidence: 0.9, groups: 1, indication: true }],
  ['a hint and a maintainer at the same employer: one fact, not a hint', [employer('acme', true), employer('acme')], { confidence: 0.9, groups: 1, indication: false }],
  ['a personal domain corroborated by an employer: two facts combine', [personal('doe.de'), employer('acme')], { confidence: 0.94, groups: 2, indication: false }],
  ['two different personal domains: two facts combine', [personal('doe.de'), personal('roe.de')], { confidence: 0.64, groups: 2, indication: false }],
  ['a vendor and its parent in one country: one fact', [vendor('CN'), vendor('CN', 'alibaba-cloud')], { confidence: 0.95, groups: 1, indication: false }],
])('%s', (_name, claims, expected) => {
  it('fuses', () => {
    const [result] = fuse(claims, data).dimensions[claims[0]!.dimension];
    expect(result?.confidence).toBe(expected.confidence);
    expect(result?.indication === true).toBe(expected.indication);
    expect(evidenceGroups(claims)).toHaveLength(expected.groups);
  });
});

it('a claim without a key is keyed by its signal and observation: the same signal repeated on one fact counts once', () => {
  const bare = (confidence: number): Claim => ({ dimension: 'hosting', country: 'US', confidence, signal: 'registry-host', observed: 'metadata from the default npm registry', source: ref });
  expect(fuse([bare(0.9), bare(0.7)], data).dimensions.hosting).toEqual([{ country: 'US', confidence: 0.9, signals: ['registry-host'] }]);
});

function attribute(name: string, doc: Record<string, unknown>, patch: (f: PackageFacts) => void = () => {}) {
  const facts = extractFacts(doc, REGISTRY);
  patch(facts);
  return { facts, ...attributePackage({ node: registryNode(name, String(doc.version)), facts, defaultRegistry: REGISTRY }, data) };
}

describe('dimension semantics: only evidence about the people who can publish reaches the maintainer dimension', () => {
  it.each(['ms.json', 'core-js.json', '@types__is-windows.json', 'vite.json', 'next.json', '@babel__core.json'])('%s, every version: each claim comes from a signal its dimension may read', (file) => {
    const { versions } = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as { versions: Record<string, Record<string, unknown>> };
    let seen = 0;
    for (const doc of Object.values(versions)) {
      for (const claim of attribute(String(doc.name), doc).claims) {
        expect(DIMENSION_MEANING[claim.dimension].signals).toContain(claim.signal);
        expect(claim.independence).toBeTruthy();
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it.each([
    ['postcss', fixture('postcss@8.4.49.json')],
    ['browserslist', fixture('browserslist@4.24.2.json')],
    ['@babel/core', recorded('@babel__core.json', '7.7.7')],
  ])('%s: funding platforms give no claim, and the funding links stay as facts', (name, doc) => {
    const { facts, claims, dimensions } = attribute(name, doc);
    expect(facts.funding?.length).toBeGreaterThan(0);
    expect(claims.filter((c) => c.source.file === 'funding-platforms' || /fund/.test(c.observed))).toEqual([]);
    expect(dimensions.maintainer.map((c) => c.country)).not.toContain('US');
  });

  it('a national free-mail provider (core-js publishes from inbox.ru) says where the provider is, not the person: no claim', () => {
    const { claims } = attribute('core-js', recorded('core-js.json', '3.6.5'));
    expect(claims.filter((c) => c.observed.includes('inbox.ru'))).toEqual([]);
  });
});

describe('one weak fact never decides: golden on recorded documents', () => {
  it.each<[string, Record<string, unknown>, { country: string; confidence: number; observed: RegExp }[]]>([
    ['ioredis: a vanity .li domain of the author, as e-mail and website: one weak indication', fixture('ioredis@5.4.1.json'), [{ country: 'LI', confidence: 0.4, observed: /^author e-mail domain zihua\.li \(under \.li, / }]],
    ['quickjs-emscripten: the author\'s .tl website: a weak indication', fixture('quickjs-emscripten@0.31.0.json'), [{ country: 'TL', confidence: 0.4, observed: /^author website jake\.tl \(under \.tl, / }]],
    ['yargs-parser: an employer only the author field names: an indication, not a rated US', fixture('yargs-parser@21.1.1.json'), [{ country: 'US', confidence: 0.9, observed: /^author e-mail domain npmjs\.com$/ }]],
    ['postcss: the author\'s .ru domain alone: an indication', fixture('postcss@8.4.49.json'), [{ country: 'RU', confidence: 0.4, observed: /^author e-mail domain sitnik\.ru/ }]],
    ['prosemirror-model: one person\'s .berlin e-mail and .nl website: two indications, neither rated', fixture('prosemirror-model@1.24.1.json'), [{ country: 'DE', confidence: 0.4, observed: /haverbeke\.berlin/ }, { country: 'NL', confidence: 0.4, observed: /marijnhaverbeke\.nl/ }]],
  ])('%s', (_name, doc, expected) => {
    const { claims, dimensions } = attribute(String(doc.name), doc);
    expect(dimensions.maintainer.map(({ country, confidence, indication }) => ({ country, confidence, indication }))).toEqual(expected.map(({ country, confidence }) => ({ country, confidence, indication: true })));
    for (const { country, observed } of expected) expect(claims.find((c) => c.dimension === 'maintainer' && c.country === country)?.observed).toMatch(observed);
  });

  it('postcss with its author also listed as maintainer: the same domain is one fact, still an indication', () => {
    // The development registry omits maintainers; this one is added to the recorded document for the test.
    const { claims, dimensions } = attribute('postcss', { ...fixture('postcss@8.4.49.json'), maintainers: [{ name: 'ai', email: 'andrey@sitnik.ru' }] });
    expect(claims.filter((c) => c.dimension === 'maintainer').map((c) => c.observed)).toEqual(['maintainer, author e-mail domain sitnik.ru (under .ru, open registration)']);
    expect(dimensions.maintainer).toEqual([{ country: 'RU', confidence: 0.4, signals: ['email-cctld'], indication: true }]);
  });

  it.each<[string, { name: string; email?: string; url?: string }, number]>([
    ['a maintainer at a Russian employer corroborates it', { name: 'second', email: 'second@yandex-team.ru' }, 0.94],
    ['a second person\'s .ru domain corroborates it', { name: 'second', email: 'second@second-maintainer.ru' }, 0.64],
  ])('postcss: %s (maintainer added to the recorded document for the test)', (_name, maintainer, confidence) => {
    const { dimensions } = attribute('postcss', { ...fixture('postcss@8.4.49.json'), maintainers: [maintainer] });
    expect(dimensions.maintainer).toEqual([expect.objectContaining({ country: 'RU', confidence })]);
    expect(dimensions.maintainer[0]!.indication).toBeUndefined();
  });
});
