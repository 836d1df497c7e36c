/**
 * Every data file: its JSON Schema, ISO 3166-1 codes, unique identifiers across vendors, parents that
 * exist and no cycles, a public source and an as-of date on every entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'tldts';
import addFormats from 'ajv-formats';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { ancestors, loadAttributionData, type AttributionData } from '../../src/attribute/data.js';
import { countryOfTld } from '../../src/attribute/signals/cctld.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';
import { REPO } from '../helpers.js';

const DATA = join(REPO, 'data');
const read = (file: string) => JSON.parse(readFileSync(join(DATA, file), 'utf8')) as Record<string, unknown>;
const FILES = ['vendors', 'hosts', 'email-providers', 'cctlds', 'geo-tlds', 'funding-platforms', 'iso3166-1', 'country-groups', 'incidents'];

function validator() {
  const ajv = new Ajv.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  for (const file of readdirSync(join(DATA, 'schemas'))) ajv.addSchema(JSON.parse(readFileSync(join(DATA, 'schemas', file), 'utf8')) as object, file);
  return ajv;
}

interface Vendor {
  id: string;
  country: string;
  incorporation?: string;
  parent?: string;
  identifiers: Record<string, string[]>;
}

interface CcTld {
  tld: string;
  country: string | null;
  registration: 'local-presence' | 'open' | 'unknown';
  worldwide: boolean;
  source: string;
  asOf?: string;
}

const ISO = new Set(Object.keys(countries.getAlpha2Codes()).filter((c) => c !== 'XK'));

describe('data files', () => {
  const ajv = validator();
  it.each(FILES)('%s.json matches its schema', (file) => {
    const validate = ajv.getSchema(`${file}.schema.json`)!;
    const ok = validate(read(`${file}.json`));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the ISO list is ISO 3166-1 alpha-2', () => {
    expect(new Set((read('iso3166-1.json').codes as string[]))).toEqual(ISO);
  });

  it('every numeric code names a listed alpha-2 code, once', () => {
    const numeric = read('iso3166-1.json').numeric as Record<string, string>;
    expect(Object.keys(numeric).length).toBeGreaterThanOrEqual(240);
    for (const alpha2 of Object.values(numeric)) expect(ISO.has(alpha2), alpha2).toBe(true);
    expect(new Set(Object.values(numeric)).size).toBe(Object.keys(numeric).length);
  });

  it.each(readdirSync(join(DATA, 'policies')))('policies/%s matches the policy schema', (file) => {
    const validate = ajv.getSchema('policy.schema.json')!;
    validate(read(join('policies', file)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(FILES.filter((f) => f !== 'iso3166-1' && f !== 'incidents'))('%s.json uses ISO 3166-1 country codes only', (file) => {
    const codes: string[] = [];
    JSON.stringify(read(`${file}.json`), (key, value: unknown) => {
      if ((key === 'country' || key === 'incorporation') && typeof value === 'string') codes.push(value);
      if (key === 'members' && Array.isArray(value)) codes.push(...(value as string[]));
      return value;
    });
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => !ISO.has(c))).toEqual([]);
  });

  const vendors = read('vendors.json').vendors as Vendor[];

  it('has at least 250 vendors across the countries the issue names', () => {
    expect(vendors.length).toBeGreaterThanOrEqual(250);
    const countries = new Set(vendors.map((v) => v.country));
    for (const c of ['US', 'CN', 'RU', 'DE', 'FR', 'NL', 'GB', 'JP', 'KR', 'IN', 'IL', 'CA', 'AU']) expect(countries).toContain(c);
  });

  it('no identifier names two vendors', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const v of vendors) {
      for (const [kind, values] of Object.entries(v.identifiers)) {
        for (const value of values) {
          const key = `${kind}:${value.toLowerCase()}`;
          if (seen.has(key) && seen.get(key) !== v.id) duplicates.push(`${key} (${seen.get(key)}, ${v.id})`);
          seen.set(key, v.id);
        }
      }
    }
    expect(duplicates).toEqual([]);
  });

  it('ids are unique, every parent exists, and no chain of parents is a cycle', () => {
    const byId = new Map(vendors.map((v) => [v.id, v]));
    expect(byId.size).toBe(vendors.length);
    for (const v of vendors) {
      const chain = [v.id];
      let current = v.parent;
      while (current) {
        expect(byId.has(current), `${v.id}: parent ${current} does not exist`).toBe(true);
        expect(chain, `${v.id}: cycle through ${current}`).not.toContain(current);
        chain.push(current);
        current = byId.get(current)!.parent;
      }
    }
  });

  // Known data errors that flipped verdicts (issue: attribution you can defend): each identifier, the
  // vendor it names and that vendor's chain of parents.
  it.each([
    ['npm scope @tiktok', (d: AttributionData) => d.byScope.get('@tiktok'), ['tiktok', 'bytedance']],
    ['GitHub org tiktok', (d: AttributionData) => d.byForgeOrg.get('github.com/tiktok'), ['tiktok', 'bytedance']],
    ['web domain tiktok.com', (d: AttributionData) => d.byWebDomain.get('tiktok.com'), ['tiktok', 'bytedance']],
    ['GitHub org careem', (d: AttributionData) => d.byForgeOrg.get('github.com/careem'), ['careem', 'e-and']],
    ['npm scope @line', (d: AttributionData) => d.byScope.get('@line'), ['ly-corp', 'a-holdings', 'softbank']],
    ['npm scope @trivago', (d: AttributionData) => d.byScope.get('@trivago'), ['trivago', 'expedia']],
    ['npm scope @trendyol', (d: AttributionData) => d.byScope.get('@trendyol'), ['trendyol', 'alibaba']],
    ['GitHub org hepsiburada', (d: AttributionData) => d.byForgeOrg.get('github.com/hepsiburada'), ['hepsiburada', 'kaspi']],
    ['GitHub org vimeo', (d: AttributionData) => d.byForgeOrg.get('github.com/vimeo'), ['vimeo', 'bending-spoons']],
  ])('%s names its controller', (_, find, chain) => {
    const data = loadAttributionData();
    const vendor = find(data)!;
    expect([vendor.id, ...ancestors(data, vendor).map((v) => v.id)]).toEqual(chain);
  });

  it("TikTok's US joint venture keeps its own entry, for what it runs, without the global identifiers", () => {
    const usds = vendors.find((v) => v.id === 'tiktok-usds')!;
    expect([usds.country, usds.identifiers]).toEqual(['US', {}]);
  });

  it('hosts name existing vendors and exactly one default registry', () => {
    const ids = new Set(vendors.map((v) => v.id));
    const hosts = read('hosts.json').hosts as { vendor?: string; symbolic?: string; hosts: string[] }[];
    expect(hosts.filter((h) => h.vendor && !ids.has(h.vendor)).map((h) => h.vendor)).toEqual([]);
    expect(hosts.filter((h) => h.symbolic === 'npm-default-registry')).toHaveLength(1);
  });

  it('every geographic TLD is a delegated top-level domain, not a country code or one used worldwide', () => {
    const geo = read('geo-tlds.json').tlds as { tld: string }[];
    for (const { tld } of geo) {
      const parsed = parse(`example.${tld}`);
      expect(parsed.publicSuffix === tld && parsed.isIcann, `.${tld} is not in the public suffix list's ICANN section`).toBe(true);
      expect(tld.length, `.${tld} is a country code`).toBeGreaterThan(2);
    }
    expect(new Set(geo.map((t) => t.tld)).size).toBe(geo.length);
  });

  describe('cctlds.json', () => {
    const tlds = read('cctlds.json').tlds as CcTld[];
    // ISO codes with no delegated ccTLD (IANA lists them as not assigned or retired), and the ccTLDs
    // that are not an ISO code of their own.
    const NOT_DELEGATED = ['BL', 'BQ', 'EH', 'MF', 'UM'];
    const EXCEPTIONS: Record<string, string | null> = { uk: 'GB', eu: null, su: null, ac: null };

    it('has exactly one entry for every delegated ISO code and each exception, and nothing else', () => {
      const expected = [...[...ISO].filter((c) => !NOT_DELEGATED.includes(c)).map((c) => c.toLowerCase()), ...Object.keys(EXCEPTIONS)].sort();
      expect(tlds.map((t) => t.tld).sort()).toEqual(expected);
    });

    it('maps each ccTLD to its own ISO code, or to the exception', () => {
      for (const t of tlds) expect(t.country, `.${t.tld}`).toBe(t.tld in EXCEPTIONS ? EXCEPTIONS[t.tld] : t.tld.toUpperCase());
    });

    // IANA's root-zone page names the registry, not its rules: it can back no rule and no worldwide use.
    it('every checked rule cites a page that states it and the date it was checked', () => {
      const iana = /^https:\/\/www\.iana\.org\/domains\/root\/db/;
      const checked = tlds.filter((t) => t.registration !== 'unknown' || t.worldwide);
      expect(checked.length).toBeGreaterThanOrEqual(30);
      for (const t of checked) {
        expect(t.source, `.${t.tld}`).not.toMatch(iana);
        expect(t.asOf, `.${t.tld}`).toBeDefined();
      }
      for (const t of tlds.filter((e) => e.source.match(iana))) expect([t.registration, t.worldwide, t.asOf], `.${t.tld}`).toEqual(['unknown', false, undefined]);
    });

    it('has both kinds of rule: residents only, and open to anyone', () => {
      const rule = (tld: string) => tlds.find((t) => t.tld === tld)?.registration;
      expect([rule('jp'), rule('ca'), rule('us'), rule('au')]).toEqual(['local-presence', 'local-presence', 'local-presence', 'local-presence']);
      // .de: a holder abroad only names an address for service; .no: trustees sell a Norwegian holder.
      expect([rule('li'), rule('tl'), rule('is'), rule('de'), rule('no')]).toEqual(['open', 'open', 'open', 'open', 'open']);
    });
  });

  // What the ccTLD signals receive: the country with its rule and entry, or nothing.
  it.each([
    ['co.uk', { country: 'GB', registration: 'open', id: '.uk' }],
    ['jp', { country: 'JP', registration: 'local-presence', id: '.jp' }],
    ['co.jp', { country: 'JP', registration: 'local-presence', id: '.jp' }],
    ['li', { country: 'LI', registration: 'open', id: '.li' }],
    ['com.tl', { country: 'TL', registration: 'open', id: '.tl' }],
    ['berlin', { country: 'DE', registration: 'unknown', id: '.berlin' }],
    ['io', undefined],
    ['co', undefined],
    ['eu', undefined],
    ['js', undefined],
    ['dev', undefined],
  ])('countryOfTld(%s)', (suffix, expected) => {
    const found = countryOfTld(suffix, loadAttributionData());
    expect(found && { country: found.country, registration: found.registration, id: found.source.id }).toEqual(expected);
    if (found) expect(found.source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('no data file names the public registry by its host', () => {
    const host = new URL(defaultRegistry()!).host;
    for (const file of FILES) expect(readFileSync(join(DATA, `${file}.json`), 'utf8')).not.toContain(host);
  });
});
