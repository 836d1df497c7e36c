/**
 * Real attested packages for the provenance tests: name, version and the registry's `dist.integrity` of
 * packages whose recorded Sigstore bundles live in the shared fixtures, and the per-version document a
 * registry would serve for them (placeholder hosts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_FIXTURES } from '../helpers.js';

export const fixture = (...path: string[]) => JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', ...path), 'utf8')) as Record<string, unknown>;

export interface AttestedPackage {
  name: string;
  version: string;
  integrity: string;
}

export const GUNDAM: AttestedPackage = { name: 'gundam-visor', version: '1.0.1', integrity: 'sha512-jZ15cvZ2UWx1AUqgdOEa5gTZjwtk7Gclph4oOP89qxYhGPpxQz+zHhVQ0wvQ3snQhs4DK5RFe1g5AMUHrPOcQA==' };
export const SUPREME: AttestedPackage = { name: '@trishankatdatadog/supreme-goggles', version: '1.0.5', integrity: 'sha512-Hi6+znVyUIds3p0PbGNu1uAIiiOmxHf+DNGvzBGAClugyTL0pXoSU3Bj1J1xe7eudriik4s9SOfwJhf2VkrZGQ==' };

export function attestedDoc(pkg: AttestedPackage, repository: string, dist: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: pkg.name,
    version: pkg.version,
    repository: { type: 'git', url: repository },
    dist: {
      integrity: pkg.integrity,
      tarball: `https://registry.npm.test/${pkg.name}/-/x.tgz`,
      attestations: { url: `https://registry.npm.test/-/npm/v1/attestations/${pkg.name.replace('/', '%2f')}@${pkg.version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } },
      ...dist,
    },
  };
}
