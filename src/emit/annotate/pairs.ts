/** The pairs sovscan adds to each component of a vendor SBOM, and to the document. */
import type { PackageNode, Scan } from '../../model.js';
import { jurisdictionPairs, riskPairs, type Pair } from '../annotations.js';

export function componentPairs(scan: Scan, node: PackageNode): Pair[] {
  const pairs: Pair[] = [...jurisdictionPairs(scan.attributions?.get(node.id)), ...riskPairs(scan.assessment?.findings.get(node.id))];
  const facts = scan.facts.get(node.id);
  if (node.source === 'registry') pairs.push(['sovscan:provenance', facts?.provenance.state ?? 'unknown']);
  if (facts?.installScripts?.length) pairs.push(['sovscan:install-script', facts.installScripts.join(',')]);
  return pairs;
}

export function documentPairs(scan: Scan): Pair[] {
  const pairs: Pair[] = [];
  if (scan.dataSnapshot) pairs.push(['sovscan:data', scan.dataSnapshot]);
  const policy = scan.assessment?.policy;
  if (policy) pairs.push(['sovscan:policy', `${policy.id}${policy.asOf ? ` ${policy.asOf}` : ''}`]);
  return pairs;
}
