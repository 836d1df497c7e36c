/**
 * Evidence in time (docs/taxonomy.md, "Versions and consistency"): the resolved version's evidence
 * outweighs other versions'. Two discounts, chosen rather than measured (the labelled set has too few
 * such packages to measure them), so that neither kind of evidence passes the presets' 0.6 threshold on a
 * person's hint alone:
 * * another version's repository, homepage or author, read because the resolved version names none:
 *   three quarters of the signal's confidence, the claim saying which version it comes from;
 * * a person's domain that the newest version no longer names (a former employer, an old personal
 *   domain): half.
 */
import type { Repository } from '../enrich/repository.js';
import type { PackageFacts } from '../enrich/facts.js';
import type { Claim } from './claim.js';

export const OTHER_VERSION_WEIGHT = 0.75;
export const FORMER_WEIGHT = 0.5;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** What links a package to a project: its resolved version's repository and homepage, else the fallback version's. */
export interface Links {
  repository?: Repository;
  homepage?: string;
  /** Set when the links are another version's. */
  fromVersion?: string;
}

export function linksOf(facts: PackageFacts | undefined): Links {
  if (!facts) return {};
  if (facts.repository || facts.homepage || !facts.fallback) return { repository: facts.repository, homepage: facts.homepage };
  return { repository: facts.fallback.repository, homepage: facts.fallback.homepage, fromVersion: facts.fallback.version };
}

/** A claim read from another version: weaker, and saying so in its observation. */
export function fromOtherVersion(claim: Claim, version: string | undefined): Claim {
  if (!version) return claim;
  return { ...claim, confidence: round(claim.confidence * OTHER_VERSION_WEIGHT), observed: `${claim.observed} (from version ${version})`, fromVersion: version };
}

/** A claim on a person's former domain: weaker, and saying why. */
export function former(claim: Claim, why: string): Claim {
  return { ...claim, confidence: round(claim.confidence * FORMER_WEIGHT), observed: `${claim.observed} (${why})` };
}
