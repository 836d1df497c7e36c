/**
 * Golden tests per signal, on real recorded registry documents (../shared/fixtures/registry/ and the
 * eval recordings), plus hand-made facts where the recordings lack a shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNAL_IDS, type Claim } from '../../src/attribute/claim.js';
import { loadAttributionData } from '../../src/attribute/data.js';
import { SIGNALS, attributePackage } from '../../src/attribute/index.js';
import { buildPlatform } from '../../src/attribute/signals/build-platform.js';
import { emailCcTld } from '../../src/attribute/signals/email-cctld.js';
import { emailDomain } from '../../src/attribute/signals/email-domain.js';
import { personSiteCcTld } from '../../src/attribute/signals/person-site-cctld.js';
import { homepageDomain } from '../../src/attribute/signals/homepage-domain.js';
import { npmScope } from '../../src/attribute/signals/npm-scope.js';
import { registryHost } from '../../src/attribute/signals/registry-host.js';
import { repoHost } from '../../src/attribute/signals/repo-host.js';
import { repoOwner } from '../../src/attribute/signals/repo-owner.js';
import type { Signal, SignalInput } from '../../src/attribute/signals/shared.js';
import { extractFacts, type PackageFacts } from '../../src/enrich/facts.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';

const DEFAULT_REGISTRY = defaultRegistry()!;
import { REPO } from '../helpers.js';
import { evalDoc, fixture, recorded, registryNode } from './helpers.js';

const data = loadAttributionData();
const REGISTRY = DEFAULT_REGISTRY;

const node = registryNode;

function input(name: string, doc: Record<string, unknown>, patch: (f: PackageFacts) => void = () => {}): SignalInput {
  const facts = extractFacts(doc, REGISTRY);
  patch(facts);
  return { node: node(name, String(doc.version ?? '1.0.0')), facts, defaultRegistry: REGISTRY };
}

const brief = (claims: Claim[]) => claims.map((c) => `${c.dimension}=${c.country} ${c.confidence} ${c.observed} [${c.source.file}:${c.source.id}]`);

describe.each<[string, Signal, SignalInput, string[]]>([
  ['build-platform: a verified GitHub-hosted build', buildPlatform, input('vite', recorded('vite.json', '8.0.0-beta.12'), (f) => (f.provenance = { state: 'verified', signature: 'verified', attested: { builder: 'https://github.com/actions/runner/github-hosted', runner: 'github-hosted' } })), ['hosting=US 0.95 built on github-hosted (github.com/actions/runner/github-hosted) [hosts:github-actions]']],
  ['build-platform: a self-hosted runner says nothing', buildPlatform, input('vite', recorded('vite.json', '8.0.0-beta.12'), (f) => (f.provenance = { state: 'verified', signature: 'verified', attested: { builder: 'https://github.com/actions/runner/self-hosted', runner: 'self-hosted' } })), []],
  ['build-platform: unverified provenance says nothing', buildPlatform, input('vite', recorded('vite.json', '8.0.0-beta.12'), (f) => (f.provenance = { state: 'invalid', signature: 'verified', attested: { builder: 'https://github.com/actions/runner/github-hosted' } })), []],
  ['repo-owner: a verified attested repository is strong', repoOwner, input('x', { repository: 'github:someone/fork' }, (f) => (f.provenance = { state: 'verified', signature: 'verified', attested: { repository: 'https://github.com/vercel/next.js' } })), ['vendor=US 0.95 attested repository github.com/vercel [vendors:vercel]']],
  ['registry-host: a mirror in the lockfile', registryHost, { node: node('lodash', '4.17.21', { resolved: 'https://registry.npmmirror.com/lodash/-/lodash-4.17.21.tgz' }), facts: extractFacts({}, REGISTRY), defaultRegistry: REGISTRY }, ['hosting=US 0.9 metadata from the default npm registry [hosts:npm-public-registry]', 'hosting=CN 0.9 tarball from registry.npmmirror.com [hosts:npmmirror]']],
  ['npm-scope: a vendor scope, and the parent above it', npmScope, input('@alicloud/pop-core', evalDoc('@alicloud/pop-core')), ['vendor=CN 0.95 @alicloud [vendors:alibaba-cloud]', 'vendor=CN 0.95 @alicloud [vendors:alibaba]']],
  ['npm-scope: a subsidiary abroad yields both countries', npmScope, input('@types/is-windows', recorded('@types__is-windows.json', '1.0.0')), ['vendor=US 0.95 @types [vendors:definitelytyped]', 'vendor=US 0.95 @types [vendors:microsoft]']],
  ['npm-scope: a community scope says nothing', npmScope, input('@babel/core', recorded('@babel__core.json', '7.7.7')), []],
  ['repo-owner: the owning organisation', repoOwner, input('next', evalDoc('next')), ['vendor=US 0.8 repository github.com/vercel [vendors:vercel]']],
  ['repo-owner: an individual owner says nothing', repoOwner, input('once', recorded('once.json', '1.4.0')), []],
  ['repo-host: the forge of the source', repoHost, input('vite', recorded('vite.json', '8.0.0-beta.12')), ['hosting=US 0.7 source on github.com [hosts:github]']],
  ['registry-host: the default registry, symbolically', registryHost, input('ms', recorded('ms.json', '2.1.2')), ['hosting=US 0.9 metadata from the default npm registry [hosts:npm-public-registry]']],
  ['email-domain: a corporate domain', emailDomain, input('@types/is-windows', recorded('@types__is-windows.json', '1.0.0')), ['maintainer=US 0.9 maintainer, publisher e-mail domain microsoft.com [vendors:microsoft]']],
  ['email-cctld: country-code domains, not ones sold worldwide (.it and the open .is are countries, weakly; .io would not be)', emailCcTld, input('ms', recorded('ms.json', '2.1.2')), ['maintainer=NZ 0.4 maintainer e-mail domain phi.nz (under .nz, registration rule not recorded) [cctlds:.nz]', 'maintainer=IS 0.4 maintainer e-mail domain connordav.is (under .is, open registration) [cctlds:.is]', 'maintainer=CZ 0.4 maintainer e-mail domain huvar.cz (under .cz, open registration) [cctlds:.cz]', 'maintainer=IT 0.4 maintainer e-mail domain evilrabb.it (under .it, open registration) [cctlds:.it]', 'maintainer=NL 0.4 maintainer e-mail domain timneutkens.nl (under .nl, open registration) [cctlds:.nl]']],
  ['email-cctld: a city TLD is read as its country', emailCcTld, input('orderedmap', fixture('orderedmap@2.1.1.json')), ['maintainer=DE 0.4 author e-mail domain haverbeke.berlin (under .berlin, registration rule not recorded) [geo-tlds:.berlin]']],
  ['email-cctld: a TLD of a language or culture names no country', emailCcTld, input('x', { author: 'Someone <someone@example.cat>', maintainers: [{ email: 'someone@example.eus' }] }), []],
  ['person-site-cctld: websites under country codes; a forge profile or a worldwide TLD says nothing', personSiteCcTld, input('acorn', fixture('acorn@8.15.0.json')), ['maintainer=NL 0.4 maintainer website marijnhaverbeke.nl (under .nl, open registration) [cctlds:.nl]', 'maintainer=DE 0.4 maintainer website adrianheine.de (under .de, open registration) [cctlds:.de]']],
  ['person-site-cctld: under --redact the domain is withheld', personSiteCcTld, { ...input('acorn', fixture('acorn@8.15.0.json')), redact: true }, ['maintainer=NL 0.4 maintainer website under .nl (domain withheld; open registration) [cctlds:.nl]', 'maintainer=DE 0.4 maintainer website under .de (domain withheld; open registration) [cctlds:.de]']],
  ['person-site-cctld: one observation per domain, none where e-mail-ccTLD reads it, none on forges or vendors', personSiteCcTld, input('x', { author: 'A <a@doe.de> (https://www.doe.de)', maintainers: [{ name: 'B', url: 'https://github.com/b' }, { name: 'C', url: 'https://c.io' }, { name: 'D', url: 'https://example.fr/' }, { name: 'D', web: 'blog.example.fr' }, { name: 'E', url: 'https://www.tencent.com' }] }), ['maintainer=FR 0.4 maintainer website example.fr (under .fr, open registration) [cctlds:.fr]']],
  ['person-site-cctld: a page or profile on another site, or a site on a hosting platform, is not the person\'s own', personSiteCcTld, input('x', { maintainers: [{ name: 'A', url: 'https://juejin.cn/user/123' }, { name: 'B', url: 'https://vk.ru/@b' }, { name: 'C', url: 'https://c.hatenablog.jp/' }, { name: 'D', url: 'mailto:d@example.de' }, { name: 'E', url: 'https://e.example.nl/index.html' }] }), ['maintainer=NL 0.4 maintainer website example.nl (under .nl, open registration) [cctlds:.nl]']],
  ['email-cctld: under --redact the domain is withheld and the country code stays', emailCcTld, { ...input('ms', recorded('ms.json', '2.1.2')), redact: true }, ['maintainer=NZ 0.4 maintainer e-mail domain under .nz (domain withheld; registration rule not recorded) [cctlds:.nz]', 'maintainer=IS 0.4 maintainer e-mail domain under .is (domain withheld; open registration) [cctlds:.is]', 'maintainer=CZ 0.4 maintainer e-mail domain under .cz (domain withheld; open registration) [cctlds:.cz]', 'maintainer=IT 0.4 maintainer e-mail domain under .it (domain withheld; open registration) [cctlds:.it]', 'maintainer=NL 0.4 maintainer e-mail domain under .nl (domain withheld; open registration) [cctlds:.nl]']],
  ['email-domain: a corporate domain stays under --redact (it names no person)', emailDomain, { ...input('@types/is-windows', recorded('@types__is-windows.json', '1.0.0')), redact: true }, ['maintainer=US 0.9 maintainer, publisher e-mail domain microsoft.com [vendors:microsoft]']],
  ['homepage-domain: a vendor web domain', homepageDomain, input('antd', evalDoc('antd')), ['vendor=CN 0.7 homepage on ant.design [vendors:ant-group]']],
  ['homepage-domain: a homepage on a forge is left to the repository signals', homepageDomain, input('tdesign-react', evalDoc('tdesign-react')), []],
])('%s', (_name, signal, signalInput, expected) => {
  it('claims', () => {
    expect(brief(signal(signalInput, data))).toEqual(expected);
  });
});

describe('fusion', () => {
  it('agreeing evidence raises confidence; a vendor and its controller are named', () => {
    const result = attributePackage(input('@alicloud/pop-core', evalDoc('@alicloud/pop-core')), data);
    expect(result.vendor).toEqual({ id: 'alibaba-cloud', name: 'Alibaba Cloud', country: 'CN', confidence: 0.99, controller: { id: 'alibaba', name: 'Alibaba Group Holding', country: 'CN' } });
    expect(result.dimensions.vendor).toEqual([{ country: 'CN', confidence: 0.99, signals: ['npm-scope', 'repo-owner'] }]);
  });

  it('disagreeing evidence is kept, each country with its confidence', () => {
    const result = attributePackage(input('ms', recorded('ms.json', '2.1.2')), data);
    expect(result.dimensions.maintainer.map((c) => c.country)).toEqual(['CZ', 'IS', 'IT', 'NL', 'NZ']);
    expect(result.dimensions.maintainer.every((c) => c.confidence === 0.4 && c.indication)).toBe(true);
  });

  it('no signal, no country: every dimension unknown', () => {
    const result = attributePackage({ node: node('local-thing', '1.0.0', { source: 'file' }), defaultRegistry: REGISTRY }, data);
    expect(result.dimensions).toEqual({ vendor: [], maintainer: [], hosting: [] });
    expect(result.vendor).toBeUndefined();
  });

  it('the taxonomy lists every signal id, and only those', () => {
    const taxonomy = readFileSync(join(REPO, 'docs', 'taxonomy.md'), 'utf8');
    const listed = /Signals: ([^|]+)\|/.exec(taxonomy)?.[1]?.match(/`[a-z-]+`/g)?.map((id) => id.slice(1, -1));
    expect(listed?.sort()).toEqual([...SIGNAL_IDS].sort());
  });

  it('every signal is registered once', () => {
    expect(new Set(SIGNALS).size).toBe(SIGNALS.length);
    expect(SIGNALS).toHaveLength(10);
  });
});
