/**
 * A homepage on a vendor's web domain (`https://tdesign.tencent.com`) names the vendor. Vendor, medium;
 * weaker when only another version names it. Homepages on code forges are the repository again and are
 * left to the repository signals.
 */
import { fromOtherVersion, linksOf } from '../versions.js';
import { CONFIDENCE, hostOf, registeredDomain, vendorClaims, type Signal } from './shared.js';

export const homepageDomain: Signal = ({ facts }, data) => {
  const { homepage, fromVersion } = linksOf(facts);
  const host = hostOf(homepage);
  if (!host || data.hosts.get(host)?.kind === 'forge') return [];
  const vendor = data.byWebDomain.get(host) ?? data.byWebDomain.get(registeredDomain(host) ?? '');
  return vendor ? vendorClaims(data, vendor, CONFIDENCE.webDomain, 'homepage-domain', `homepage on ${host}`).map((c) => fromOtherVersion(c, fromVersion)) : [];
};
