/**
 * Where the maintainers are paid: the operator of each funding platform named in `funding`. Money to
 * maintainers moves under that platform's law. Maintainer dimension, weak.
 */
import type { Claim } from '../claim.js';
import { CONFIDENCE, type Signal } from './shared.js';

export const fundingPlatform: Signal = ({ facts }, data) => {
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const funding of facts?.funding ?? []) {
    const url = funding.url.replace(/^https?:\/\//, '').replace(/^www\./, '').toLowerCase();
    const match = data.funding.find(([prefix]) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));
    if (!match || seen.has(match[1].id)) continue;
    seen.add(match[1].id);
    const platform = match[1];
    claims.push({ dimension: 'maintainer', country: platform.country, confidence: CONFIDENCE.funding, signal: 'funding-platform', observed: `funded through ${match[0]}`, source: { file: 'funding-platforms', id: platform.id, source: platform.source, asOf: platform.asOf } });
  }
  return claims;
};
