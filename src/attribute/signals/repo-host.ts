/** Where the source lives: the forge of the declared repository (another version's, weaker, when the resolved one names none), or of a git dependency. Hosting, medium. */
import type { Claim } from '../claim.js';
import { fromOtherVersion, linksOf } from '../versions.js';
import { CONFIDENCE, hostOf, type Signal } from './shared.js';

export const repoHost: Signal = ({ node, facts }, data) => {
  const { repository, fromVersion } = linksOf(facts);
  const host = repository?.host ?? (node.source === 'git' ? hostOf(node.resolved) : undefined);
  const entry = host ? data.hosts.get(host) : undefined;
  if (!host || !entry) return [];
  const claim: Claim = { dimension: 'hosting', country: entry.country, confidence: CONFIDENCE.repoHost, signal: 'repo-host', observed: `source on ${host}`, source: { file: 'hosts', id: entry.id, source: entry.source, asOf: entry.asOf }, independence: `repo-host:${entry.id}` };
  return [fromOtherVersion(claim, repository ? fromVersion : undefined)];
};
