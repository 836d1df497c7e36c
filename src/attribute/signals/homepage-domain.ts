/**
 * A homepage on a vendor's web domain (`https://tdesign.tencent.com`) names the vendor. Vendor, medium.
 * Homepages on code forges are the repository again and are left to the repository signals.
 */
import { CONFIDENCE, hostOf, registeredDomain, vendorClaims, type Signal } from './shared.js';

export const homepageDomain: Signal = ({ facts }, data) => {
  const host = hostOf(facts?.homepage);
  if (!host || data.hosts.get(host)?.kind === 'forge') return [];
  const vendor = data.byWebDomain.get(host) ?? data.byWebDomain.get(registeredDomain(host) ?? '');
  return vendor ? vendorClaims(data, vendor, CONFIDENCE.webDomain, 'homepage-domain', `homepage on ${host}`) : [];
};
