/**
 * Other versions of a package, read only where the resolved version's document leaves a question open:
 * * it names no repository, homepage and author: the newest version that names any supplies them
 *   (`fallback`), attributed at lower confidence and saying which version they come from;
 * * attribution reads a person's e-mail domain or website in it (`wantsNewest`): the newest version's
 *   people (`newest`) tell whether that evidence is still current.
 * The cheapest source first: the per-version document of `dist-tags.latest` (a few kB), and the packument
 * (tens of MB for some packages) only when the latest version does not answer the fallback either.
 * Both are cached like other documents (for an hour, as `latest` moves; offline, whatever age); a failed
 * read leaves the package as it was, with a warning (a 404 is an answer: no other version is known).
 */
import semver from 'semver';
import type { PackageNode } from '../model.js';
import { isRecord } from '../resolve/parse-text.js';
import { fetchDocument, type DocumentSource, type Stored } from './documents.js';
import { extractFacts, FACTS_DOCUMENT, type FallbackFacts, type NewestPeople, type PackageFacts } from './facts.js';
import { packumentUrl, versionDocumentUrl } from './registry-config.js';

/** `latest` moves with every release, and so does the packument: keep both an hour, like --history. */
const MOVING_TTL_MS = 60 * 60 * 1000;

export interface OtherVersions {
  fallback?: FallbackFacts;
  newest?: NewestPeople;
  /** Why a read failed; the package keeps its own facts. */
  failure?: string;
}

/** The resolved version names nothing that links it to a project or a person. */
export function needsFallback(facts: PackageFacts): boolean {
  return !facts.repository && !facts.homepage && !facts.author;
}

export async function readOtherVersions(source: DocumentSource, registry: string, node: PackageNode, facts: PackageFacts, wantsNewest: boolean): Promise<OtherVersions> {
  const fallbackWanted = needsFallback(facts);
  if (!fallbackWanted && !wantsNewest) return {};
  const maxAgeMs = source.offline ? undefined : MOVING_TTL_MS;
  const packument = packumentUrl(registry, node.name);
  const latest = await fetchDocument(source, versionDocumentUrl(registry, node.name, 'latest'), {
    stored: FACTS_DOCUMENT,
    maxAgeMs,
    // A registry without per-version documents: the latest version from the packument.
    fallback: { url: packument, pick: (p) => (isRecord(p) && isRecord(p['dist-tags']) && isRecord(p.versions) ? p.versions[String(p['dist-tags'].latest)] : undefined) },
  });
  if (!latest.ok) return unavailable(node, latest.failure);
  const out: OtherVersions = {};
  const doc = isRecord(latest.body) ? latest.body : {};
  const version = typeof doc.version === 'string' ? doc.version : undefined;
  if (version) {
    const other = extractFacts(doc, registry);
    // Recorded even when it is the resolved version: the tree-level step then knows its people are current.
    if (wantsNewest) out.newest = prune({ version, author: other.author, maintainers: other.maintainers, publisher: other.publisher });
    if (fallbackWanted && version !== node.version && !needsFallback(other)) out.fallback = prune({ version, repository: other.repository, homepage: other.homepage, author: other.author });
  }
  if (!fallbackWanted || out.fallback) return out;
  const whole = await fetchDocument(source, packument, { stored: VERSION_LINKS, maxAgeMs });
  if (!whole.ok) return { ...out, ...unavailable(node, whole.failure) };
  const found = newestNaming(whole.body, node.version, registry);
  if (found) out.fallback = found;
  return out;
}

/** A registry that has no such document answers the question (no other version is known); any other failure is a warning. */
function unavailable(node: PackageNode, failure: { kind: string; message: string }): OtherVersions {
  return failure.kind === 'not-found' ? {} : { failure: `Other versions of ${node.name} unavailable: ${failure.message}` };
}

/** Pure: the newest version other than `resolved` (by publish time, else by semver) that names a repository, homepage or author. */
export function newestNaming(packument: unknown, resolved: string, registry: string): FallbackFacts | undefined {
  if (!isRecord(packument) || !isRecord(packument.versions)) return undefined;
  const versions = packument.versions;
  const time = isRecord(packument.time) ? packument.time : {};
  const at = (v: string) => (typeof time[v] === 'string' ? (time[v] as string) : '');
  const order = Object.keys(versions)
    .filter((v) => v !== resolved && isRecord(versions[v]))
    .sort((a, b) => (at(a) !== at(b) ? (at(a) < at(b) ? 1 : -1) : semver.valid(a) && semver.valid(b) ? semver.rcompare(a, b) : a < b ? 1 : -1));
  for (const version of order) {
    const other = extractFacts(versions[version] as Record<string, unknown>, registry);
    if (!needsFallback(other)) return prune({ version, repository: other.repository, homepage: other.homepage, author: other.author });
  }
  return undefined;
}

/** What the cache keeps of a packument for the fallback: each version's links and the publish times (a small part of it). */
const VERSION_LINKS: Stored = {
  tag: 'links-1',
  trim: (doc) => {
    if (!isRecord(doc) || !isRecord(doc.versions)) return doc;
    const versions: Record<string, unknown> = {};
    for (const [v, d] of Object.entries(doc.versions)) {
      if (!isRecord(d)) continue;
      const kept: Record<string, unknown> = {};
      for (const key of ['version', 'repository', 'homepage', 'author'] as const) if (d[key] !== undefined) kept[key] = d[key];
      versions[v] = kept;
    }
    return { versions, ...(isRecord(doc.time) ? { time: doc.time } : {}) };
  },
};

function prune<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
