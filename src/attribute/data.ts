/**
 * The curated data of data/ (DESIGN.md §6), loaded once and indexed for lookups by identifier. Every
 * entry keeps its `source` and `asOf`, which every claim carries on to the reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';

export interface Vendor {
  id: string;
  name: string;
  kind: 'company' | 'foundation' | 'government';
  country: string;
  incorporation?: string;
  parent?: string;
  identifiers: {
    npmScopes?: string[];
    githubOrgs?: string[];
    gitlabOrgs?: string[];
    giteeOrgs?: string[];
    emailDomains?: string[];
    webDomains?: string[];
    mavenGroups?: string[];
    goModules?: string[];
  };
  /** Forge orgs renamed by their owners: old versions' repository URLs still name the old org. */
  formerForgeOrgs?: FormerForgeOrg[];
  /** A page that states the headquarters or registered office, and the date it was checked. */
  source: string;
  asOf: string;
  /** For an entry with a parent: a page that states the ownership. */
  ownership?: { source: string; asOf: string };
  /** The source's text could not be read when the entry was checked (data/README.md). */
  recheck?: true;
}

/** A forge organisation's former name (`github.com/zeit`), the name it has now, and a page that shows the rename. */
export interface FormerForgeOrg {
  org: string;
  now: string;
  source: string;
  asOf: string;
}

export interface Host {
  id: string;
  kind: 'forge' | 'registry' | 'mirror' | 'cdn' | 'cloud' | 'build';
  hosts: string[];
  symbolic?: 'npm-default-registry';
  operator: string;
  country: string;
  vendor?: string;
  source: string;
  asOf: string;
}

export interface EmailProvider {
  domains: string[];
  provider: string;
  country: string | null;
  scope: 'global' | 'national';
  source: string;
  asOf: string;
}

/** What registering under a country-code TLD proves (data/cctlds.json). */
export type Registration = 'local-presence' | 'open' | 'unknown';

/** A country-code TLD; asOf only where its rules were checked against the source. */
export interface CcTld {
  tld: string;
  country: string | null;
  registration: Registration;
  worldwide: boolean;
  why: string;
  source: string;
  asOf?: string;
}

/** A TLD delegated for one city or region (`.berlin`, `.tokyo`): read like that country's ccTLD. */
export interface GeoTld {
  tld: string;
  country: string;
  place: string;
  source: string;
  asOf: string;
}

export interface FundingPlatform {
  id: string;
  hosts: string[];
  operator: string;
  country: string;
  source: string;
  asOf: string;
}

/** What a claim cites: the data file, the entry, and the entry's own public source. */
export interface DataRef {
  file: 'vendors' | 'hosts' | 'email-providers' | 'cctlds' | 'geo-tlds' | 'funding-platforms';
  id: string;
  source: string;
  asOf: string;
}

export interface AttributionData {
  vendors: Map<string, Vendor>;
  byScope: Map<string, Vendor>;
  /** `github.com/owner`, `gitlab.com/group`, `gitee.com/owner`, lower-cased. */
  byForgeOrg: Map<string, Vendor>;
  /** Former names of forge orgs (keys as in `byForgeOrg`, which also holds them): read like the current name, worded "formerly". */
  formerForgeOrgs: Map<string, FormerForgeOrg>;
  byEmailDomain: Map<string, Vendor>;
  byWebDomain: Map<string, Vendor>;
  byMavenGroup: Map<string, Vendor>;
  goModules: [string, Vendor][];
  hosts: Map<string, Host>;
  /** Host/path prefixes (build platforms, funding paths). */
  hostPrefixes: [string, Host][];
  defaultRegistryHost?: Host;
  emailProviders: Map<string, EmailProvider>;
  ccTlds: Map<string, CcTld>;
  geoTlds: Map<string, GeoTld>;
  funding: [string, FundingPlatform][];
  /** The newest `asOf` of all entries: the snapshot date of the data. */
  snapshot: string;
}

