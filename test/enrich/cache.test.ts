import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCacheDir, DocumentCache } from '../../src/enrich/cache.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';
import { tempDir } from '../helpers.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry({
    '/a/1.0.0': { kind: 'json', body: versionDoc('a', '1.0.0', { license: 'MIT' }) },
    '/b/2.0.0': { kind: 'json', body: versionDoc('b', '2.0.0', { license: 'ISC' }) },
  });
});
afterEach(async () => {
  await server.close();
});

const docRequests = () => server.requests.filter((r) => !r.path.startsWith('/-/')).length;

describe('the cache', () => {
  it('keeps per-version documents: a second run within their age limit asks the registry nothing', async () => {
    const dir = projectWith([['a', '1.0.0'], ['b', '2.0.0']]);
    const options = isolated(server.url);
    await enrichProject(dir, options);
    expect(docRequests()).toBe(2);
    const asked = server.requests.length;
    const second = await enrichProject(dir, options);
    // Not even the keys endpoint, which this registry does not serve: its 404 is remembered for a day.
    expect(server.requests.length).toBe(asked);
    expect(second.facts.get('pkg:npm/b@2.0.0')?.license).toBe('ISC');
  });

  it('detects a damaged entry and fetches it again', async () => {
    const dir = projectWith([['a', '1.0.0']]);
    const options = isolated(server.url);
    await enrichProject(dir, options);
    const pack = join(options.cacheDir!, 'registry-v1.pack');
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('"MIT"', '"EVIL"'));
    const again = await enrichProject(dir, options);
    expect(again.facts.get('pkg:npm/a@1.0.0')?.license).toBe('MIT');
    expect(docRequests()).toBe(2);
    expect(again.issues).toEqual([expect.objectContaining({ code: 'W_CACHE_CORRUPT' })]);
  });

  it('--offline uses only the cache and reports each miss', async () => {
    const options = isolated(server.url);
    await enrichProject(projectWith([['a', '1.0.0']]), options);
    const before = server.requests.length;
    const offline = await enrichProject(projectWith([['a', '1.0.0'], ['b', '2.0.0']]), { ...options, offline: true });
    expect(server.requests.length).toBe(before);
    expect(offline.facts.get('pkg:npm/a@1.0.0')?.license).toBe('MIT');
    expect(offline.facts.has('pkg:npm/b@2.0.0')).toBe(false);
    expect(offline.complete).toBe(false);
    expect(offline.issues).toEqual([expect.objectContaining({ code: 'E_OFFLINE_MISS', package: 'pkg:npm/b@2.0.0', message: expect.stringContaining('--offline') })]);
  });

  it('reads the whole documents that an earlier sovscan cached, offline, and keeps only the part it needs', async () => {
    const options = isolated(server.url);
    const earlier = new DocumentCache(options.cacheDir!);
    const whole = versionDoc('a', '1.0.0', { license: 'MIT', keywords: ['not needed'], dependencies: { b: '^2.0.0' } });
    await earlier.put(`${server.url.replace(/\/?$/, '/')}a/1.0.0`, JSON.stringify(whole));
    await earlier.flush();
    const offline = await enrichProject(projectWith([['a', '1.0.0']]), { ...options, offline: true });
    expect(offline.issues).toEqual([]);
    expect(offline.facts.get('pkg:npm/a@1.0.0')?.license).toBe('MIT');
    const pack = readFileSync(join(options.cacheDir!, 'registry-v1.pack'), 'utf8').trim().split('\n');
    expect(pack).toHaveLength(2);
    expect(pack[1]).toContain('a/1.0.0#facts-3');
    expect(pack[1]).not.toContain('not needed');
    expect(server.requests).toEqual([]);
  });

  it.each([
    [{ SOVSCAN_CACHE_DIR: '/x/sovscan' }, '/x/sovscan'],
    [{ XDG_CACHE_HOME: '/xdg' }, process.platform === 'linux' ? '/xdg/sovscan' : undefined],
  ])('default directory from %j', (env, expected) => {
    if (expected) expect(defaultCacheDir(env)).toBe(expected);
  });

  it('survives a torn last line (an interrupted write)', async () => {
    const dir = projectWith([['a', '1.0.0'], ['b', '2.0.0']]);
    const options = isolated(server.url);
    await enrichProject(dir, options);
    const pack = join(options.cacheDir!, 'registry-v1.pack');
    const text = readFileSync(pack, 'utf8');
    writeFileSync(pack, text.slice(0, text.length - 20));
    const again = await enrichProject(dir, options);
    expect(again.complete).toBe(true);
    expect(docRequests()).toBe(3);
  });

  it('compacts the pack when stale lines pile up', async () => {
    const root = tempDir();
    for (let run = 0; run < 3; run++) {
      const cache = new DocumentCache(root);
      for (let i = 0; i < 150; i++) await cache.put('https://r.example.test/same/1.0.0', `{"run":${run},"i":${i}}`);
      await cache.flush();
    }
    const lines = readFileSync(join(root, 'registry-v1.pack'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(150);
    expect(await new DocumentCache(root).get('https://r.example.test/same/1.0.0')).toEqual({ state: 'hit', text: '{"run":2,"i":149}' });
  });

  it('works without a cache directory', async () => {
    const result = await enrichProject(projectWith([['a', '1.0.0']]), { ...isolated(server.url), cacheDir: undefined });
    expect(result.complete).toBe(true);
    expect(tempDir()).toBeTruthy();
  });
});
