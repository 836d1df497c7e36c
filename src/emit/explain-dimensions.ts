/**
 * `sovscan explain`'s result per dimension: what the dimension means and which signals may feed it, then
 * for each country the claims that were counted (one per independent fact), the claims merged into them
 * as the same evidence, and, for an indication, why no policy rates it. Claims are referred to by their
 * number in the evidence list above.
 */
import { DIMENSION_MEANING, DIMENSIONS, type Claim, type Dimension } from '../attribute/claim.js';
import { evidenceGroups, type Attribution } from '../attribute/fuse.js';
import { terminalSafe as safe } from './text.js';

export const BAND = (c: number) => (c >= 0.9 ? 'strong' : c >= 0.6 ? 'medium' : 'weak');
const DIMENSION_TEXT: Record<Dimension, string> = {
  vendor: 'Vendor (the organisation that controls the package)',
  maintainer: 'Maintainers (the people and accounts who can publish it)',
  hosting: 'Hosting (where its source, tarball and build live)',
};

export function renderDimensions(attribution: Attribution | undefined, whyUnknown: (dimension: Dimension) => string): string[] {
  const out: string[] = [];
  const claims = attribution?.claims ?? [];
  const number = (claim: Claim) => `#${claims.indexOf(claim) + 1}`;
  for (const dimension of DIMENSIONS) {
    const countries = attribution?.dimensions[dimension] ?? [];
    out.push(`  ${DIMENSION_TEXT[dimension]}: ${countries.length === 0 ? `unknown (${whyUnknown(dimension)})` : countries.map((c) => `${c.country} (${c.confidence.toFixed(2)}, ${BAND(c.confidence)}${c.indication ? ', an indication' : ''})`).join(', ')}`);
    out.push(`     means ${DIMENSION_MEANING[dimension].means}; read from ${DIMENSION_MEANING[dimension].signals.join(', ')}`);
    for (const result of countries) {
      const groups = evidenceGroups(claims.filter((c) => c.dimension === dimension && c.country === result.country));
      out.push(`     ${result.country}: counted ${groups.map((g) => `${number(g.counted)} (${safe(g.key)})`).join(' and ')}${groups.length > 1 ? ', independent facts combined' : ''}`);
      for (const g of groups) for (const m of g.merged) out.push(`       ${number(m)} merged into ${number(g.counted)}: the same evidence (${safe(g.key)}), counted once`);
      if (result.indication) out.push(`       not rated: ${result.country} rests on one personal hint alone (${safe(groups[0]!.key)}); a policy rates it only when an independent fact corroborates it`);
    }
  }
  return out;
}
