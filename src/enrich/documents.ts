/**
 * Fetch a registry document through the cache: a hit costs one file read; a miss goes to the network
 * (unless offline) and is stored. Failures come back as values, never as exceptions: one package's
 * trouble must not stop the run.
 */
import type { DocumentCache } from './cache.js';
import { FetchFailure, type HttpClient } from './http.js';

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
}

export async function fetchDocument(source: DocumentSource, url: string, options: { maxAgeMs?: number; accept?: string } = {}): Promise<DocumentResult> {
  const cached = source.cache ? await source.cache.get(url, options.maxAgeMs) : { state: 'miss' as const };
  if (cached.state === 'hit') {
    try {
      return { ok: true, body: JSON.parse(cached.text), fromCache: true };
    } catch {
      source.onCorrupt?.(url);
    }
  } else if (cached.state === 'corrupt') {
    source.onCorrupt?.(url);
  }
  if (source.offline || !source.client) return { ok: false, failure: new OfflineMiss(url) };
  try {
    const response = await source.client.getJson(url, options.accept);
    await source.cache?.put(url, response.text);
    return { ok: true, body: response.body, fromCache: false };
  } catch (error) {
    if (error instanceof FetchFailure) return { ok: false, failure: error };
    throw error;
  }
}
