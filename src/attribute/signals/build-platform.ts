/**
 * Where the published tarball was built, from verified provenance: a GitHub-hosted runner puts the
 * build under GitHub's (US) infrastructure. Self-hosted runners say nothing about a country. Hosting, strong.
 */
import type { Claim } from '../claim.js';
import { CONFIDENCE, type Signal } from './shared.js';

export const buildPlatform: Signal = ({ facts }, data) => {
  const build = facts?.provenance.state === 'verified' ? facts.provenance.attested : undefined;
  if (!build?.builder || build.runner === 'self-hosted') return [];
  const builder = build.builder.replace(/^https?:\/\//, '');
  const match = data.hostPrefixes.find(([prefix, host]) => host.kind === 'build' && builder.startsWith(prefix));
  if (!match) return [];
  const [, entry] = match;
  const claim: Claim = { dimension: 'hosting', country: entry.country, confidence: CONFIDENCE.verifiedProvenance, signal: 'build-platform', observed: `built on ${build.runner ?? 'a hosted runner'} (${builder})`, source: { file: 'hosts', id: entry.id, source: entry.source, asOf: entry.asOf }, independence: `build-platform:${entry.id}` };
  return [claim];
};
