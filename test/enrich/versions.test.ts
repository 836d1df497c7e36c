/**
 * Other versions' facts (src/enrich/versions.ts), on real recorded documents served by a loopback
 * registry: the fallback when the resolved version names no repository, homepage or author, the newest
 * version's people, the cache and --offline, and a failing read that leaves the package as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../attribute/helpers.js';
import { SHARED_FIXTURES } from '../helpers.js';
import { newestNaming } from '../../src/enrich/versions.js';
import { enrichProject, isolated, projectWith } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

/** What the pipeline turns on: fallback reads always, the newest version's people where attribution reads people. */
const FALLBACK = { otherVersions: { wantsNewest: () => false } };
const NEWEST = { otherVersions: { wantsNewest: () => true } };
const msPackument = () => JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', 'ms.json'), 'utf8')) as { versions: Record<string, unknown>; time: Record<string, string> };

describe('the newest version that names a repository, homepage or author (pure)', () => {
  it.each([
    // ms 0.1.0–0.6.1 name none of them; the newest version by publish time, 2.1.2, does
    { resolved: '0.1.0', version: '2.1.2', owner: 'zeit' },
    { resolved: '2.1.2', version: '2.1.1', owner: 'zeit' },
  ])('ms@$resolved → $version', ({ resolved, version, owner }) => {
    const found = newestNaming(msPackument(), resolved, 'r');
    expect(found?.version).toBe(version);
    expect(found?.repository?.owner).toBe(owner);
  });

  it('falls back to semver order without publish times, and finds nothing when no version names any', () => {
    const p = msPackument();
    expect(newestNaming({ versions: p.versions }, '0.1.0', 'r')?.version).toBe('2.1.2');
    const bare = Object.fromEntries(['0.1.0', '0.2.0', '0.3.0'].map((v) => [v, p.versions[v]]));
    expect(newestNaming({ versions: bare, time: p.time }, '0.1.0', 'r')).toBeUndefined();
  });
});

