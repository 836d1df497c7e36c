/**
 * enrich: the only stage that talks to the network. For every registry package in the graph, fetch its
 * per-version document (cached for good), extract `PackageFacts`, then check its registry signature and
 * attestations offline, and read other versions where the resolved one leaves a question open (versions.ts). A package whose document cannot be had is `unknown`, with an issue on the scan.
 */
import pLimit from 'p-limit';
import type { Graph, Issue, PackageNode } from '../model.js';
import { DocumentCache } from './cache.js';
import { fetchDocument, type DocumentSource } from './documents.js';
import { extractFacts, FACTS_DOCUMENT, type PackageFacts } from './facts.js';
import { readHistory } from './history.js';
import { readOtherVersions } from './versions.js';
import { HttpClient, HTTP_DEFAULTS, type HttpOptions } from './http.js';
import { defaultRegistry } from './default-registry.js';
import { checkBinding, registryDigests } from './provenance/binding.js';
import { loadNameCheck } from './package-name.js';
import { checkProvenance, loadTrust } from './provenance/index.js';
import { loadRegistryConfig, packumentUrl, registryFor, versionDocumentUrl, type ConfigSources, type RegistryConfig } from './registry-config.js';
import { isRecord } from '../resolve/parse-text.js';

export interface EnrichOptions extends ConfigSources {
  /** Cache directory; undefined disables the cache. */
  cacheDir?: string;
  offline: boolean;
  concurrency: number;
  /** Also fetch full packuments for publish times and maintainer / publisher changes. */
  history: boolean;
  http?: Partial<HttpOptions>;
  onProgress?: (done: number, total: number, failed?: number) => void;
  /** Each package's facts as soon as they are complete, while other documents are still on their way. */
  onFacts?: (node: PackageNode, facts: PackageFacts) => void;
  /**
   * Read other versions where the resolved one leaves a question open (src/enrich/versions.ts); absent,
   * none are read. `wantsNewest`: whether attribution reads a person's e-mail domain or website in these
   * facts, so that the newest version's people are read too, to tell current evidence from former.
   */
  otherVersions?: { wantsNewest: (node: PackageNode, facts: PackageFacts) => boolean };
}

export interface Enriched {
  facts: Map<string, PackageFacts>;
  issues: Issue[];
  /** False when any registry package is left `unknown`. */
  complete: boolean;
  config: RegistryConfig;
}

/** Packages whose metadata lives in a registry: registry sources and npm aliases of them. */
export function fromRegistry(node: PackageNode): boolean {
  return node.source === 'registry' && node.version !== '';
}

