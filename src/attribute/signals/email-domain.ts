/**
 * A corporate e-mail domain of a maintainer, the publisher or the author (`@google.com`) links the people
 * who can publish to that organisation and its jurisdiction (where they are employed). Maintainer
 * dimension, strong. One employer is one fact, whichever of its domains and roles show it. The `author`
 * field is not who can publish, and often carries a former employer's address long after (yargs-parser):
 * a domain only the author gives is a hint, which alone never decides (fuse.ts).
 */
import type { Claim } from '../claim.js';
import { vendorRef } from '../data.js';
import { CONFIDENCE, emailDomains, registeredDomain, type Signal } from './shared.js';

export const emailDomain: Signal = ({ facts }, data) => {
  const claims: Claim[] = [];
  for (const [domain, roles] of emailDomains(facts)) {
    const vendor = data.byEmailDomain.get(domain) ?? data.byEmailDomain.get(registeredDomain(domain) ?? '');
    if (!vendor) continue;
    const onlyAuthor = roles.every((role) => role === 'author');
    claims.push({ dimension: 'maintainer', country: vendor.country, confidence: CONFIDENCE.corporateEmail, signal: 'email-domain', observed: `${roles.join(', ')} e-mail domain ${domain}`, source: vendorRef(vendor), vendor: { id: vendor.id, name: vendor.name }, independence: `employer:${vendor.id}`, ...(onlyAuthor ? { hint: true as const } : {}) });
  }
  return claims;
};
