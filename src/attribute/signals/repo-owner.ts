/**
 * The organisation that owns the source repository (`github.com/facebook/react` → Meta). Medium, as
 * declared in package.json; strong when the repository is the one named by verified build provenance.
 */
import { parseRepositoryUrl } from '../../enrich/repository.js';
import { CONFIDENCE, forgeOrgOwner, vendorClaims, type Signal } from './shared.js';
import type { AttributionData } from '../data.js';
import type { Claim } from '../claim.js';

function ownerClaims(data: AttributionData, host: string | undefined, owner: string | undefined, confidence: number, what: string): Claim[] {
  const vendor = forgeOrgOwner(data, host, owner);
  return vendor ? vendorClaims(data, vendor, confidence, 'repo-owner', `${what} ${host}/${owner}`) : [];
}

export const repoOwner: Signal = ({ facts }, data) => {
  const claims: Claim[] = [];
  const attested = facts?.provenance.state === 'verified' ? facts.provenance.attested?.repository : undefined;
  if (attested) {
    const parsed = parseRepositoryUrl(attested);
    claims.push(...ownerClaims(data, parsed.host, parsed.owner, CONFIDENCE.verifiedProvenance, 'attested repository'));
  }
  if (claims.length === 0) claims.push(...ownerClaims(data, facts?.repository?.host, facts?.repository?.owner, CONFIDENCE.repoOwner, 'repository'));
  return claims;
};
