/**
 * attribute: facts + data in, claims out (DESIGN.md §2–3). Pure: no network, no clock. Every signal
 * reads only declared, organisational and infrastructure facts, never a person's name, a language,
 * a script, README text or a time zone.
 */
import { defaultRegistry as npmDefaultRegistry } from '../enrich/default-registry.js';
import type { PackageFacts } from '../enrich/facts.js';
import type { PackageNode, Scan } from '../model.js';
import type { Claim } from './claim.js';
import { loadAttributionData, type AttributionData } from './data.js';
import { fuse, type Attribution } from './fuse.js';
import { buildPlatform } from './signals/build-platform.js';
import { emailCcTld } from './signals/email-cctld.js';
import { personSiteCcTld } from './signals/person-site-cctld.js';
import { emailDomain } from './signals/email-domain.js';
import { homepageDomain } from './signals/homepage-domain.js';
import { npmScope } from './signals/npm-scope.js';
import { packageCoordinates } from './signals/package-coordinates.js';
import { registryHost } from './signals/registry-host.js';
import { repoHost } from './signals/repo-host.js';
import { repoOwner } from './signals/repo-owner.js';
import type { Signal, SignalInput } from './signals/shared.js';
import { stewardOf } from './steward.js';
import { consistentAcrossTree } from './consistency.js';
import { personClaims, type FormerDomains } from './people.js';

/**
 * Every signal, in one visible list. Funding platforms and free-mail providers are not here: their
 * operator's country says nothing about where the people they serve live or work (docs/taxonomy.md).
 */
export const SIGNALS: readonly Signal[] = [npmScope, repoOwner, repoHost, registryHost, buildPlatform, emailDomain, emailCcTld, personSiteCcTld, homepageDomain, packageCoordinates];

/** The signals that read people's e-mail domains and websites: read per group of current and former people (people.ts). */
const PERSON_SIGNALS: ReadonlySet<Signal> = new Set([emailDomain, emailCcTld, personSiteCcTld]);

/** `tree`: domains the whole tree knows as former (consistency.ts). */
export function attributePackage(input: SignalInput, data: AttributionData = loadAttributionData(), tree?: FormerDomains): Attribution {
  const claims: Claim[] = [];
  for (const signal of SIGNALS) claims.push(...(PERSON_SIGNALS.has(signal) ? personClaims(signal, input, data, tree) : signal(input, data)));
  const attribution = fuse(claims, data);
  if (!attribution.vendor) {
    const steward = stewardOf(input, data);
    if (steward) attribution.steward = steward;
  }
  return attribution;
}

export interface AttributeOptions {
  data?: AttributionData;
  defaultRegistry?: string;
  /** `--redact`: observations that may be a person's own are worded without it. */
  redact?: boolean;
}

/** Attribution of one package at a time with the same data and options: for packages whose facts arrive one by one. */
export function attributor(options: AttributeOptions = {}): (node: PackageNode, facts: PackageFacts | undefined, tree?: FormerDomains) => Attribution {
  const data = options.data ?? loadAttributionData();
  const defaultRegistry = options.defaultRegistry ?? npmDefaultRegistry() ?? '';
  const redact = options.redact ?? false;
  return (node, facts, tree) => attributePackage({ node, facts, defaultRegistry, redact }, data, tree);
}

/**
 * Every package of the scan; `done` holds packages attributed already (in graph order either way). Then
 * the tree-level step: one person's domain gets one answer across the tree (consistency.ts).
 */
export function attribute(scan: Scan, options: AttributeOptions = {}, done: ReadonlyMap<string, Attribution> = new Map()): Map<string, Attribution> {
  const one = attributor(options);
  const out = new Map<string, Attribution>();
  for (const node of scan.graph.nodes.values()) out.set(node.id, done.get(node.id) ?? one(node, scan.facts.get(node.id)));
  return consistentAcrossTree(scan.graph.nodes.values(), scan.facts, out, one);
}

/**
 * Whether attribution reads a person's e-mail domain or website in these facts for a country (free-mail
 * providers aside): enrich then reads the newest version's people, to tell current evidence from former.
 */
export function readsPeople(options: AttributeOptions = {}): (node: PackageNode, facts: PackageFacts) => boolean {
  const data = options.data ?? loadAttributionData();
  const defaultRegistry = options.defaultRegistry ?? npmDefaultRegistry() ?? '';
  return (node, facts) => [emailDomain, emailCcTld, personSiteCcTld].some((signal) => signal({ node, facts, defaultRegistry }, data).length > 0);
}

export type { Attribution } from './fuse.js';
