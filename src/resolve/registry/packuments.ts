/**
 * Packuments for registry resolution: one request per package name, shared by every dependent, trimmed
 * to the fields resolution reads and cached for five minutes (npm's own freshness window); `--offline`
 * takes a cached packument of any age. Failures come back as values.
 */
import type { DocumentCache } from '../../enrich/cache.js';
import { FetchFailure, type HttpClient } from '../../enrich/http.js';
import { packumentUrl, registryFor, type RegistryConfig } from '../../enrich/registry-config.js';
import { isRecord } from '../parse-text.js';

export interface Manifest {
  name: string;
  version: string;
  deprecated?: string;
  license?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bundleDependencies?: string[] | boolean;
  bundledDependencies?: string[] | boolean;
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  dist?: { integrity?: string; shasum?: string; tarball?: string };
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Manifest>;
}

export type PackumentResult = { ok: true; packument: Packument; url: string } | { ok: false; message: string; url: string };

export const PACKUMENT_FRESH_MS = 5 * 60_000;
/** npm's abbreviated document: what installers read. Registries that do not serve it send the full one. */
const CORGI = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
const MANIFEST_FIELDS = [
  'name', 'version', 'deprecated', 'license', 'dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta',
  'bundleDependencies', 'bundledDependencies', 'engines', 'os', 'cpu', 'dist',
] as const;

export interface PackumentSourceOptions {
  config: RegistryConfig;
  client: HttpClient | undefined;
  cache: DocumentCache | undefined;
  offline: boolean;
}

export class PackumentSource {
  private readonly pending = new Map<string, Promise<PackumentResult>>();
  /** Network requests made (cache hits excluded), for the summary and the tests. */
  fetched = 0;

  constructor(private readonly options: PackumentSourceOptions) {}

  get(name: string): Promise<PackumentResult> {
    let result = this.pending.get(name);
    if (!result) {
      result = this.load(name);
      this.pending.set(name, result);
    }
    return result;
  }

  private async load(name: string): Promise<PackumentResult> {
    const { config, client, cache, offline } = this.options;
    const url = packumentUrl(registryFor(config, name), name);
    const key = `${url}#install`;
    const cached = cache ? await cache.get(key, offline ? undefined : PACKUMENT_FRESH_MS) : { state: 'miss' as const };
    if (cached.state === 'hit') {
      try {
        return { ok: true, packument: JSON.parse(cached.text) as Packument, url };
      } catch {
        // fall through to the network
      }
    }
    if (offline || !client) return { ok: false, message: `${name}: no cached packument and --offline is set (${url})`, url };
    try {
      this.fetched++;
      const response = await client.getJson(url, CORGI);
      const packument = trimPackument(response.body, name);
      if (!packument) return { ok: false, message: `${name}: the registry's packument is not a package document (${url})`, url };
      await cache?.put(key, JSON.stringify(packument));
      return { ok: true, packument, url };
    } catch (error) {
      if (error instanceof FetchFailure) return { ok: false, message: `${name}: ${error.message}`, url };
      throw error;
    }
  }
}

/** Keep what resolution reads; a full packument of a big package shrinks to a tenth. */
export function trimPackument(body: unknown, name: string): Packument | undefined {
  if (!isRecord(body) || !isRecord(body.versions)) return undefined;
  const versions: Record<string, Manifest> = {};
  for (const [version, raw] of Object.entries(body.versions)) {
    if (!isRecord(raw)) continue;
    const manifest: Record<string, unknown> = {};
    for (const field of MANIFEST_FIELDS) if (raw[field] !== undefined) manifest[field] = raw[field];
    manifest.name ??= name;
    manifest.version = version;
    versions[version] = manifest as unknown as Manifest;
  }
  const tags = isRecord(body['dist-tags']) ? body['dist-tags'] : {};
  const distTags: Record<string, string> = {};
  for (const [tag, version] of Object.entries(tags)) if (typeof version === 'string') distTags[tag] = version;
  return { name: typeof body.name === 'string' ? body.name : name, 'dist-tags': distTags, versions };
}
