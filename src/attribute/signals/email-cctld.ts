/**
 * An e-mail domain under a country-code TLD that is not used worldwide (`.de`, `.ru`, `.co.uk`; not
 * `.io`, `.me`, `.ai`), or under a city or region TLD (`.berlin`, `.tokyo`): the mail is run under that
 * country's domain rules. Maintainer dimension, medium.
 * Domains already known as corporate or free-mail are left to those signals. Organisations' domains name
 * no person and stay under --redact; the domains this signal reads are withheld.
 */
import type { Claim } from '../claim.js';
import { CONFIDENCE, emailDomains, publicSuffix, registeredDomain, type Signal } from './shared.js';
import { countryOfTld } from './cctld.js';

export const emailCcTld: Signal = ({ facts, redact }, data) => {
  const claims: Claim[] = [];
  for (const [domain, roles] of emailDomains(facts)) {
    const registered = registeredDomain(domain) ?? domain;
    if (data.byEmailDomain.has(domain) || data.byEmailDomain.has(registered) || data.emailProviders.has(domain) || data.emailProviders.has(registered)) continue;
    const suffix = publicSuffix(domain);
    const cc = suffix ? countryOfTld(suffix, data) : undefined;
    if (!cc) continue;
    // Under --redact the domain, often a person's own, is withheld; the country code is the evidence.
    const seen = redact ? `under .${suffix} (domain withheld)` : domain;
    claims.push({ dimension: 'maintainer', country: cc.country, confidence: CONFIDENCE.ccTld, signal: 'email-cctld', observed: `${roles.join(', ')} e-mail domain ${seen}`, source: cc.source });
  }
  return claims;
};
