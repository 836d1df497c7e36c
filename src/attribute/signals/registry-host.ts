/**
 * Who serves the package: the registry its metadata came from and the host of its tarball (a mirror,
 * a private registry, a tarball URL). The default public registry is recognised by npm's own default
 * URL, not by a host name in the data. Hosting, strong.
 */
import type { Claim } from '../claim.js';
import type { AttributionData, Host } from '../data.js';
import { CONFIDENCE, hostOf, type Signal } from './shared.js';

function claim(entry: Host, observed: string): Claim {
  return { dimension: 'hosting', country: entry.country, confidence: CONFIDENCE.registryHost, signal: 'registry-host', observed, source: { file: 'hosts', id: entry.id, source: entry.source, asOf: entry.asOf }, independence: `registry-host:${entry.id}` };
}

function lookup(data: AttributionData, url: string | undefined, defaultRegistry: string): Host | undefined {
  if (!url) return undefined;
  if (url === defaultRegistry || hostOf(url) === hostOf(defaultRegistry)) return data.defaultRegistryHost;
  const host = hostOf(url);
  return host ? data.hosts.get(host) : undefined;
}

export const registryHost: Signal = ({ node, facts, defaultRegistry }, data) => {
  const claims: Claim[] = [];
  const registry = lookup(data, facts?.registry, defaultRegistry);
  if (registry) claims.push(claim(registry, registry.symbolic ? 'metadata from the default npm registry' : `metadata from ${hostOf(facts!.registry)}`));
  const tarballUrl = node.resolved && /^https?:/.test(node.resolved) ? node.resolved : facts?.tarballHost ? `https://${facts.tarballHost}/` : undefined;
  const tarball = lookup(data, tarballUrl, defaultRegistry);
  if (tarball && tarball !== registry) claims.push(claim(tarball, tarball.symbolic ? 'tarball from the default npm registry' : `tarball from ${hostOf(tarballUrl)}`));
  return claims;
};
