/**
 * Evidence in time, on real recorded documents (test/fixtures/registry/): another version's repository
 * when the resolved one names none, a renamed forge org's former name, a person's former domain, and one
 * answer for one domain across a tree.
 */
import { describe, expect, it } from 'vitest';
import { attribute, attributePackage } from '../../src/attribute/index.js';
import { loadAttributionData } from '../../src/attribute/data.js';
import { formerAcrossTree } from '../../src/attribute/consistency.js';
import { extractFacts, type PackageFacts } from '../../src/enrich/facts.js';
import { jurisdictionPairs } from '../../src/emit/annotations.js';
import type { Scan } from '../../src/model.js';
import { fixture, registryNode } from './helpers.js';

const data = loadAttributionData();
const facts = (file: string) => extractFacts(fixture(file), 'https://registry.npm.test/');
const input = (name: string, version: string, f: PackageFacts) => ({ node: registryNode(name, version), facts: f, defaultRegistry: 'https://registry.npm.test/' });

/** The newest version's people, as enrich records them from its document. */
function withNewest(f: PackageFacts, latestFile: string): PackageFacts {
  const latest = facts(latestFile);
  return { ...f, newest: { version: fixture(latestFile).version as string, ...(latest.author ? { author: latest.author } : {}) } };
}

describe('version fallback: the resolved version names no repository, homepage or author', () => {
  const latest = facts('ms@latest.json');
  const ms = { ...facts('ms@0.6.1.json'), fallback: { version: '2.1.3', repository: latest.repository! } };

  it('names nothing on its own', () => {
    const own = attributePackage(input('ms', '0.6.1', facts('ms@0.6.1.json')), data);
    expect(own.claims.filter((c) => c.dimension !== 'hosting' || c.signal !== 'registry-host')).toEqual([]);
  });

  it('reads the newer version at lower confidence, saying which version, in the claim, the evidence and the vendor', () => {
    const result = attributePackage(input('ms', '0.6.1', ms), data);
    const owner = result.claims.find((c) => c.signal === 'repo-owner')!;
    expect(owner).toMatchObject({ dimension: 'vendor', country: 'US', confidence: 0.6, fromVersion: '2.1.3', observed: 'repository github.com/vercel (from version 2.1.3)' });
    expect(owner.source.id).toBe('vercel');
    expect(result.claims.find((c) => c.signal === 'repo-host')).toMatchObject({ confidence: 0.525, fromVersion: '2.1.3' });
    expect(result.vendor).toMatchObject({ id: 'vercel', confidence: 0.6 });
    expect(jurisdictionPairs(result)).toContainEqual(['sovscan:evidence', 'vendor=US 0.60 repo-owner: repository github.com/vercel (from version 2.1.3) [vendors:vercel https://github.com/vercel]']);
  });

  it('reads the fallback version\'s author like the resolved version\'s, weaker and saying which version', () => {
    // A hand-made author: ms names none in any version.
    const result = attributePackage(input('ms', '0.6.1', { ...ms, fallback: { ...ms.fallback, author: { name: 'A', email: 'a@example.de' } } }), data);
    expect(result.claims.find((c) => c.signal === 'email-cctld')).toMatchObject({ country: 'DE', confidence: 0.3, fromVersion: '2.1.3', observed: 'author e-mail domain example.de (under .de, open registration) (from version 2.1.3)' });
  });

  it('never reads the fallback when the resolved version names a repository', () => {
    const own = facts('ms@2.1.2.json');
    const result = attributePackage(input('ms', '2.1.2', { ...own, fallback: { version: '9.9.9', repository: latest.repository! } }), data);
    expect(result.claims.some((c) => c.fromVersion)).toBe(false);
  });
});

describe('a renamed forge organisation keeps its former name', () => {
  it('ms@2.1.2 names github.com/zeit, which is Vercel, formerly', () => {
    const result = attributePackage(input('ms', '2.1.2', facts('ms@2.1.2.json')), data);
    const owner = result.claims.find((c) => c.signal === 'repo-owner')!;
    expect(owner).toMatchObject({ country: 'US', confidence: 0.8, observed: 'repository github.com/zeit (formerly the name of github.com/vercel)' });
    expect(result.vendor?.id).toBe('vercel');
  });

  it('every former name is the vendor\'s and names one of its current orgs, and is nobody\'s current org', () => {
    for (const [org, former] of data.formerForgeOrgs) {
      const vendor = data.byForgeOrg.get(org)!;
      const [host, now] = former.now.split('/');
      expect(host).toBe('github.com');
      expect(vendor.identifiers.githubOrgs).toContain(now);
      expect([...data.vendors.values()].some((v) => v.identifiers.githubOrgs?.some((o) => `github.com/${o.toLowerCase()}` === org))).toBe(false);
    }
    expect(data.formerForgeOrgs.size).toBeGreaterThanOrEqual(3);
  });
});