function read<T>(file: string, key: string): T[] {
  return (JSON.parse(readFileSync(join(DATA_DIR, `${file}.json`), 'utf8')) as Record<string, T[]>)[key]!;
}

let cached: AttributionData | undefined;

export function loadAttributionData(): AttributionData {
  if (cached) return cached;
  const vendors = read<Vendor>('vendors', 'vendors');
  const hosts = read<Host>('hosts', 'hosts');
  const providers = read<EmailProvider>('email-providers', 'providers');
  const tlds = read<CcTld>('cctlds', 'tlds');
  const geoTlds = read<GeoTld>('geo-tlds', 'tlds');
  const platforms = read<FundingPlatform>('funding-platforms', 'platforms');
  const data: AttributionData = {
    vendors: new Map(vendors.map((v) => [v.id, v])),
    byScope: new Map(),
    byForgeOrg: new Map(),
    formerForgeOrgs: new Map(),
    byEmailDomain: new Map(),
    byWebDomain: new Map(),
    byMavenGroup: new Map(),
    goModules: [],
    hosts: new Map(),
    hostPrefixes: [],
    emailProviders: new Map(),
    ccTlds: new Map(tlds.map((t) => [t.tld, t])),
    geoTlds: new Map(geoTlds.map((t) => [t.tld, t])),
    funding: [],
    snapshot: '',
  };
  for (const v of vendors) {
    const ids = v.identifiers;
    for (const s of ids.npmScopes ?? []) data.byScope.set(s.toLowerCase(), v);
    for (const o of ids.githubOrgs ?? []) data.byForgeOrg.set(`github.com/${o.toLowerCase()}`, v);
    for (const o of ids.gitlabOrgs ?? []) data.byForgeOrg.set(`gitlab.com/${o.toLowerCase()}`, v);
    for (const o of ids.giteeOrgs ?? []) data.byForgeOrg.set(`gitee.com/${o.toLowerCase()}`, v);
    for (const d of ids.emailDomains ?? []) data.byEmailDomain.set(d, v);
    for (const d of ids.webDomains ?? []) data.byWebDomain.set(d, v);
    for (const g of ids.mavenGroups ?? []) data.byMavenGroup.set(g, v);
    for (const m of ids.goModules ?? []) data.goModules.push([m, v]);
    for (const former of v.formerForgeOrgs ?? []) {
      data.byForgeOrg.set(former.org.toLowerCase(), v);
      data.formerForgeOrgs.set(former.org.toLowerCase(), former);
    }
  }
  for (const h of hosts) {
    if (h.symbolic === 'npm-default-registry') data.defaultRegistryHost = h;
    for (const name of h.hosts) {
      if (name.includes('/')) data.hostPrefixes.push([name, h]);
      else data.hosts.set(name, h);
    }
  }
  for (const p of providers) for (const d of p.domains) data.emailProviders.set(d, p);
  for (const f of platforms) for (const host of f.hosts) data.funding.push([host, f]);
  // Longest prefixes first, so that `github.com/sponsors` wins over `github.com`.
  data.hostPrefixes.sort((a, b) => b[0].length - a[0].length);
  data.funding.sort((a, b) => b[0].length - a[0].length);
  data.snapshot = [...vendors, ...hosts, ...providers, ...tlds, ...geoTlds, ...platforms].reduce((max, e) => (e.asOf && e.asOf > max ? e.asOf : max), '');
  cached = data;
  return data;
}

export function vendorRef(v: Vendor): DataRef {
  return { file: 'vendors', id: v.id, source: v.source, asOf: v.asOf };
}

/** The chain of parents above a vendor, nearest first (cycles are rejected by the data tests). */
export function ancestors(data: AttributionData, vendor: Vendor): Vendor[] {
  const chain: Vendor[] = [];
  let current = vendor.parent ? data.vendors.get(vendor.parent) : undefined;
  while (current && !chain.includes(current) && current !== vendor) {
    chain.push(current);
    current = current.parent ? data.vendors.get(current.parent) : undefined;
  }
  return chain;
}