describe('reading other versions through the registry', () => {
  let server: RegistryServer;
  beforeEach(async () => {
    server = await startRegistry({
      '/ms/0.6.1': { kind: 'json', body: fixture('ms@0.6.1.json') },
      '/ms/latest': { kind: 'json', body: fixture('ms@latest.json') },
      '/nanoid/3.3.20': { kind: 'json', body: fixture('nanoid@3.3.20.json') },
      '/nanoid/latest': { kind: 'json', body: fixture('nanoid@latest.json') },
    });
  });
  afterEach(async () => {
    await server.close();
  });

  it('reads the latest version for a package whose resolved version names nothing, keeping it apart', async () => {
    const { facts, issues } = await enrichProject(projectWith([['ms', '0.6.1']]), isolated(server.url, FALLBACK));
    const ms = facts.get('pkg:npm/ms@0.6.1')!;
    expect(ms.repository).toBeUndefined();
    expect(ms.fallback).toEqual({ version: '2.1.3', repository: { host: 'github.com', owner: 'vercel', repo: 'ms', url: expect.any(String) as string } });
    expect(issues).toEqual([]);
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/-/npm/v1/keys', '/ms/0.6.1', '/ms/latest']);
  });

  it('reads the newest version only for packages whose people attribution reads', async () => {
    const dir = projectWith([['nanoid', '3.3.20']]);
    const without = await enrichProject(dir, isolated(server.url, FALLBACK));
    expect(without.facts.get('pkg:npm/nanoid@3.3.20')!.newest).toBeUndefined();
    expect(server.requests.some((r) => r.path === '/nanoid/latest')).toBe(false);
    const { facts } = await enrichProject(dir, isolated(server.url, NEWEST));
    const nanoid = facts.get('pkg:npm/nanoid@3.3.20')!;
    expect(nanoid.newest).toEqual({ version: '6.0.2', author: { name: 'Andrey Sitnik', email: 'andrey@sitnik.es' } });
    expect(nanoid.author?.email).toBe('andrey@sitnik.ru');
    expect(nanoid.fallback).toBeUndefined();
  });

  it('reads the packument when the latest version names nothing either, and keeps a trimmed copy in the cache', async () => {
    // The latest version answered is the resolved one, as for a package never released since.
    server.routes.set('/ms/latest', { kind: 'json', body: fixture('ms@0.6.1.json') });
    server.routes.set('/ms', { kind: 'json', body: msPackument() });
    const options = isolated(server.url, FALLBACK);
    const { facts } = await enrichProject(projectWith([['ms', '0.6.1']]), options);
    expect(facts.get('pkg:npm/ms@0.6.1')!.fallback).toMatchObject({ version: '2.1.2', repository: { owner: 'zeit' } });
    const pack = readFileSync(join(options.cacheDir!, 'registry-v1.pack'), 'utf8');
    const line = pack.split('\n').find((l) => l.includes('/ms#links-1'))!;
    expect(line.length).toBeLessThan(JSON.stringify(msPackument()).length / 5);
  });

  it('caches what it read: a second run asks nothing, and --offline gives the same facts', async () => {
    const dir = projectWith([['ms', '0.6.1'], ['nanoid', '3.3.20']]);
    const options = isolated(server.url, NEWEST);
    const first = await enrichProject(dir, options);
    const asked = server.requests.length;
    const warm = await enrichProject(dir, options);
    expect(server.requests.length).toBe(asked);
    await server.close();
    const offline = await enrichProject(dir, { ...options, offline: true });
    for (const run of [warm, offline]) {
      expect(run.facts.get('pkg:npm/ms@0.6.1')).toEqual(first.facts.get('pkg:npm/ms@0.6.1'));
      expect(run.facts.get('pkg:npm/nanoid@3.3.20')).toEqual(first.facts.get('pkg:npm/nanoid@3.3.20'));
      expect(run.issues).toEqual([]);
    }
    server = await startRegistry();
  });

  it('a registry without the latest version or a packument answers the question: no other version, no warning', async () => {
    server.routes.delete('/ms/latest');
    const { facts, issues } = await enrichProject(projectWith([['ms', '0.6.1']]), isolated(server.url, FALLBACK));
    expect(facts.get('pkg:npm/ms@0.6.1')!.fallback).toBeUndefined();
    expect(issues).toEqual([]);
    expect(server.requests.map((r) => r.path).filter((p) => p.startsWith('/ms')).sort()).toEqual(['/ms', '/ms/0.6.1', '/ms/latest']);
  });

  it('reads no other version unless asked to (the pipeline asks)', async () => {
    await enrichProject(projectWith([['ms', '0.6.1']]), isolated(server.url));
    expect(server.requests.map((r) => r.path).filter((p) => p.startsWith('/ms'))).toEqual(['/ms/0.6.1']);
  });

  it.each([
    { name: 'an HTTP error', behaviour: { kind: 'status', status: 500 } as const },
    { name: 'a reset connection', behaviour: { kind: 'reset' } as const },
    { name: 'a body that is not JSON', behaviour: { kind: 'text', body: '<html>' } as const },
  ])('$name on the other version leaves the package as it was, with a warning', async ({ behaviour }) => {
    server.routes.set('/ms/latest', behaviour);
    server.routes.set('/nanoid/latest', behaviour);
    const { facts, issues, complete } = await enrichProject(projectWith([['ms', '0.6.1'], ['nanoid', '3.3.20']]), isolated(server.url, NEWEST));
    expect(complete).toBe(true);
    const ms = facts.get('pkg:npm/ms@0.6.1')!;
    expect(ms.fallback).toBeUndefined();
    expect(ms.license).toBeUndefined();
    expect(facts.get('pkg:npm/nanoid@3.3.20')).toMatchObject({ author: { email: 'andrey@sitnik.ru' }, repository: { owner: 'ai' } });
    expect(facts.get('pkg:npm/nanoid@3.3.20')!.newest).toBeUndefined();
    expect(issues.map((i) => [i.code, i.package])).toEqual([
      ['W_OTHER_VERSIONS', 'pkg:npm/ms@0.6.1'],
      ['W_OTHER_VERSIONS', 'pkg:npm/nanoid@3.3.20'],
    ]);
  });
});
