/**
 * A registry that plays the attacker: bodies past the size cap (declared, chunked, endless, gzip bombs),
 * JSON nested past the depth cap, Retry-After without end. Each overrun leaves that one package unknown
 * with an issue naming the package, the host and the cap; the other packages are described.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, maxBodyBytes } from '../../src/enrich/bounded-body.js';
import { HTTP_DEFAULTS } from '../../src/enrich/http.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startRegistry, type Behaviour, type RegistryServer } from './registry-server.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry({ '/fine/2.0.0': { kind: 'json', body: versionDoc('fine', '2.0.0', { license: 'ISC' }) } });
});
afterEach(async () => {
  await server.close();
});

/** 1 MiB through the option keeps the tests fast; the default is checked on its own below. */
const CAP = 1024 * 1024;
const options = () => isolated(server.url, { http: { timeoutMs: 10_000, retries: 2, backoffMs: 5, maxRetryAfterMs: 2_000, maxBodyBytes: CAP } });

/** A valid JSON document of about `bytes` bytes. */
const padded = (bytes: number) => `{"name":"target","version":"1.0.0","readme":"${'x'.repeat(bytes)}"}`;

/** Writes 64 KiB chunks until the client goes away; `sent` counts what left. */
function endless(counter: { sent: number; closed: boolean }): Behaviour {
  return {
    kind: 'custom',
    respond: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"name":"target","readme":"');
      const chunk = Buffer.alloc(64 * 1024, 'x');
      res.on('close', () => (counter.closed = true));
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) counter.sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    },
  };
}

const bomb = gzipSync(Buffer.from(padded(64 * 1024 * 1024)));

describe.each<{ name: string; behaviour: () => Behaviour }>([
  { name: 'a body past the cap, with its Content-Length', behaviour: () => ({ kind: 'text', body: padded(3 * CAP) }) },
  {
    name: 'a body past the cap, chunked without a length',
    behaviour: () => ({ kind: 'custom', respond: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(padded(3 * CAP)) }),
  },
  {
    name: `a gzip bomb (${Math.round(bomb.length / 1024)} KiB that inflates to 64 MiB)`,
    behaviour: () => ({ kind: 'custom', respond: (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb) }),
  },
])('$name', ({ behaviour }) => {
  it('leaves that package unknown, naming the host and the cap, and is not retried', async () => {
    server.routes.set('/target/1.0.0', behaviour());
    const result = await enrichProject(projectWith([['target', '1.0.0'], ['fine', '2.0.0']]), options());
    expect(result.facts.get('pkg:npm/fine@2.0.0')?.license).toBe('ISC');
    expect(result.facts.has('pkg:npm/target@1.0.0')).toBe(false);
    expect(result.complete).toBe(false);
    expect(result.issues).toEqual([{ severity: 'error', code: 'E_REGISTRY_TOO_LARGE', package: 'pkg:npm/target@1.0.0', message: expect.stringContaining('target@1.0.0') }]);
    expect(result.issues[0]!.message).toContain(`The answer from ${server.host}`);
    expect(result.issues[0]!.message).toContain('1 MiB cap');
    expect(server.requests.filter((r) => r.path === '/target/1.0.0')).toHaveLength(1);
  });
});

describe('a body of exactly the cap', () => {
  const head = '{"name":"target","version":"1.0.0","license":"MIT","readme":"';
  const exact = `${head}${'x'.repeat(CAP - head.length - 2)}"}`;
  it.each<[string, Behaviour]>([
    ['plain', { kind: 'text', body: exact }],
    ['gzip', { kind: 'custom', respond: (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(exact)) }],
  ])('%s is read whole', async (_name, behaviour) => {
    expect(Buffer.byteLength(exact)).toBe(CAP);
    server.routes.set('/target/1.0.0', behaviour);
    const result = await enrichProject(projectWith([['target', '1.0.0']]), options());
    expect(result.issues).toEqual([]);
    expect(result.facts.get('pkg:npm/target@1.0.0')?.license).toBe('MIT');
  });
});

it('the bomb is counted on the inflated bytes: what comes over the wire is far below the cap', () => {
  expect(bomb.length).toBeLessThan(CAP / 4);
});

