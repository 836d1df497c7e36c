/**
 * An e-mail domain under a country-code TLD that is not used worldwide (`.de`, `.ru`, `.co.uk`; not
 * `.io`, `.me`, `.ai`), or under a city or region TLD (`.berlin`, `.tokyo`): a domain its holder chose
 * under that country's registration rules. Maintainer dimension, a personal hint (personal-domain.ts).
 * A corporate domain is email-domain's to read; a free-mail provider's domain (`web.de`, `qq.com`) says
 * where the provider is, not where its user lives or works, so it is no evidence (docs/taxonomy.md).
 * Organisations' domains name no person and stay under --redact; the domains this signal reads are withheld.
 */
import type { Claim } from '../claim.js';
import { emailDomains, publicSuffix, registeredDomain, type Signal } from './shared.js';
import { countryOfTld } from './cctld.js';
import { personalDomainClaim } from './personal-domain.js';

export const emailCcTld: Signal = ({ facts, redact }, data) => {
  const claims: Claim[] = [];
  for (const [domain, roles] of emailDomains(facts)) {
    const registered = registeredDomain(domain) ?? domain;
    if (data.byEmailDomain.has(domain) || data.byEmailDomain.has(registered) || data.emailProviders.has(domain) || data.emailProviders.has(registered)) continue;
    const suffix = publicSuffix(domain);
    const cc = suffix && countryOfTld(suffix, data);
    if (!suffix || !cc) continue;
    claims.push(personalDomainClaim('email-cctld', cc, registered, suffix, `${roles.join(', ')} e-mail domain`, redact));
  }
  return claims;
};
