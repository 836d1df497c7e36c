/**
 * `--history`: the full packument gives publish times, so the resolved version can be compared with the
 * one published just before it: maintainers added, a publisher never seen before or not among the
 * previous maintainers, trusted publishing given up for a token, an install script gained.
 * (The takeover pattern of registry incidents; see the registry notes §4.2.)
 */
import type { PackageNode } from '../model.js';
import { isRecord } from '../resolve/parse-text.js';
import { fetchDocument, type DocumentSource } from './documents.js';
import { extractFacts, type HistoryChange, type HistoryFacts, type PackageFacts, type Person } from './facts.js';
import { packumentUrl } from './registry-config.js';

/** Packuments change with every publish: keep them an hour. */
const PACKUMENT_TTL_MS = 60 * 60 * 1000;

export type HistoryResult = { ok: true; facts: HistoryFacts } | { ok: false; message: string };

export async function readHistory(source: DocumentSource, registry: string, node: PackageNode, current: PackageFacts): Promise<HistoryResult> {
  const url = packumentUrl(registry, node.name);
  const fetched = await fetchDocument(source, url, { maxAgeMs: PACKUMENT_TTL_MS });
  if (!fetched.ok) return { ok: false, message: `History of ${node.name} unavailable: ${fetched.failure.message}` };
  if (!isRecord(fetched.body)) return { ok: false, message: `History of ${node.name} unavailable: the packument is not an object` };
  return { ok: true, facts: compareWithPrevious(fetched.body, node.version, current, registry) };
}

const key = (p: Person) => (p.name ?? p.email ?? '').toLowerCase();

/** Pure: the packument, the resolved version and its facts in; the changes since the previous publish out. */
export function compareWithPrevious(packument: Record<string, unknown>, version: string, current: PackageFacts, registry: string): HistoryFacts {
  const time = isRecord(packument.time) ? packument.time : {};
  const versions = isRecord(packument.versions) ? packument.versions : {};
  const publishedAt = typeof time[version] === 'string' ? time[version] : undefined;
  const history: HistoryFacts = { changes: [] };
  if (publishedAt) history.publishedAt = publishedAt;
  if (!publishedAt) return history;
  // Order by publish time, not by semver: a backport published later is "after".
  const earlier = Object.keys(versions)
    .filter((v) => v !== version && typeof time[v] === 'string' && (time[v] as string) < publishedAt)
    .sort((a, b) => ((time[a] as string) < (time[b] as string) ? -1 : 1));
  const previousVersion = earlier[earlier.length - 1];
  if (!previousVersion || !isRecord(versions[previousVersion])) return history;
  history.previousVersion = previousVersion;
  const previous = extractFacts(versions[previousVersion] as Record<string, unknown>, registry);
  const changes: HistoryChange[] = [];
  const before = new Set((previous.maintainers ?? []).map(key));
  const now = new Set((current.maintainers ?? []).map(key));
  if (previous.maintainers && current.maintainers) {
    for (const m of current.maintainers) if (!before.has(key(m))) changes.push({ kind: 'new-maintainer', detail: m.name ?? m.email ?? '' });
    for (const m of previous.maintainers) if (!now.has(key(m))) changes.push({ kind: 'removed-maintainer', detail: m.name ?? m.email ?? '' });
  }
  const publisher = current.publisher;
  if (publisher && !publisher.trustedPublisher) {
    const everPublished = earlier.some((v) => {
      const doc = versions[v];
      return isRecord(doc) && isRecord(doc._npmUser) && key({ name: doc._npmUser.name as string | undefined }) === key(publisher);
    });
    if (!everPublished) changes.push({ kind: 'first-time-publisher', detail: publisher.name ?? '' });
    if (previous.maintainers && !before.has(key(publisher))) changes.push({ kind: 'publisher-not-maintainer', detail: publisher.name ?? '' });
  }
  if (previous.publisher?.trustedPublisher && !publisher?.trustedPublisher && !publisher?.approver) {
    changes.push({ kind: 'trust-downgrade', detail: `trusted publishing (${previous.publisher.trustedPublisher.id}) in ${previousVersion}, a token publish in ${version}` });
  } else if (previous.attestations && !current.attestations) {
    changes.push({ kind: 'trust-downgrade', detail: `provenance in ${previousVersion}, none in ${version}` });
  }
  if (current.installScripts && !previous.installScripts) changes.push({ kind: 'install-script-added', detail: current.installScripts.join(', ') });
  history.changes = changes;
  return history;
}
