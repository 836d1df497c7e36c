/**
 * sovscan's answers about one package as `name=value` pairs (DESIGN.md §4, docs/taxonomy.md): the three
 * jurisdictions (`unknown` written out), the evidence, the vendor and its controller, and the risk under
 * the policy, and what the registry said (provenance, signature, install scripts, history). The SBOM
 * sovscan writes and the vendor SBOMs it annotates carry the same pairs.
 */
import { DIMENSIONS } from '../attribute/claim.js';
import type { Attribution } from '../attribute/fuse.js';
import type { Finding } from '../assess/index.js';
import type { PackageFacts } from '../enrich/facts.js';
import { describeMismatch } from '../enrich/provenance/binding.js';

export type Pair = readonly [name: string, value: string];

export function jurisdictionPairs(attribution: Attribution | undefined): Pair[] {
  const pairs: Pair[] = [];
  // An indication (a country resting on one personal hint alone) is not an answer: it has its own
  // property, and its evidence lines end in ` indication` (docs/taxonomy.md).
  const indications = new Set<string>();
  for (const dimension of DIMENSIONS) {
    const countries = attribution?.dimensions[dimension] ?? [];
    if (countries.every((c) => c.indication)) pairs.push([`sovscan:jurisdiction:${dimension}`, 'unknown']);
    for (const c of countries) {
      if (c.indication) indications.add(`${dimension}=${c.country}`);
      pairs.push([`sovscan:jurisdiction:${dimension}${c.indication ? ':indication' : ''}`, c.country]);
    }
  }
  for (const claim of attribution?.claims ?? []) {
    const marker = indications.has(`${claim.dimension}=${claim.country}`) ? ' indication' : '';
    pairs.push(['sovscan:evidence', `${claim.dimension}=${claim.country} ${claim.confidence.toFixed(2)} ${claim.signal}: ${claim.observed} [${claim.source.file}:${claim.source.id} ${claim.source.source}]${marker}`]);
  }
  const vendor = attribution?.vendor;
  if (attribution?.steward) pairs.push(['sovscan:steward', attribution.steward.name]);
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

/**
 * What the registry said about a registry package. `facts` absent: the document could not be read, and
 * the pairs say so rather than leave the reader to guess.
 */
export function registryPairs(facts: PackageFacts | undefined, redact: boolean): Pair[] {
  if (!facts) {
    return [
      ['sovscan:provenance', 'unknown'],
      ['sovscan:registry-signature', 'unknown'],
    ];
  }
  const { provenance } = facts;
  const pairs: [string, string | undefined][] = [
    ['sovscan:provenance', provenance.state],
    ['sovscan:registry-signature', provenance.signature],
  ];
  const build = provenance.attested;
  if (build) {
    pairs.push(
      ['sovscan:provenance:repository', build.repository],
      ['sovscan:provenance:commit', build.commit],
      ['sovscan:provenance:workflow', build.workflow],
      ['sovscan:provenance:builder', build.builder],
      ['sovscan:provenance:runner', build.runner],
    );
  }
  if (provenance.repositoryMismatch) pairs.push(['sovscan:provenance:repository-mismatch', 'true']);
  for (const mismatch of facts.install?.mismatches ?? []) pairs.push(['sovscan:lockfile-mismatch', describeMismatch(mismatch)]);
  if (provenance.reason && (provenance.state === 'invalid' || provenance.state === 'present' || provenance.state === 'mismatch')) pairs.push(['sovscan:provenance:reason', provenance.reason]);
  pairs.push(['sovscan:trusted-publisher', facts.publisher?.trustedPublisher?.id]);
  if (facts.installScripts) {
    pairs.push(['sovscan:install-script', 'true']);
    for (const script of facts.installScripts) pairs.push(['sovscan:install-script:kind', script]);
  }
  pairs.push(['sovscan:deprecated', facts.deprecated], ['sovscan:registry', facts.registry], ['sovscan:tarball-host', facts.tarballHost]);
  if (facts.history) {
    pairs.push(['sovscan:history:published', facts.history.publishedAt], ['sovscan:history:previous-version', facts.history.previousVersion]);
    // The detail often names a person: kept out under --redact.
    for (const change of facts.history.changes) pairs.push(['sovscan:history:change', redact || !change.detail ? change.kind : `${change.kind}: ${change.detail}`]);
  }
  return pairs.filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '');
}
