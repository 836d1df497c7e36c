/**
 * What a person's own domain says (an e-mail domain or a website under a country-code or city TLD, read
 * by email-cctld and person-site-cctld): a hint about where its holder is, worth what the TLD's
 * registration rule makes it. Under a TLD open to anyone (`zihua.li`, `jake.tl`) or whose rule is not
 * recorded it is weak; under one that requires a local presence it counts more. Either way it is one
 * person's one choice, so it is a hint (`hint`): alone it never decides (fuse.ts). The same domain seen
 * as an e-mail and a website, or on the author and a maintainer, is one fact: one independence key.
 * Under --redact the key names a digest of the domain instead, so that fusion is the same either way
 * and no output carries the domain.
 */
import { createHash } from 'node:crypto';
import type { Claim, SignalId } from '../claim.js';
import type { countryOfTld } from './cctld.js';
import type { Registration } from '../data.js';
import { CONFIDENCE } from './shared.js';

const RULE_TEXT: Record<Registration, string> = {
  'local-presence': 'registration requires a local presence',
  open: 'open registration',
  unknown: 'registration rule not recorded',
};

export function personalDomainConfidence(registration: Registration): number {
  return registration === 'local-presence' ? CONFIDENCE.ccTldLocal : CONFIDENCE.ccTldOpen;
}

/**
 * `what` names the field (`author e-mail domain`, `maintainer website`); under --redact the domain, a
 * person's own, is withheld and the TLD and its rule are the evidence.
 */
export function personalDomainClaim(signal: SignalId, cc: NonNullable<ReturnType<typeof countryOfTld>>, domain: string, suffix: string, what: string, redact: boolean | undefined): Claim {
  const rule = RULE_TEXT[cc.registration];
  const observed = redact ? `${what} under .${suffix} (domain withheld; ${rule})` : `${what} ${domain} (under .${suffix}, ${rule})`;
  return { dimension: 'maintainer', country: cc.country, confidence: personalDomainConfidence(cc.registration), signal, observed, source: cc.source, independence: `personal-domain:${redact ? `#${createHash('sha256').update(domain).digest('hex').slice(0, 12)}` : domain}`, hint: true };
}
