/**
 * A personal website under a country-code or city TLD (`"url": "https://mathiasbynens.be"` on the author
 * or a maintainer): like an e-mail domain, a domain its owner chose under that country's rules.
 * Maintainer dimension, a personal hint (personal-domain.ts). Only a site of its own counts: the root
 * of a domain that is not a forge's, a vendor's or a provider's. A page or profile on someone else's site (`/user/123`, `/@name`)
 * and a site under a hosting platform's suffix (`name.github.io`, the public suffix list's private
 * section) say where the platform is, not the person; TLDs used worldwide say nothing; a site on the
 * domain of one of the package's e-mail addresses is email-cctld's to read.
 */
import type { Claim } from '../claim.js';
import { countryOfTld } from './cctld.js';
import { personalDomainClaim } from './personal-domain.js';
import { emailDomains, onHostingPlatform, personSites, publicSuffix, registeredDomain, type Signal } from './shared.js';

export const personSiteCcTld: Signal = ({ facts, redact }, data) => {
  const sites = personSites(facts);
  if (sites.size === 0) return [];
  // One observation per domain: `https://name.be/` and `https://blog.name.be` are one person's one site,
  // and a site on the domain of someone's e-mail is already read by email-cctld.
  const mail = new Set([...emailDomains(facts).keys()].map((d) => registeredDomain(d) ?? d));
  const domains = new Map<string, { suffix: string; roles: string[] }>();
  for (const [url, roles] of sites) {
    const host = ownSite(url);
    const suffix = host ? publicSuffix(host) : undefined;
    if (!host || !suffix) continue;
    const registered = registeredDomain(host) ?? host;
    if (mail.has(registered)) continue;
    if ([host, registered].some((d) => data.hosts.has(d) || data.byWebDomain.has(d) || data.byEmailDomain.has(d) || data.emailProviders.has(d))) continue;
    const entry = domains.get(registered) ?? { suffix, roles: [] };
    for (const role of roles) if (!entry.roles.includes(role)) entry.roles.push(role);
    domains.set(registered, entry);
  }
  const claims: Claim[] = [];
  for (const [domain, { suffix, roles }] of domains) {
    const cc = countryOfTld(suffix, data);
    if (!cc) continue;
    claims.push(personalDomainClaim('person-site-cctld', cc, domain, suffix, `${roles.join(', ')} website`, redact));
  }
  return claims;
};

/** The host of a site's root (`https://name.be/`), or undefined for a page, a profile or a platform-hosted site. */
function ownSite(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || !/^\/?(index\.html?)?$/.test(parsed.pathname)) return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  return host && !onHostingPlatform(host) ? host : undefined;
}
