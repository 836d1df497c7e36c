/**
 * `--redact` for the evidence: an e-mail domain that names no organisation in the data is read only for
 * its country code, and is often a person's own domain (`jane-doe.nl`). Under --redact such evidence
 * keeps the country code and withholds the domain. Organisations' domains (a vendor's, a free-mail
 * provider's) stay: they name no person.
 */
import type { Attribution } from './fuse.js';

export function redactEvidence(attributions: Map<string, Attribution>): void {
  for (const attribution of attributions.values()) {
    for (const claim of attribution.claims) {
      if (claim.signal === 'email-cctld') claim.observed = claim.observed.replace(/e-mail domain \S*?(\.[^.\s]+)$/, 'e-mail domain under $1 (domain withheld)');
    }
  }
}
