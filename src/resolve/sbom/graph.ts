/**
 * A vendor SBOM's components as the pipeline's graph: npm components (by purl) are registry packages that
 * enrich reads; every other component is attributed from what the SBOM declares: its purl's coordinates,
 * repository, website, download location and the e-mail domains of its declared people.
 */
import { PackageURL } from 'packageurl-js';
import type { PackageFacts } from '../../enrich/facts.js';
import { normaliseRepository } from '../../enrich/repository.js';
import type { Graph, PackageNode } from '../../model.js';
import type { SbomComponent, VendorSbom } from './types.js';

const NO_FLAGS = { dev: false, optional: false, devOptional: false, peer: false, bundled: false };

function parsePurl(purl: string | undefined): PackageURL | undefined {
  if (!purl) return undefined;
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

/** Go modules and GitHub purls name their repository: `github.com/owner/repo/…`. */
function repositoryFromPurl(purl: PackageURL | undefined): string | undefined {
  if (!purl) return undefined;
  if (purl.type === 'github' && purl.namespace) return `https://github.com/${purl.namespace}/${purl.name}`;
  if (purl.type === 'golang') {
    const path = `${purl.namespace ? `${purl.namespace}/` : ''}${purl.name}`.split('/');
    if (['github.com', 'gitlab.com', 'gitee.com', 'bitbucket.org'].includes(path[0]!) && path.length >= 3) return `https://${path.slice(0, 3).join('/')}`;
  }
  return undefined;
}

function nodeOf(component: SbomComponent): PackageNode {
  const purl = parsePurl(component.purl);
  const npm = purl?.type === 'npm';
  // The purl's namespace and name where there is a purl (`com.aliyun.oss/aliyun-sdk-oss`, `@types/node`).
  const name = purl ? `${purl.namespace ? `${purl.namespace}/` : ''}${purl.name}` : component.group ? `${component.group}/${component.name}` : component.name || component.key;
  const version = (npm ? purl.version : undefined) ?? component.version;
  const qualifiers = purl?.qualifiers ?? {};
  const source = !npm ? 'other' : qualifiers.vcs_url ? 'git' : qualifiers.download_url ? 'tarball' : 'registry';
  return {
    id: component.key,
    name,
    version,
    purl: component.purl ?? '',
    source,
    aliases: [],
    paths: [],
    flags: { ...NO_FLAGS, optional: component.optional },
    resolved: qualifiers.vcs_url ?? qualifiers.download_url ?? component.distribution,
    dependencies: new Set(),
  };
}

/** What the SBOM itself says about a component, in the shape of registry facts. */
export function declaredFacts(component: SbomComponent): PackageFacts {
  const repository = normaliseRepository(component.vcs ?? repositoryFromPurl(parsePurl(component.purl)));
  return {
    registry: '',
    repository,
    homepage: component.website,
    maintainers: component.people.filter((p) => p.email).map((p) => ({ email: p.email })),
    provenance: { state: 'unknown', signature: 'unknown' },
  };
}

export function sbomGraph(sbom: VendorSbom): Graph {
  const nodes = new Map<string, PackageNode>();
  for (const component of sbom.components) nodes.set(component.key, nodeOf(component));
  const root: PackageNode = {
    id: sbom.root.key ?? '#root',
    name: sbom.root.name,
    version: sbom.root.version,
    purl: '',
    source: 'root',
    aliases: [],
    paths: [''],
    flags: { ...NO_FLAGS },
    dependencies: new Set(),
  };
  const all = new Map([[root.id, root], ...nodes]);
  for (const [from, targets] of sbom.dependsOn) {
    const node = all.get(from);
    if (node) for (const to of targets) if (nodes.has(to) && to !== from) node.dependencies.add(to);
  }
  // Without declared edges from the root, everything nobody depends on hangs from it.
  if (root.dependencies.size === 0) {
    const depended = new Set([...nodes.values()].flatMap((n) => [...n.dependencies]));
    for (const id of nodes.keys()) if (!depended.has(id)) root.dependencies.add(id);
  }
  nodes.delete(root.id);
  return { root, nodes, sbom: { file: sbom.file, format: sbom.format, specVersion: sbom.specVersion } };
}
