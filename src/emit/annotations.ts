/**
 * sovscan's answers about one package as `name=value` pairs (DESIGN.md §4, docs/taxonomy.md): the three
 * jurisdictions (`unknown` written out), the evidence, the vendor and its controller, and the risk under
 * the policy. The SBOM sovscan writes and the vendor SBOMs it annotates carry the same pairs.
 */
import { DIMENSIONS } from '../attribute/claim.js';
import type { Attribution } from '../attribute/fuse.js';
import type { Finding } from '../assess/index.js';

export type Pair = readonly [name: string, value: string];

export function jurisdictionPairs(attribution: Attribution | undefined): Pair[] {
  const pairs: Pair[] = [];
  for (const dimension of DIMENSIONS) {
    const countries = attribution?.dimensions[dimension] ?? [];
    if (countries.length === 0) pairs.push([`sovscan:jurisdiction:${dimension}`, 'unknown']);
    for (const c of countries) pairs.push([`sovscan:jurisdiction:${dimension}`, c.country]);
  }
  for (const claim of attribution?.claims ?? []) {
    pairs.push(['sovscan:evidence', `${claim.dimension}=${claim.country} ${claim.confidence.toFixed(2)} ${claim.signal}: ${claim.observed} [${claim.source.file}:${claim.source.id} ${claim.source.source}]`]);
  }
  const vendor = attribution?.vendor;
  if (vendor) {
    pairs.push(['sovscan:vendor', vendor.name]);
    if (vendor.controller) pairs.push(['sovscan:vendor:controller', vendor.controller.name]);
  }
  return pairs.filter(([, value]) => value !== '');
}

/** `sovscan:risk`, one `sovscan:risk:reason` per reason, and `sovscan:waiver`. */
export function riskPairs(finding: Finding | undefined): Pair[] {
  if (!finding) return [];
  const pairs: Pair[] = [['sovscan:risk', finding.level]];
  for (const reason of finding.reasons) pairs.push(['sovscan:risk:reason', reason]);
  if (finding.waiver) pairs.push(['sovscan:waiver', finding.waiver.id]);
  return pairs.filter(([, value]) => value !== '');
}
