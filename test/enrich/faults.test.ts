/**
 * Acceptance: every registry fault, played by a real HTTP server on loopback, ends the same way: bounded
 * retries, then the package's facts are unknown with an issue on the scan, and the run finishes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRegistry, type Behaviour, type RegistryServer } from './registry-server.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry();
});
afterEach(async () => {
  await server.close();
});

const ok = (name: string): Behaviour => ({ kind: 'json', body: versionDoc(name, '1.0.0', { license: 'MIT' }) });

describe.each<{ name: string; behaviour: (n: string) => Behaviour; outcome: 'ok' | string; attempts: number }>([
  { name: 'a plain answer', behaviour: ok, outcome: 'ok', attempts: 1 },
  { name: 'a slow server (within the timeout)', behaviour: (n) => ({ kind: 'json', body: versionDoc(n, '1.0.0'), delayMs: 150 }), outcome: 'ok', attempts: 1 },
  { name: '404', behaviour: () => ({ kind: 'status', status: 404 }), outcome: 'E_REGISTRY_NOT_FOUND', attempts: 1 },
  { name: 'a timeout', behaviour: () => ({ kind: 'hang' }), outcome: 'E_REGISTRY_TIMEOUT', attempts: 3 },
  { name: 'connection resets', behaviour: () => ({ kind: 'reset' }), outcome: 'E_REGISTRY_NETWORK', attempts: 3 },
  { name: '500, then an answer', behaviour: (n) => ({ kind: 'sequence', steps: [{ kind: 'status', status: 500 }, ok(n)] }), outcome: 'ok', attempts: 2 },
  { name: '503 every time', behaviour: () => ({ kind: 'status', status: 503 }), outcome: 'E_REGISTRY_HTTP', attempts: 3 },
  { name: 'a truncated body every time', behaviour: () => ({ kind: 'truncate', body: '{"name":"x","vers' }), outcome: 'E_REGISTRY_TRUNCATED', attempts: 3 },
  { name: 'a truncated body, then a whole one', behaviour: (n) => ({ kind: 'sequence', steps: [{ kind: 'truncate', body: '{"na' }, ok(n)] }), outcome: 'ok', attempts: 2 },
  { name: 'invalid JSON every time', behaviour: () => ({ kind: 'text', body: '<html>gateway</html>' }), outcome: 'E_REGISTRY_INVALID_JSON', attempts: 3 },
  { name: '403', behaviour: () => ({ kind: 'status', status: 403 }), outcome: 'E_REGISTRY_HTTP', attempts: 1 },
])('$name', ({ behaviour, outcome, attempts }) => {
  it(outcome === 'ok' ? 'gives facts' : `leaves the package unknown with ${outcome}, and the others are described`, async () => {
    server.routes.set('/target/1.0.0', behaviour('target'));
    server.routes.set('/fine/2.0.0', { kind: 'json', body: versionDoc('fine', '2.0.0', { license: 'ISC' }) });
    const dir = projectWith([['target', '1.0.0'], ['fine', '2.0.0']]);
    const result = await enrichProject(dir, isolated(server.url));
    expect(server.requests.filter((r) => r.path === '/target/1.0.0')).toHaveLength(attempts);
    expect(result.facts.get('pkg:npm/fine@2.0.0')?.license).toBe('ISC');
    if (outcome === 'ok') {
      expect(result.facts.has('pkg:npm/target@1.0.0')).toBe(true);
      expect(result.complete).toBe(true);
      expect(result.issues).toEqual([]);
    } else {
      expect(result.facts.has('pkg:npm/target@1.0.0')).toBe(false);
      expect(result.complete).toBe(false);
      expect(result.issues).toEqual([expect.objectContaining({ code: outcome, package: 'pkg:npm/target@1.0.0', message: expect.stringContaining('target@1.0.0') })]);
    }
  });
});

describe('429 with Retry-After', () => {
  it('waits as long as the server asks before trying again', async () => {
    server.routes.set('/limited/1.0.0', { kind: 'sequence', steps: [{ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, ok('limited')] });
    const started = Date.now();
    const result = await enrichProject(projectWith([['limited', '1.0.0']]), isolated(server.url));
    expect(result.complete).toBe(true);
    expect(server.requests.filter((r) => r.path === '/limited/1.0.0')).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('caps a long Retry-After', async () => {
    server.routes.set('/limited/1.0.0', { kind: 'sequence', steps: [{ kind: 'status', status: 429, headers: { 'retry-after': '3600' } }, ok('limited')] });
    const started = Date.now();
    const result = await enrichProject(projectWith([['limited', '1.0.0']]), isolated(server.url, { http: { timeoutMs: 400, retries: 2, backoffMs: 5, maxRetryAfterMs: 100 } }));
    expect(result.complete).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('a registry that serves packuments but no per-version documents (npm itself only asks for packuments)', () => {
  const packument = (versions: string[]) => ({ kind: 'json' as const, body: { name: 'lib', versions: Object.fromEntries(versions.map((v) => [v, versionDoc('lib', v, { license: `L-${v}` })])) } });

  it('reads the version from the packument, and a warm run asks nothing', async () => {
    server.routes.set('/lib', packument(['0.9.0', '1.0.0']));
    const dir = projectWith([['lib', '1.0.0']]);
    const options = isolated(server.url);
    const cold = await enrichProject(dir, options);
    expect(cold.issues).toEqual([]);
    expect(cold.facts.get('pkg:npm/lib@1.0.0')?.license).toBe('L-1.0.0');
    expect(server.requests.map((r) => r.path).filter((p) => p.startsWith('/lib'))).toEqual(['/lib/1.0.0', '/lib']);
    server.requests.length = 0;
    const warm = await enrichProject(dir, options);
    expect(warm.facts.get('pkg:npm/lib@1.0.0')?.license).toBe('L-1.0.0');
    expect(server.requests.map((r) => r.path).filter((p) => p.startsWith('/lib'))).toEqual([]);
  });

  it.each<[string, Behaviour, string, RegExp]>([
    ['a packument without the version', packument(['0.9.0']), 'E_REGISTRY_NOT_FOUND', /lib@1\.0\.0: Not found \(HTTP 404\): http:\/\/127\.0\.0\.1:\d+\/lib\/1\.0\.0, nor listed in http:\/\/127\.0\.0\.1:\d+\/lib$/],
    ['no packument either', { kind: 'status', status: 404 }, 'E_REGISTRY_NOT_FOUND', /nor listed in http:\/\/127\.0\.0\.1:\d+\/lib$/],
    ['a packument that fails', { kind: 'status', status: 503 }, 'E_REGISTRY_HTTP', /lib@1\.0\.0: HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/lib$/],
  ])('%s leaves the package unknown', async (_name, behaviour, code, message) => {
    server.routes.set('/lib', behaviour);
    const result = await enrichProject(projectWith([['lib', '1.0.0']]), isolated(server.url));
    expect(result.facts.has('pkg:npm/lib@1.0.0')).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code, message: expect.stringMatching(message) })]);
  });
});

describe('a registry that answers nothing', () => {
  const many = Array.from({ length: 30 }, (_, i) => [`p${i}`, '1.0.0'] as [string, string]);

  it('is given up on after twice the concurrency of unanswered requests (at least 8): the rest fail at once', async () => {
    server.fallback = () => ({ kind: 'reset' });
    const result = await enrichProject(projectWith(many), isolated(server.url, { concurrency: 4 }));
    expect(result.facts.size).toBe(0);
    expect(result.issues).toHaveLength(30);
    expect(new Set(result.issues.map((i) => i.code))).toEqual(new Set(['E_REGISTRY_NETWORK']));
    // 8 unanswered attempts, plus the ones already in flight; without the limit, 30 packages × 3 attempts.
    expect(server.requests.length).toBeLessThanOrEqual(8 + 4);
    expect(result.issues.filter((i) => /Not asked for .*: 127\.0\.0\.1:\d+ answered none of \d+ requests before it \(the last: ECONNRESET while fetching/.test(i.message)).length).toBeGreaterThanOrEqual(30 - 12);
  });

  it('is never given up on once it has answered: each package has its retries', async () => {
    server.routes.set('/first/1.0.0', ok('first'));
    server.fallback = () => ({ kind: 'reset' });
    const result = await enrichProject(projectWith([['first', '1.0.0'], ...many.slice(0, 10)]), isolated(server.url, { concurrency: 4 }));
    expect(result.facts.has('pkg:npm/first@1.0.0')).toBe(true);
    expect(result.issues).toHaveLength(10);
    expect(server.requests.filter((r) => /^\/p\d+\//.test(r.path))).toHaveLength(10 * 3);
  });
});

describe('an unreachable registry', () => {
  it('degrades every package to unknown and finishes', async () => {
    const url = server.url;
    await server.close();
    const result = await enrichProject(projectWith([['a', '1.0.0'], ['b', '1.0.0']]), isolated(url));
    expect(result.facts.size).toBe(0);
    expect(result.complete).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['E_REGISTRY_NETWORK', 'E_REGISTRY_NETWORK']);
    server = await startRegistry();
  });
});
