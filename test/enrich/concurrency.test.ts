/**
 * `--concurrency` bounds the requests in flight, whatever asks for them: per-version documents and, with
 * --history, packuments. A request waits for a slot before it starts, so its timeout runs only while it
 * is on the wire.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const NAMES = Array.from({ length: 12 }, (_, i) => `pkg-${i}`);
const DELAY_MS = 60;

let server: RegistryServer;
let inFlight = 0;
let peak = 0;
beforeEach(async () => {
  server = await startRegistry();
  inFlight = 0;
  peak = 0;
  server.fallback = (path) => {
    const [, name, version] = path.split('/');
    if (!name || !NAMES.includes(name)) return undefined;
    inFlight++;
    peak = Math.max(peak, inFlight);
    setTimeout(() => inFlight--, DELAY_MS);
    const doc = versionDoc(name, '1.0.0', { license: 'MIT' });
    const body = version ? doc : { name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': doc }, time: { '1.0.0': '2026-01-01T00:00:00.000Z' } };
    return { kind: 'json', body, delayMs: DELAY_MS };
  };
});
afterEach(async () => {
  await server.close();
});

describe('--concurrency', () => {
  it('bounds documents and packuments together', async () => {
    // 24 slow answers, 3 at a time, with no retry to hide a failed request.
    const result = await enrichProject(projectWith(NAMES.map((n) => [n, '1.0.0'])), isolated(server.url, { concurrency: 3, history: true, http: { timeoutMs: 10_000, retries: 0 } }));
    expect(result.issues).toEqual([]);
    expect(result.facts.size).toBe(NAMES.length);
    expect(server.requests.filter((r) => NAMES.some((n) => r.path === `/${n}`))).toHaveLength(NAMES.length);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThanOrEqual(2);
  });
});