export async function enrich(graph: Graph, options: EnrichOptions): Promise<Enriched> {
  const config = await loadRegistryConfig({ ...options, lockfileFormat: graph.lockfile?.format });
  const nodes = [...graph.nodes.values()].filter(fromRegistry);
  const invalidName = nodes.length > 0 ? await loadNameCheck() : () => undefined;
  const client = options.offline ? undefined : new HttpClient(config, { ...HTTP_DEFAULTS, ...options.http, concurrency: options.concurrency });
  const corrupt: string[] = [];
  const source: DocumentSource = {
    client,
    cache: options.cacheDir ? new DocumentCache(options.cacheDir) : undefined,
    offline: options.offline,
    onCorrupt: (url) => corrupt.push(url),
    limit: pLimit(options.concurrency),
  };
  // What the scanned project's configuration asked for and did not get (config-trust.ts).
  const issues: Issue[] = [...config.issues];
  const facts = new Map<string, PackageFacts>();
  let done = 0;
  try {
    // The keys request runs alongside the first documents; only provenance checks wait for it.
    const trustLoading = loadTrust(source, config.registry, (message) => issues.push({ severity: 'warning', code: 'W_REGISTRY_KEY', message }));
    // Awaited only once a document is in: marked handled now, so that a failure cannot end the process first.
    trustLoading.catch(() => {});
    await Promise.all(
      nodes.map(async (node) => {
        const invalid = invalidName(node);
        if (invalid) {
          issues.push({ severity: 'error', code: 'E_PACKAGE_NAME', message: invalid, package: node.id });
          options.onProgress?.(++done, nodes.length);
          return;
        }
        const registry = registryFor(config, node.name);
        const url = versionDocumentUrl(registry, node.name, node.version);
        // Only requests take one of the `concurrency` slots (source.limit): a cache hit, the facts,
        // waiting for the keys and verifying never keep the next request waiting.
        // A registry without per-version documents (npm's clients never ask for them) is read from the packument.
        const fallback = { url: packumentUrl(registry, node.name), pick: (p: unknown) => (isRecord(p) && isRecord(p.versions) ? p.versions[node.version] : undefined) };
        const result = await fetchDocument(source, url, { stored: FACTS_DOCUMENT, fallback });
        if (!result.ok) {
          issues.push(failureIssue(node, result.failure));
        } else if (typeof result.body !== 'object' || result.body === null || Array.isArray(result.body)) {
          issues.push({ severity: 'error', code: 'E_REGISTRY_DOCUMENT', message: `The registry document for ${node.name}@${node.version} is not an object: ${url}`, package: node.id });
        } else {
          const extracted = extractFacts(result.body as Record<string, unknown>, registry, node.resolved);
          // Compared before the lockfile's integrity stands in for a registry that gives none.
          if (graph.lockfile) extracted.install = checkBinding(node, registryDigests(extracted.integrity, extracted.shasum), { registry, defaultRegistry: defaultRegistry(), lockfileFormat: graph.lockfile.format });
          extracted.integrity ??= node.integrity;
          extracted.provenance = await checkProvenance(node, extracted, { source, trust: await trustLoading, registry });
          if (options.otherVersions) {
            const others = await readOtherVersions(source, registry, node, extracted, options.otherVersions.wantsNewest(node, extracted));
            if (others.fallback) extracted.fallback = others.fallback;
            if (others.newest) extracted.newest = others.newest;
            if (others.failure) issues.push({ severity: 'warning', code: 'W_OTHER_VERSIONS', message: others.failure, package: node.id });
          }
          if (options.history) {
            const history = await readHistory(source, registry, node, extracted);
            if (history.ok) extracted.history = history.facts;
            else issues.push({ severity: 'warning', code: 'W_HISTORY', message: history.message, package: node.id });
          }
          facts.set(node.id, extracted);
          options.onFacts?.(node, extracted);
        }
        options.onProgress?.(++done, nodes.length, done - facts.size);
      }),
    );
  } finally {
    client?.close();
    await source.cache?.flush().catch((error: unknown) => {
      issues.push({ severity: 'warning', code: 'W_CACHE_WRITE', message: `Could not write the cache in ${options.cacheDir}: ${(error as Error).message}` });
    });
  }
  const unsafeCache = await source.cache?.problem();
  if (unsafeCache) {
    issues.push({ severity: 'warning', code: 'W_CACHE_UNSAFE', message: `The cache in ${options.cacheDir} was not used: ${unsafeCache}, so another user could change what sovscan reads. Make it yours and writable by you alone (chown, chmod go-w), or choose another --cache-dir` });
  }
  if (corrupt.length > 0) {
    issues.push({ severity: 'warning', code: 'W_CACHE_CORRUPT', message: `${corrupt.length} damaged cache entr${corrupt.length === 1 ? 'y was' : 'ies were'} fetched again` });
  }
  issues.sort((a, b) => (a.package ?? '').localeCompare(b.package ?? ''));
  return { facts, issues, complete: facts.size === nodes.length, config };
}

function failureIssue(node: PackageNode, failure: { kind: string; message: string; url: string }): Issue {
  const code = failure.kind === 'offline-miss' ? 'E_OFFLINE_MISS' : `E_REGISTRY_${failure.kind.toUpperCase().replace(/-/g, '_')}`;
  return { severity: 'error', code, message: `${node.name}@${node.version}: ${failure.message}`, package: node.id };
}
