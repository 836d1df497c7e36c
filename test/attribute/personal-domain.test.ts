/** What a person's own domain is worth under each ccTLD registration rule (src/attribute/signals/personal-domain.ts). */
import { describe, expect, it } from 'vitest';
import type { Registration } from '../../src/attribute/data.js';
import { personalDomainClaim } from '../../src/attribute/signals/personal-domain.js';

const source = { file: 'cctlds' as const, id: '.xx', source: 'https://example.test/', asOf: '2026-12-05' };

describe.each<[Registration, number, string, string]>([
  ['local-presence', 0.6, 'author website doe.de (under .de, registration requires a local presence)', 'author website under .de (domain withheld; registration requires a local presence)'],
  ['open', 0.4, 'author website doe.de (under .de, open registration)', 'author website under .de (domain withheld; open registration)'],
  ['unknown', 0.4, 'author website doe.de (under .de, registration rule not recorded)', 'author website under .de (domain withheld; registration rule not recorded)'],
])('under a %s ccTLD', (registration, confidence, observed, redacted) => {
  const cc = { country: 'DE', source, registration };
  it('a hint whose weight follows the rule, said in the observation', () => {
    const claim = personalDomainClaim('person-site-cctld', cc, 'doe.de', 'de', 'author website', false);
    expect(claim).toMatchObject({ dimension: 'maintainer', country: 'DE', confidence, observed, hint: true, independence: 'personal-domain:doe.de' });
  });
  it('under --redact the domain is withheld, the rule stays, and the key is a digest that still tells domains apart', () => {
    const claim = personalDomainClaim('person-site-cctld', cc, 'doe.de', 'de', 'author website', true);
    expect(claim.observed).toBe(redacted);
    expect(claim.independence).toMatch(/^personal-domain:#[0-9a-f]{12}$/);
    expect(personalDomainClaim('email-cctld', cc, 'doe.de', 'de', 'author e-mail domain', true).independence).toBe(claim.independence);
    expect(personalDomainClaim('email-cctld', cc, 'roe.de', 'de', 'author e-mail domain', true).independence).not.toBe(claim.independence);
  });
});

it('a local-presence ccTLD counts more than an open one, and both stay below the presets\' 0.6 only when open', () => {
  const at = (registration: Registration) => personalDomainClaim('email-cctld', { country: 'DE', source, registration }, 'doe.de', 'de', 'author e-mail domain', false).confidence;
  expect(at('local-presence')).toBeGreaterThan(at('open'));
  expect(at('open')).toBeLessThan(0.6);
  expect(at('unknown')).toBe(at('open'));
});