describe('a person\'s former domain is weaker than a current one', () => {
  it('nanoid@3.3.20: the .ru author domain alone, without the newest version, is as strong as before', () => {
    const claims = attributePackage(input('nanoid', '3.3.20', facts('nanoid@3.3.20.json')), data).claims.filter((c) => c.signal === 'email-cctld');
    expect(claims).toEqual([expect.objectContaining({ country: 'RU', confidence: 0.4 })]);
  });

  it('nanoid@3.3.20 with its newest version 6.0.2 (author under .es): RU is former and weaker, ES is the current evidence', () => {
    const result = attributePackage(input('nanoid', '3.3.20', withNewest(facts('nanoid@3.3.20.json'), 'nanoid@latest.json')), data);
    const claims = result.claims.filter((c) => c.signal === 'email-cctld').map((c) => [c.country, c.confidence, c.observed, c.fromVersion]);
    expect(claims).toEqual([
      ['RU', 0.2, 'author e-mail domain sitnik.ru (under .ru, open registration) (in version 3.3.20 only; the newest version 6.0.2 names another)', undefined],
      ['ES', 0.4, 'author e-mail domain sitnik.es (under .es, registration rule not recorded) (from the newest version 6.0.2)', '6.0.2'],
    ]);
    // The current evidence ranks first (funding platforms aside, which say nothing about people).
    expect(result.dimensions.maintainer.filter((c) => c.signals.includes('email-cctld')).map((c) => c.country)).toEqual(['ES', 'RU']);
  });

  it('a newest version that names no one in the role leaves the evidence current', () => {
    const f = facts('nanoid@3.3.20.json');
    const result = attributePackage(input('nanoid', '3.3.20', { ...f, newest: { version: '6.0.2' } }), data);
    expect(result.claims.find((c) => c.signal === 'email-cctld')).toMatchObject({ country: 'RU', confidence: 0.4 });
  });
});

describe('one person, one answer across the tree', () => {
  const nanoid = registryNode('nanoid', '3.3.20');
  // A second package naming the same author address, whose own newest version was not read.
  const other = registryNode('other-by-same-author', '1.0.0');
  const scanOf = (nanoidFacts: PackageFacts, otherFacts: PackageFacts): Scan =>
    ({ graph: { nodes: new Map([[nanoid.id, nanoid], [other.id, other]]) }, facts: new Map([[nanoid.id, nanoidFacts], [other.id, otherFacts]]), issues: [], complete: true }) as unknown as Scan;

  it('a domain former in one package is former in every package that names it, with the same country and strength', () => {
    const old = facts('nanoid@3.3.20.json');
    const scan = scanOf(withNewest(old, 'nanoid@latest.json'), { ...old });
    const out = attribute(scan, { data, defaultRegistry: 'https://registry.npm.test/' });
    const ru = (id: string) => out.get(id)!.claims.filter((c) => c.country === 'RU').map((c) => [c.signal, c.confidence]);
    expect(ru(nanoid.id)).toEqual([['email-cctld', 0.2]]);
    expect(ru(other.id)).toEqual(ru(nanoid.id));
    expect(out.get(other.id)!.claims.find((c) => c.country === 'RU')!.observed).toBe('author e-mail domain sitnik.ru (under .ru, open registration) (former: nanoid@6.0.2 names another)');
  });

  it('without any package showing it former, the same domain gives the same answer everywhere', () => {
    const old = facts('nanoid@3.3.20.json');
    const out = attribute(scanOf(old, { ...old }), { data, defaultRegistry: 'https://registry.npm.test/' });
    const ru = (id: string) => out.get(id)!.dimensions.maintainer.filter((c) => c.country === 'RU');
    expect(ru(other.id)).toEqual([{ country: 'RU', confidence: 0.4, signals: ['email-cctld'], indication: true }]);
    expect(ru(nanoid.id)).toEqual(ru(other.id));
  });

  it('a domain some package\'s newest version still names stays current in the tree', () => {
    const old = facts('nanoid@3.3.20.json');
    const stillCurrent = { ...old, newest: { version: '1.0.0', author: old.author! } };
    expect(formerAcrossTree([nanoid, other], new Map([[nanoid.id, withNewest(old, 'nanoid@latest.json')], [other.id, stillCurrent]])).size).toBe(0);
    expect([...formerAcrossTree([nanoid, other], new Map([[nanoid.id, withNewest(old, 'nanoid@latest.json')], [other.id, old]]))]).toEqual([['sitnik.ru', 'nanoid@6.0.2']]);
  });
});