it('an endless chunked answer is cut off at the cap: the connection is closed, not read until the time limit', async () => {
  const counter = { sent: 0, closed: false };
  server.routes.set('/target/1.0.0', endless(counter));
  const started = Date.now();
  const result = await enrichProject(projectWith([['target', '1.0.0'], ['fine', '2.0.0']]), options());
  expect(result.issues.map((i) => i.code)).toEqual(['E_REGISTRY_TOO_LARGE']);
  expect(Date.now() - started).toBeLessThan(5_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(counter.closed).toBe(true);
  // The cap and what the sockets buffer; before, it read 1.3 GB until the time limit ended it.
  expect(counter.sent).toBeLessThan(16 * CAP);
});

it('a document nested past the depth cap leaves that package unknown before anything recurses over it', async () => {
  const deep = `{"name":"target","version":"1.0.0","funding":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  server.routes.set('/target/1.0.0', { kind: 'text', body: deep });
  const result = await enrichProject(projectWith([['target', '1.0.0'], ['fine', '2.0.0']]), options());
  expect(result.facts.get('pkg:npm/fine@2.0.0')?.license).toBe('ISC');
  expect(result.issues).toEqual([expect.objectContaining({ code: 'E_REGISTRY_TOO_DEEP', package: 'pkg:npm/target@1.0.0', message: expect.stringContaining('100-level cap') })]);
  expect(result.issues[0]!.message).toContain(server.host);
});

describe('Retry-After: 999999 on every answer', () => {
  const many = Array.from({ length: 20 }, (_, i) => [`p${i}`, '1.0.0'] as [string, string]);

  it('the run ends within the host budget of retry waits: every package unknown with the reason', async () => {
    server.fallback = () => ({ kind: 'status', status: 429, headers: { 'retry-after': '999999' } });
    const started = Date.now();
    const result = await enrichProject(projectWith(many), isolated(server.url, { concurrency: 4, http: { timeoutMs: 2_000, retries: 3, backoffMs: 5, maxRetryAfterMs: 200, retryBudgetMs: 1_000 } }));
    // 1 s of summed waits, at most one 200 ms wait in progress per request: without the budget, 20 × 3 waits.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.facts.size).toBe(0);
    expect(result.issues).toHaveLength(20);
    expect(new Set(result.issues.map((i) => i.code))).toEqual(new Set(['E_REGISTRY_RETRY_BUDGET']));
    expect(result.issues.every((i) => i.message.includes(`${server.host} `) && i.message.includes('1 s budget of retry waits'))).toBe(true);
    // 5 waits of 200 ms fit in the budget: the first attempts plus those retries, then nothing more.
    expect(server.requests.filter((r) => /^\/p\d+\//.test(r.path)).length).toBeLessThanOrEqual(4 + 5);
  });

  it('a host that asks once for a short wait is still served', async () => {
    server.routes.set('/p0/1.0.0', { kind: 'sequence', steps: [{ kind: 'status', status: 429, headers: { 'retry-after': '999999' } }, { kind: 'json', body: versionDoc('p0', '1.0.0') }] });
    const result = await enrichProject(projectWith([['p0', '1.0.0']]), isolated(server.url, { http: { timeoutMs: 2_000, retries: 3, backoffMs: 5, maxRetryAfterMs: 50, retryBudgetMs: 1_000 } }));
    expect(result.issues).toEqual([]);
  });
});

describe('the defaults are the ones the README states', () => {
  it('64 MiB per answer, Retry-After honoured up to 20 s per wait and 60 s per host', async () => {
    expect(maxBodyBytes({})).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(64 * 1024 * 1024);
    expect(HTTP_DEFAULTS.maxRetryAfterMs).toBe(20_000);
    expect(HTTP_DEFAULTS.retryBudgetMs).toBe(60_000);
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const prose = readme.replace(/\s+/g, ' ');
    expect(prose).toContain('read up to 64 MiB counted after decompression');
    expect(prose).toMatch(/`SOVSCAN_MAX_RESPONSE_MB` sets another cap, 1 to 500/);
    expect(prose).toContain('`Retry-After` is honoured up to 20 s per wait and 60 s of waits per host');
  });

  it.each<[string | undefined, number | string]>([
    [undefined, DEFAULT_MAX_BODY_BYTES],
    ['', DEFAULT_MAX_BODY_BYTES],
    ['2', 2 * 1024 * 1024],
    ['500', 500 * 1024 * 1024],
    ['0', 'E_USAGE'],
    ['501', 'E_USAGE'],
    ['1.5', 'E_USAGE'],
    ['lots', 'E_USAGE'],
  ])('SOVSCAN_MAX_RESPONSE_MB=%j', (value, expected) => {
    const env = value === undefined ? {} : { SOVSCAN_MAX_RESPONSE_MB: value };
    if (typeof expected === 'number') expect(maxBodyBytes(env)).toBe(expected);
    else expect(() => maxBodyBytes(env)).toThrow(expect.objectContaining({ code: expected }));
  });
});

describe('every kind of registry answer is capped', () => {
  const huge = (): Behaviour => ({ kind: 'text', body: padded(3 * CAP) });

  it('a packument read in place of a missing per-version document', async () => {
    server.routes.set('/target', huge());
    const result = await enrichProject(projectWith([['target', '1.0.0'], ['fine', '2.0.0']]), options());
    expect(result.issues).toEqual([expect.objectContaining({ code: 'E_REGISTRY_TOO_LARGE', package: 'pkg:npm/target@1.0.0', message: expect.stringContaining('1 MiB cap') })]);
  });

  it('the packument of --history: the history is unavailable, the package described', async () => {
    server.routes.set('/fine', huge());
    const result = await enrichProject(projectWith([['fine', '2.0.0']]), { ...options(), history: true });
    expect(result.facts.get('pkg:npm/fine@2.0.0')?.license).toBe('ISC');
    expect(result.issues).toEqual([expect.objectContaining({ code: 'W_HISTORY', message: expect.stringContaining('1 MiB cap') })]);
  });

  it('an attestation bundle: provenance present, with the reason', async () => {
    server.routes.set('/target/1.0.0', { kind: 'json', body: versionDoc('target', '1.0.0', { dist: { integrity: 'sha512-AAAA', attestations: { url: `${server.url}-/npm/v1/attestations/target@1.0.0` } } }) });
    server.routes.set('/-/npm/v1/attestations/target@1.0.0', huge());
    const result = await enrichProject(projectWith([['target', '1.0.0']]), options());
    expect(result.facts.get('pkg:npm/target@1.0.0')?.provenance).toMatchObject({ state: 'present', reason: expect.stringContaining('1 MiB cap') });
  });

  it('the keys endpoint, endless: the bundled keys stand in and the run finishes', async () => {
    const counter = { sent: 0, closed: false };
    server.routes.set('/-/npm/v1/keys', endless(counter));
    const result = await enrichProject(projectWith([['fine', '2.0.0']]), options());
    expect(result.facts.get('pkg:npm/fine@2.0.0')?.license).toBe('ISC');
    expect(counter.sent).toBeLessThan(16 * CAP);
  });
});
