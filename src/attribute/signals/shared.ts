/** What every signal sees, and the helpers they share. */
import { getDomain, getHostname, getPublicSuffix, parse } from 'tldts';
import type { PackageFacts, Person } from '../../enrich/facts.js';
import type { PackageNode } from '../../model.js';
import { CONFIDENCE, type Claim, type SignalId } from '../claim.js';
import { ancestors, vendorRef, type AttributionData, type FormerForgeOrg, type Vendor } from '../data.js';

export interface SignalInput {
  node: PackageNode;
  /** Registry facts; absent when the registry could not be read or the package is not from one. */
  facts?: PackageFacts;
  /** npm's default registry URL, which the data keys symbolically. */
  defaultRegistry: string;
  /**
   * `--redact`: an observation that may be a person's own (an e-mail domain read only for its country
   * code, such as `jane-doe.nl`) is worded without it, so that no output can carry it.
   */
  redact?: boolean;
}

export type Signal = (input: SignalInput, data: AttributionData) => Claim[];

/**
 * Vendor claims for a vendor and each organisation above it: a subsidiary abroad yields both countries.
 * The vendor and its parents rest on one observation, so they share one independence key.
 * Foundations host community projects without controlling them (the labelled set counts such packages
 * as having no vendor), so they yield no vendor claim.
 */
export function vendorClaims(data: AttributionData, vendor: Vendor, confidence: number, signal: SignalId, observed: string): Claim[] {
  if (vendor.kind === 'foundation') return [];
  const independence = `${signal}:${observed}`;
  const claims: Claim[] = [{ dimension: 'vendor', country: vendor.country, confidence, signal, observed, source: vendorRef(vendor), vendor: { id: vendor.id, name: vendor.name }, independence }];
  for (const parent of ancestors(data, vendor)) {
    claims.push({ dimension: 'vendor', country: parent.country, confidence, signal, observed, source: vendorRef(parent), vendor: { id: parent.id, name: parent.name, via: vendor.id }, independence });
  }
  return claims;
}

/** A package's npm scope (`@aws-sdk`), lower-cased; undefined for an unscoped name. */
export function scopeOf(name: string): string | undefined {
  return name.startsWith('@') ? name.slice(0, name.indexOf('/')).toLowerCase() : undefined;
}

/**
 * The organisation in the data that owns a forge account (`github.com/facebook`); for GitLab's nested
 * groups, the top-level group. A former name of a renamed org (`github.com/zeit`) matches like its
 * current name, and `former` says what it is called now.
 */
export function forgeOrgOwner(data: AttributionData, host: string | undefined, owner: string | undefined): Vendor | undefined {
  return forgeOrg(data, host, owner)?.vendor;
}

export function forgeOrg(data: AttributionData, host: string | undefined, owner: string | undefined): { vendor: Vendor; former?: FormerForgeOrg } | undefined {
  if (!host || !owner) return undefined;
  const full = `${host.toLowerCase()}/${owner.toLowerCase()}`;
  const key = data.byForgeOrg.has(full) ? full : full.split('/').slice(0, 2).join('/');
  const vendor = data.byForgeOrg.get(key);
  if (!vendor) return undefined;
  const former = data.formerForgeOrgs.get(key);
  return former ? { vendor, former } : { vendor };
}

/** The same few registries and forges recur across a tree: remember what was parsed. */
function memo(fn: (key: string) => string | undefined): (key: string | undefined) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (key) => {
    if (!key) return undefined;
    if (!seen.has(key)) seen.set(key, fn(key));
    return seen.get(key);
  };
}

/** The host of a URL (lower-case, no port), or undefined. */
export const hostOf = memo((url) => getHostname(url.replace(/^git\+/, ''))?.toLowerCase().replace(/^www\./, '') ?? undefined);

/** The registrable domain (public-suffix aware: `a.b.example.co.uk` → `example.co.uk`). */
export const registeredDomain = memo((host) => getDomain(host) ?? undefined);

export function publicSuffix(host: string): string | undefined {
  return getPublicSuffix(host) ?? undefined;
}

/** A host under a suffix of the public suffix list's private section: a site on a hosting platform (`name.github.io`). */
export function onHostingPlatform(host: string): boolean {
  return parse(host, { allowPrivateDomains: true }).isPrivate === true;
}

export { CONFIDENCE };

/**
 * What the people who can publish (maintainers, publisher, approver) and the author give for one field,
 * with who gave each: the e-mail domains (three signals read them) and the websites. Only the domain or
 * the URL is ever kept: never an address, never a name. Gathered once per package's facts.
 */
const gathered = { email: new WeakMap<PackageFacts, Map<string, string[]>>(), url: new WeakMap<PackageFacts, Map<string, string[]>>() };

function byRole(facts: PackageFacts | undefined, field: keyof typeof gathered, value: (person: Person) => string | undefined): Map<string, string[]> {
  if (!facts) return new Map();
  let out = gathered[field].get(facts);
  if (out) return out;
  out = new Map<string, string[]>();
  const add = (person: Person | undefined, role: string) => {
    const key = person && value(person);
    if (!key) return;
    const roles = out.get(key) ?? [];
    if (!roles.includes(role)) roles.push(role);
    out.set(key, roles);
  };
  for (const m of facts.maintainers ?? []) add(m, 'maintainer');
  add(facts.publisher, 'publisher');
  add(facts.publisher?.approver, 'approver');
  add(facts.author, 'author');
  gathered[field].set(facts, out);
  return out;
}

/** The e-mail domains of the people, lower-cased. */
export function emailDomains(facts: PackageFacts | undefined): Map<string, string[]> {
  return byRole(facts, 'email', ({ email }) => {
    const at = email?.lastIndexOf('@') ?? -1;
    const domain = email && at >= 0 ? email.slice(at + 1).trim().toLowerCase() : '';
    return domain.includes('.') ? domain : undefined;
  });
}

/** The websites (`url`) of the people. */
export function personSites(facts: PackageFacts | undefined): Map<string, string[]> {
  return byRole(facts, 'url', ({ url }) => url);
}
