/**
 * Annotations follow the gate: what the change adds first, on the line its author changed (package.json
 * for a direct dependency, the lockfile for a transitive one, naming the direct dependency that pulls it
 * in), findings already on the base after them as notices, and never more than nine.
 */
import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingAnnotations, MAX_FINDING_ANNOTATIONS } from '../../src/github/annotations.js';
import { DEFAULTS } from '../../src/options.js';
import { runPipeline } from '../../src/pipeline.js';
import { anyVersion } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';
import { tempDir } from '../helpers.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistry();
  server.fallback = anyVersion;
});
afterAll(async () => {
  await server.close();
});

type Entry = { name: string; version: string; dependencies?: Record<string, string>; nested?: boolean };

/** A project whose lockfile has the entries (direct ones listed in package.json) and transitive ones under their parent. */
function project(direct: Entry[], transitive: Entry[] = []): string {
  const dir = tempDir();
  const deps = Object.fromEntries(direct.map((e) => [e.name, e.version]));
  const manifest = { name: 'app', version: '1.0.0', dependencies: deps };
  const packages: Record<string, unknown> = { '': manifest };
  for (const e of [...direct, ...transitive]) packages[`node_modules/${e.name}`] = { version: e.version, ...(e.dependencies ? { dependencies: e.dependencies } : {}) };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages }, null, 2)}\n`);
  return dir;
}

async function scanOf(dir: string, base?: string) {
  const options = { ...DEFAULTS, target: dir, output: join(dir, 'sbom.json'), registry: server.url, cacheDir: tempDir(), policy: 'us-ictsc', failOn: 'high' as const, base };
  return (await runPipeline(options)).scan;
}

describe('findingAnnotations', () => {
  it('puts what the change adds first, on the changed line, and what was there before after it as a notice', async () => {
    const libA = { name: 'lib-a', version: '1.0.0', dependencies: { '@alicloud/credentials': '2.4.7' } };
    const creds = { name: '@alicloud/credentials', version: '2.4.7' };
    const base = project([libA], [creds]);
    const libB = { name: 'lib-b', version: '1.0.0', dependencies: { '@alicloud/tea-util': '1.0.0' } };
    const head = project([libA, { name: '@alicloud/pop-core', version: '1.8.0' }, libB], [creds, { name: '@alicloud/tea-util', version: '1.0.0' }]);
    const scan = await scanOf(head, join(base, 'package-lock.json'));
    const annotations = await findingAnnotations(scan, head);
    expect(annotations.map((a) => [a.level, a.file, a.title])).toEqual([
      ['error', 'package.json', 'sovscan: high risk in @alicloud/pop-core@1.8.0'],
      ['error', 'package-lock.json', 'sovscan: high risk in @alicloud/tea-util@1.0.0'],
      ['notice', 'package-lock.json', 'sovscan: high risk in @alicloud/credentials@2.4.7 (already on the base)'],
    ]);
    const [popCore, teaUtil, credentials] = annotations;
    expect([popCore!.line, popCore!.column]).toEqual([6, 5]); // its line in dependencies, after lib-a
    expect(teaUtil!.message).toMatch(/It is pulled in by lib-b\.$/);
    expect(credentials!.message).toMatch(/It is pulled in by lib-a\.$/);
  });

  it('with the base at the head, shows no error: every finding is already there', async () => {
    const dir = project([{ name: '@alicloud/pop-core', version: '1.8.0' }]);
    const scan = await scanOf(dir, join(dir, 'package-lock.json'));
    expect((await findingAnnotations(scan, dir)).map((a) => a.level)).toEqual(['notice']);
  });

  it('falls back to the lockfile line when package.json is a symlink out of the project', async () => {
    const dir = project([{ name: '@alicloud/pop-core', version: '1.8.0' }]);
    const scan = await scanOf(dir);
    expect((await findingAnnotations(scan, dir)).map((a) => a.file)).toEqual(['package.json']);
    // swapped for a link out of the project after the scan: it is not read
    const outside = join(tempDir(), 'package.json');
    renameSync(join(dir, 'package.json'), outside);
    symlinkSync(outside, join(dir, 'package.json'));
    expect((await findingAnnotations(scan, dir)).map((a) => a.file)).toEqual(['package-lock.json']);
  });

  it(`annotates at most ${MAX_FINDING_ANNOTATIONS} findings, so the verdict always has the tenth place`, async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `@alicloud/sdk-${String(i).padStart(2, '0')}`, version: '1.0.0' }));
    const dir = project(many);
    const annotations = await findingAnnotations(await scanOf(dir), dir);
    expect(annotations).toHaveLength(MAX_FINDING_ANNOTATIONS);
    expect(annotations.every((a) => a.level === 'error' && a.file === 'package.json')).toBe(true);
  });
});
