/**
 * The organisation that owns the source repository (`github.com/facebook/react` → Meta). Medium, as
 * declared in package.json; strong when the repository is the one named by verified build provenance;
 * weaker when only another version names it. A renamed org's former name (`github.com/zeit`, in old
 * versions' URLs) is read like its current name and worded "formerly".
 */
import { parseRepositoryUrl } from '../../enrich/repository.js';
import { CONFIDENCE, forgeOrg, vendorClaims, type Signal } from './shared.js';
import type { AttributionData } from '../data.js';
import type { Claim } from '../claim.js';
import { fromOtherVersion, linksOf } from '../versions.js';

function ownerClaims(data: AttributionData, host: string | undefined, owner: string | undefined, confidence: number, what: string): Claim[] {
  const found = forgeOrg(data, host, owner);
  if (!found) return [];
  const formerly = found.former ? ` (formerly the name of ${found.former.now})` : '';
  return vendorClaims(data, found.vendor, confidence, 'repo-owner', `${what} ${host}/${owner}${formerly}`);
}

export const repoOwner: Signal = ({ facts }, data) => {
  const claims: Claim[] = [];
  const attested = facts?.provenance.state === 'verified' ? facts.provenance.attested?.repository : undefined;
  if (attested) {
    const parsed = parseRepositoryUrl(attested);
    claims.push(...ownerClaims(data, parsed.host, parsed.owner, CONFIDENCE.verifiedProvenance, 'attested repository'));
  }
  if (claims.length > 0) return claims;
  const { repository, fromVersion } = linksOf(facts);
  return ownerClaims(data, repository?.host, repository?.owner, CONFIDENCE.repoOwner, 'repository').map((c) => fromOtherVersion(c, fromVersion));
};
