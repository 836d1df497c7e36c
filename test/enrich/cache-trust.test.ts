/**
 * What the cache can be made to say: an entry edited on disk with its checksum recomputed is read for
 * its age limit at most, and a cache that another user can write is not used at all.
 */
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentCache } from '../../src/enrich/cache.js';
import { DOCUMENT_MAX_AGE_MS } from '../../src/enrich/documents.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';
import { tempDir } from '../helpers.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry({ '/a/1.0.0': { kind: 'json', body: versionDoc('a', '1.0.0', { license: 'MIT' }) } });
});
afterEach(async () => {
  await server.close();
});

const docRequests = () => server.requests.filter((r) => r.path === '/a/1.0.0').length;
const DAY = 24 * 60 * 60 * 1000;

/** Rewrites every line of the pack as an attacker with write access would: new body, new checksum, chosen date. */
function forge(pack: string, writtenAt: number): void {
  const lines = readFileSync(pack, 'utf8').trim().split('\n');
  const forged = lines.map((line) => {
    const [, , key, body] = line.split('\t') as [string, string, string, string];
    const edited = body.replace('"MIT"', '"EVIL"');
    return `${createHash('sha256').update(edited).digest('hex')}\t${writtenAt}\t${key}\t${edited}`;
  });
  writeFileSync(pack, `${forged.join('\n')}\n`);
}

describe('an entry edited with its checksum recomputed', () => {
  it.each<[string, number, string, number]>([
    ['a week and a day old: expired, fetched again', Date.now() - DOCUMENT_MAX_AGE_MS - DAY, 'MIT', 2],
    ['dated a year ahead: expired, fetched again', Date.now() + 365 * DAY, 'MIT', 2],
    ['dated with something that is not a time: expired, fetched again', Number.NaN, 'MIT', 2],
    // The bound, stated honestly: within its age limit an edit by the cache's own user is read.
    ['an hour old: read, until its age limit', Date.now() - 60 * 60 * 1000, 'EVIL', 1],
  ])('%s', async (_name, writtenAt, license, requests) => {
    const dir = projectWith([['a', '1.0.0']]);
    const options = isolated(server.url);
    await enrichProject(dir, options);
    forge(join(options.cacheDir!, 'registry-v1.pack'), writtenAt);
    const again = await enrichProject(dir, options);
    expect(again.facts.get('pkg:npm/a@1.0.0')?.license).toBe(license);
    expect(docRequests()).toBe(requests);
  });

  it('the age limit of a per-version document is a week', () => {
    expect(DOCUMENT_MAX_AGE_MS).toBe(7 * DAY);
  });

  it('--offline reads an entry at any age: the cache is all it has', async () => {
    const dir = projectWith([['a', '1.0.0']]);
    const options = isolated(server.url);
    await enrichProject(dir, options);
    const pack = join(options.cacheDir!, 'registry-v1.pack');
    writeFileSync(pack, readFileSync(pack, 'utf8').replace(/^([0-9a-f]+)\t\d+/gm, `$1\t${Date.now() - 30 * DAY}`));
    const offline = await enrichProject(dir, { ...options, offline: true });
    expect(offline.facts.get('pkg:npm/a@1.0.0')?.license).toBe('MIT');
    expect(docRequests()).toBe(1);
  });
});

describe('a cache directory another user could write', () => {
  const root = process.getuid?.() === 0;

  it.each<[string, (cacheDir: string, pack: string) => void, RegExp]>([
    ['world-writable', (cacheDir) => chmodSync(cacheDir, 0o777), /can be written by every user/],
    ['whose pack file is world-writable', (_dir, pack) => chmodSync(pack, 0o666), /registry-v1\.pack can be written by every user/],
    ['whose pack file is a symlink', (_dir, pack) => {
      const elsewhere = join(tempDir(), 'elsewhere.pack');
      writeFileSync(elsewhere, readFileSync(pack));
      rmSync(pack);
      symlinkSync(elsewhere, pack);
    }, /registry-v1\.pack is not a regular file/],
    ...(root ? [['owned by another user', (cacheDir: string) => chownSync(cacheDir, 4242, 4242), /belongs to another user \(uid 4242\)/] as [string, (cacheDir: string, pack: string) => void, RegExp]] : []),
  ])('%s is neither read nor written, with a warning, and the run goes on', async (_name, spoil, reason) => {
    const dir = projectWith([['a', '1.0.0']]);
    const options = isolated(server.url);
    await enrichProject(dir, options);
    const pack = join(options.cacheDir!, 'registry-v1.pack');
    spoil(options.cacheDir!, pack);
    const before = existsSync(pack) ? readFileSync(pack, 'utf8') : '';
    const again = await enrichProject(dir, options);
    expect(again.facts.get('pkg:npm/a@1.0.0')?.license).toBe('MIT');
    expect(docRequests()).toBe(2);
    expect(again.issues).toEqual([expect.objectContaining({ code: 'W_CACHE_UNSAFE', message: expect.stringMatching(reason) })]);
    expect(readFileSync(pack, 'utf8')).toBe(before);
  });

  it('a new cache directory is made for its user alone', async () => {
    const cacheDir = join(tempDir(), 'new', 'cache');
    const cache = new DocumentCache(cacheDir);
    await cache.put('https://r.example.test/x/1.0.0', '{}');
    await cache.flush();
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cacheDir, 'registry-v1.pack')).mode & 0o077).toBe(0);
    expect(await new DocumentCache(cacheDir).problem()).toBeUndefined();
  });
});
