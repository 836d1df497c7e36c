/**
 * A claim: one piece of evidence that a country's law reaches a package in one dimension
 * (DESIGN.md §2). Confidence bands: strong ≥ 0.9, medium 0.6–0.9, weak < 0.6.
 */
import type { DataRef } from './data.js';

export type Dimension = 'vendor' | 'maintainer' | 'hosting';
export const DIMENSIONS: readonly Dimension[] = ['vendor', 'maintainer', 'hosting'];

/** Every signal's stable id (docs/taxonomy.md lists them for readers of `sovscan:evidence`). */
export const SIGNAL_IDS = [
  'npm-scope',
  'repo-owner',
  'repo-host',
  'registry-host',
  'build-platform',
  'email-domain',
  'email-cctld',
  'person-site-cctld',
  'freemail-provider',
  'homepage-domain',
  'funding-platform',
  'package-coordinates',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

export interface Claim {
  dimension: Dimension;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  confidence: number;
  signal: SignalId;
  /** What was seen, privacy-reduced: a scope, an org, a host, an e-mail domain; never an address or a name. */
  observed: string;
  /** The data entry that turned the observation into a country. */
  source: DataRef;
  /** For vendor claims: the vendor the evidence names, and whether it is a parent of that vendor. */
  vendor?: { id: string; name: string; via?: string };
  /** The evidence is another version's than the resolved one (its observation says so too). */
  fromVersion?: string;
}

/** Named confidences, so that every signal speaks the same scale. */
export const CONFIDENCE = {
  vendorScope: 0.95,
  mavenGroup: 0.9,
  verifiedProvenance: 0.95,
  corporateEmail: 0.9,
  registryHost: 0.9,
  repoOwner: 0.8,
  webDomain: 0.7,
  repoHost: 0.7,
  ccTld: 0.6,
  freemail: 0.4,
  funding: 0.3,
} as const;
