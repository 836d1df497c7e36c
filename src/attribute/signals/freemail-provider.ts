/**
 * A national free-mail provider (`@qq.com`, `@mail.ru`, `@web.de`) tells the provider's jurisdiction, not
 * the person's: the mailbox is reachable by that country's law. Global providers (`@gmail.com`) say
 * nothing. Maintainer dimension, weak.
 */
import type { Claim } from '../claim.js';
import { CONFIDENCE, emailDomains, type Signal } from './shared.js';

export const freemailProvider: Signal = ({ facts }, data) => {
  const claims: Claim[] = [];
  for (const [domain, roles] of emailDomains(facts)) {
    const provider = data.emailProviders.get(domain);
    if (!provider || provider.scope !== 'national' || !provider.country) continue;
    claims.push({ dimension: 'maintainer', country: provider.country, confidence: CONFIDENCE.freemail, signal: 'freemail-provider', observed: `${roles.join(', ')} e-mail domain ${domain}`, source: { file: 'email-providers', id: domain, source: provider.source, asOf: provider.asOf } });
  }
  return claims;
};
