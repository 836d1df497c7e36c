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
  'homepage-domain',
  'package-coordinates',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

/**
 * What each dimension means, and the only signals that may feed it (docs/taxonomy.md): evidence about
 * another subject never reaches a dimension. A funding platform's or a free-mail provider's operator says
 * where that company is, not where the people it serves live or work, so neither feeds any dimension.
 */
export const DIMENSION_MEANING: Record<Dimension, { means: string; signals: readonly SignalId[] }> = {
  vendor: { means: 'the organisation that controls the package, and its ultimate parent', signals: ['npm-scope', 'repo-owner', 'homepage-domain', 'package-coordinates'] },
  maintainer: { means: 'the law that reaches the people who can publish it: where they live or are employed', signals: ['email-domain', 'email-cctld', 'person-site-cctld'] },
  hosting: { means: 'where its source, its tarball and its build live', signals: ['registry-host', 'repo-host', 'build-platform'] },
};

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
  /**
   * The underlying fact, as `class:fact` (`personal-domain:doe.de`, `employer:microsoft`, `npm-scope:@aws-sdk`):
   * claims with the same key count once in fusion (fuse.ts). Every signal sets it; without one, fusion
   * keys the claim by its signal and observation.
   */
  independence?: string;
  /**
   * A personal hint: a person's own domain or website, or an e-mail that only the `author` field gives.
   * A country that rests on one such fact alone is an indication, never rated by a policy (fuse.ts).
   */
  hint?: true;
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
  /** A person's domain under a ccTLD whose registry requires a local presence: still a hint, but a stronger one. */
  ccTldLocal: 0.6,
  /** A person's domain under a ccTLD open to anyone, or whose rule is not recorded: weak (`zihua.li`, `jake.tl`). */
  ccTldOpen: 0.4,
} as const;
