/**
 * Registry resolution, for a package spec (`sovscan scan express@4`) or a project with a package.json and
 * no lockfile: the tree npm would install today, built from packuments without installing anything or
 * running any script, then handed to the same graph builder as a lockfile.
 */
import { DocumentCache } from '../../enrich/cache.js';
import { HTTP_DEFAULTS, HttpClient } from '../../enrich/http.js';
import { loadRegistryConfig } from '../../enrich/registry-config.js';
import type { Graph, Issue } from '../../model.js';
import { buildGraph, type LockEntry, type OmitKind } from '../lockgraph.js';
import { buildIdealTree, type Pick, type TreeNode } from './ideal-tree.js';
import { PackumentSource, type Manifest } from './packuments.js';

export interface RegistryResolveOptions {
  projectDir: string;
  registry?: string;
  allowEnv?: readonly string[];
  allowedRegistries?: readonly string[];
  cacheDir?: string;
  offline: boolean;
  concurrency: number;
  omit?: readonly OmitKind[];
}

export interface RootRequest {
  /** What the summary and SBOM call the root: the spec, or the project's name. */
  name: string;
  version: string;
  manifest: Manifest & { devDependencies?: Record<string, string> };
}

export async function resolveFromRegistry(request: RootRequest, options: RegistryResolveOptions): Promise<{ graph: Graph; issues: Issue[] }> {
  // The configuration's warnings are reported by enrich, which reads the same files again.
  const config = await loadRegistryConfig({ projectDir: options.projectDir, registry: options.registry, allowEnv: options.allowEnv, allowedRegistries: options.allowedRegistries });
  const client = options.offline ? undefined : new HttpClient(config, { ...HTTP_DEFAULTS, concurrency: options.concurrency });
  const cache = options.cacheDir ? new DocumentCache(options.cacheDir) : undefined;
  const source = new PackumentSource({ config, client, cache, offline: options.offline });
  const [{ default: npa }, { default: pickManifest }] = await Promise.all([import('npm-package-arg'), import('npm-pick-manifest')]);
  const pick: Pick = async (name, spec) => {
    const result = await source.get(name);
    if (!result.ok) return result;
    try {
      return { ok: true, manifest: pickManifest(result.packument, spec, { defaultTag: 'latest' }) };
    } catch (error) {
      return { ok: false, message: `${name}@${spec}: ${(error as Error).message.split('\n')[0]}` };
    }
  };
  const issues: Issue[] = [];
  let tree;
  try {
    tree = await buildIdealTree(request.manifest, pick, npa.resolve, (name) => void source.get(name));
  } finally {
    client?.close();
    await cache?.flush().catch(() => undefined);
  }
  for (const problem of tree.problems) {
    issues.push({ severity: 'error', code: 'E_UNRESOLVED', message: `Could not resolve ${problem.edge.name}@${problem.edge.spec} (wanted by ${problem.from || 'the root'}): ${problem.message}`, package: problem.edge.name });
  }
  const entries = new Map<string, LockEntry>();
  const visit = (node: TreeNode) => {
    const key = node.location;
    const edges = [];
    for (const edge of node.edges.values()) {
      let to: TreeNode | undefined;
      for (let n: TreeNode | undefined = edge.kind.startsWith('peer') && node.parent ? node.parent : node; n && !to; n = n.parent) to = n.children.get(edge.name);
      if (to) edges.push({ to: to.location, kind: edge.kind === 'peerOptional' ? ('peer' as const) : edge.kind });
    }
    const m = node.manifest;
    entries.set(key, {
      key,
      name: node.parent ? m.name : request.name,
      version: node.parent ? m.version : request.version,
      source: node.parent ? 'registry' : 'root',
      alias: node.parent && node.name !== m.name ? node.name : undefined,
      path: key,
      integrity: m.dist?.integrity,
      resolved: m.dist?.tarball,
      license: typeof m.license === 'string' ? m.license : undefined,
      edges,
    });
    for (const child of node.children.values()) visit(child);
  };
  visit(tree.root);
  const graph = buildGraph({ rootKey: '', entries, flagsStated: false }, { omit: options.omit });
  graph.resolution = { kind: 'registry', registry: config.registry, requests: source.fetched };
  return { graph, issues };
}
