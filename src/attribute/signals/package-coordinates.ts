/**
 * Coordinates of packages from other ecosystems, read from a vendor SBOM's purls: a Maven groupId (Maven
 * Central publishes a namespace only to whoever proves control of its domain or repository: strong) and a
 * Go module path under a vendor's organisation (the repository owner's word: medium). npm packages are
 * read by the other signals.
 */
import { PackageURL } from 'packageurl-js';
import type { Vendor } from '../data.js';
import { CONFIDENCE, vendorClaims, type Signal } from './shared.js';

function parse(purl: string): PackageURL | undefined {
  if (!purl.startsWith('pkg:') || purl.startsWith('pkg:npm/')) return undefined;
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

export const packageCoordinates: Signal = ({ node }, data) => {
  const purl = parse(node.purl);
  if (!purl?.namespace) return [];
  if (purl.type === 'maven') {
    // The longest registered group that is the groupId or a parent of it (`com.aliyun` for `com.aliyun.oss`).
    let vendor: Vendor | undefined;
    let matched = '';
    for (let group = purl.namespace; group; group = group.includes('.') ? group.slice(0, group.lastIndexOf('.')) : '') {
      vendor = data.byMavenGroup.get(group);
      if (vendor) {
        matched = group;
        break;
      }
    }
    return vendor ? vendorClaims(data, vendor, CONFIDENCE.mavenGroup, 'package-coordinates', `Maven groupId ${matched}`) : [];
  }
  if (purl.type === 'golang') {
    const path = `${purl.namespace}/${purl.name}`.toLowerCase();
    const match = data.goModules.filter(([prefix]) => path === prefix.toLowerCase() || path.startsWith(`${prefix.toLowerCase()}/`)).sort((a, b) => b[0].length - a[0].length)[0];
    return match ? vendorClaims(data, match[1], CONFIDENCE.repoOwner, 'package-coordinates', `Go module ${match[0]}`) : [];
  }
  return [];
};
