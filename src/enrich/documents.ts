/**
 * Fetch a registry document through the cache: a hit costs one file read; a miss goes to the network
 * (unless offline) and is stored. Failures come back as values, never as exceptions: one package's
 * trouble must not stop the run.
 */
import { parseJson } from './bounded-json.js';
import type { DocumentCache } from './cache.js';
import { FetchFailure, type HttpClient, type JsonResponse } from './http.js';

export type DocumentResult = { ok: true; body: unknown; fromCache: boolean } | { ok: false; failure: FetchFailure | OfflineMiss };

export class OfflineMiss extends Error {
  readonly kind = 'offline-miss';
  constructor(readonly url: string) {
    super(`Not in the cache and --offline is set: ${url}`);
  }
}

export interface DocumentSource {
  client: HttpClient | undefined;
  cache: DocumentCache | undefined;
  offline: boolean;
  /** Notes cache entries that were damaged and fetched again. */
  onCorrupt?: (url: string) => void;
  /**
   * Bounds the requests in flight (`--concurrency`): every request goes through it, whatever asked for it
   * (documents, keys, attestations, packuments), and nothing else does, so a cache hit never waits.
   */
  limit?: <T>(request: () => Promise<T>) => Promise<T>;
}

/**
 * The age limit of a cached document that names none of its own: a published version's document changes
 * only when the version is deprecated (or its deprecation lifted), so it may live long; a week bounds how
 * long a stale or edited entry is read, and a warm cache still saves nearly every request.
 */
export const DOCUMENT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface FetchOptions {
  /** Cached entries older than this are fetched again (absent: `DOCUMENT_MAX_AGE_MS`; `--offline` reads any age). */
  maxAgeMs?: number;
  accept?: string;
  /**
   * A 404 is an answer worth keeping: it is cached (as the document `null`) like a served document.
   * Only for optional endpoints a registry may not have, such as its keys; never for a package document,
   * which a lagging mirror may serve a minute later.
   */
  rememberNotFound?: boolean;
  /** Keep only part of the document, in the cache and in what this run reads. */
  stored?: Stored;
  /**
   * Where else to read the document when `url` answers 404. npm's own clients only ask for packuments,
   * so a private registry may serve no per-version documents: then the version is read from the
   * packument (`pick`), and stored under `url`'s key so that later runs find it without asking.
   */
  fallback?: { url: string; pick: (body: unknown) => unknown };
}

/** What of a document is worth keeping, and a tag for that choice in the cache key. */
export interface Stored {
  /** Part of the cache key: a new `trim` gets a new tag, so it never reads what an older one left out. */
  tag: string;
  /** Applied to every document fetched, so a cold run and a warm run read the same thing. */
  trim: (body: unknown) => unknown;
}

export async function fetchDocument(source: DocumentSource, url: string, options: FetchOptions = {}): Promise<DocumentResult> {
  const key = options.stored ? `${url}#${options.stored.tag}` : url;
  // Offline, the cache is all there is: an old entry is better than none (as for packuments in resolve/registry).
  const maxAgeMs = source.offline ? undefined : (options.maxAgeMs ?? DOCUMENT_MAX_AGE_MS);
  const cached = source.cache ? await source.cache.get(key, maxAgeMs) : { state: 'miss' as const };
  if (cached.state === 'hit') {
    try {
      return { ok: true, body: parseJson(cached.text), fromCache: true };
    } catch {
      source.onCorrupt?.(url);
    }
  } else if (cached.state === 'corrupt') {
    source.onCorrupt?.(url);
  } else if (cached.state === 'miss' && options.stored && source.cache) {
    // A cache written before this trim was chosen holds the whole document: keep what is needed of it.
    const whole = await source.cache.get(url, maxAgeMs);
    if (whole.state === 'hit') {
      try {
        const body = options.stored.trim(parseJson(whole.text));
        await source.cache.put(key, JSON.stringify(body));
        return { ok: true, body, fromCache: true };
      } catch {
        // unreadable: fetch it again below
      }
    }
  }
  if (source.offline || !source.client) return { ok: false, failure: new OfflineMiss(url) };
  try {
    const response = await request(source, url, options.accept);
    const body = options.stored ? options.stored.trim(response.body) : response.body;
    await source.cache?.put(key, options.stored ? JSON.stringify(body) : response.text);
    return { ok: true, body, fromCache: false };
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    if (error.kind === 'not-found' && options.rememberNotFound) {
      await source.cache?.put(key, 'null');
      return { ok: true, body: null, fromCache: false };
    }
    if (error.kind === 'not-found' && options.fallback) return fromFallback(source, key, error, options.fallback, options);
    return { ok: false, failure: error };
  }
}

/** One request, through the concurrency bound when there is one. */
function request(source: DocumentSource, url: string, accept: string | undefined): Promise<JsonResponse> {
  const client = source.client!;
  return source.limit ? source.limit(() => client.getJson(url, accept)) : client.getJson(url, accept);
}

async function fromFallback(source: DocumentSource, key: string, notFound: FetchFailure, fallback: NonNullable<FetchOptions['fallback']>, options: FetchOptions): Promise<DocumentResult> {
  let picked: unknown;
  try {
    picked = fallback.pick((await request(source, fallback.url, options.accept)).body);
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    if (error.kind !== 'not-found') return { ok: false, failure: error };
  }
  if (picked === undefined || picked === null) {
    return { ok: false, failure: new FetchFailure('not-found', notFound.url, `${notFound.message}, nor listed in ${fallback.url}`, 404, notFound.attempts) };
  }
  const body = options.stored ? options.stored.trim(picked) : picked;
  await source.cache?.put(key, JSON.stringify(body));
  return { ok: true, body, fromCache: false };
}
