/** The pairs sovscan adds to each component of a vendor SBOM, and to the document. */
import type { PackageNode, Scan } from '../../model.js';
import { jurisdictionPairs, registryPairs, riskPairs, type Pair } from '../annotations.js';

/** The same pairs as sovscan's own SBOM: jurisdictions and evidence, risk, and for npm components what the registry said. */
export function componentPairs(scan: Scan, node: PackageNode, redact: boolean): Pair[] {
  const pairs: Pair[] = [...jurisdictionPairs(scan.attributions?.get(node.id)), ...riskPairs(scan.assessment?.findings.get(node.id))];
  if (node.source === 'registry') pairs.push(...registryPairs(scan.facts.get(node.id), redact));
  return pairs;
}

export function documentPairs(scan: Scan): Pair[] {
  const pairs: Pair[] = [];
  if (scan.dataSnapshot) pairs.push(['sovscan:data', scan.dataSnapshot]);
  const policy = scan.assessment?.policy;
  if (policy) pairs.push(['sovscan:policy', `${policy.id}${policy.asOf ? ` ${policy.asOf}` : ''}`]);
  return pairs;
}
