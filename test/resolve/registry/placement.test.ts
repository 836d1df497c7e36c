/**
 * Placement cases npm's installer is particular about, each checked against npm itself: a project with a
 * package.json and no lockfile is resolved by sovscan and by `npm install --package-lock-only` from the
 * same loopback registry of hand-made packuments, and both must list the same install paths and versions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/resolve/index.js';
import type { RegistryServer } from '../../enrich/registry-server.js';
import { tempDir } from '../../helpers.js';
import { npmLockPackages, startReplay } from './replay.js';

type Deps = Record<string, string>;
interface V {
  deps?: Deps;
  peer?: Deps;
  optionalPeer?: string[];
  optional?: Deps;
  deprecated?: string;
}

function packument(name: string, versions: Record<string, V>, tags: Record<string, string> = {}) {
  const all = Object.keys(versions);
  return {
    name,
    'dist-tags': { latest: all[all.length - 1]!, ...tags },
    versions: Object.fromEntries(
      Object.entries(versions).map(([version, v]) => [
        version,
        {
          name,
          version,
          dependencies: v.deps,
          peerDependencies: v.peer,
          peerDependenciesMeta: v.optionalPeer && Object.fromEntries(v.optionalPeer.map((p) => [p, { optional: true }])),
          optionalDependencies: v.optional,
          deprecated: v.deprecated,
          dist: { tarball: `https://registry.npm.test/${name}/-/${name.split('/').pop()}-${version}.tgz` },
        },
      ]),
    ),
  };
}

const REGISTRY = Object.fromEntries(
  [
    packument('app-a', { '1.0.0': { deps: { 'lib-b': '^1.0.0', 'lib-c': '^1.0.0' } } }),
    packument('lib-b', { '1.0.0': {}, '1.0.5': {}, '1.2.0': {}, '2.0.0': {}, '2.1.0': {} }, { latest: '1.2.0' }),
    packument('lib-c', { '1.0.0': { deps: { 'lib-b': '^2.0.0', 'lib-d': '1.x' } } }),
    packument('lib-d', { '1.0.0': { deps: { 'lib-b': '~1.0.0' } }, '1.1.0': { deps: { 'lib-b': '~1.0.0', 'lib-e': '^1.0.0' } } }),
    packument('lib-e', { '1.0.0': { deps: { 'lib-f': '^1.0.0' } } }),
    packument('lib-f', { '1.0.0': { deps: { 'lib-e': '^1.0.0' } } }),
    packument('lib-h', { '1.0.0': {}, '1.3.0': {} }),
    packument('plugin-p', { '1.0.0': { peer: { 'host-q': '^2.0.0', 'opt-peer': '^1.0.0' }, optionalPeer: ['opt-peer'] } }),
    packument('host-q', { '2.0.0': {}, '2.1.0': {}, '3.0.0': {} }),
    packument('opt-peer', { '1.0.0': {} }),
    packument('tagged-r', { '1.0.0': {}, '2.0.0-beta.1': {} }, { next: '2.0.0-beta.1', latest: '1.0.0' }),
    packument('dep-s', { '1.0.0': {}, '1.1.0': { deprecated: 'use 1.0.0' } }),
    packument('pinned-t', { '1.0.0': {}, '2.0.0': {} }, { latest: '1.0.0' }),
    packument('has-optional', { '1.0.0': { optional: { 'not-published': '^1.0.0', 'lib-h': '^1.0.0' } } }),
    packument('@scope/u', { '1.0.0': { deps: { 'lib-b': '^2.0.0' } } }),
  ].map((p) => [p.name, p]),
);

const PROJECTS: Record<string, Deps> = {
  'nested conflict, dedupe and cycles': { 'app-a': '^1.0.0', 'lib-d': '^1.0.0' },
  'alias to another package': { 'my-h': 'npm:lib-h@^1.0.0', 'lib-h': '1.0.0' },
  'peer beside its dependent, optional peer left out': { 'plugin-p': '^1.0.0' },
  'dist-tag, deprecated and latest preferred': { 'tagged-r': 'next', 'dep-s': '^1.0.0', 'pinned-t': '*' },
  'optional dependency that does not exist': { 'has-optional': '^1.0.0' },
  'scoped package and a conflict at the root': { '@scope/u': '^1.0.0', 'lib-b': '^1.0.0' },
};

let server: RegistryServer;
beforeAll(async () => {
  server = await startReplay(REGISTRY);
});
afterAll(() => server.close());

describe('placement matches npm', () => {
  it.each(Object.entries(PROJECTS))('%s', async (_, dependencies) => {
    const ours = tempDir();
    const theirs = tempDir();
    for (const dir of [ours, theirs]) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', version: '1.0.0', dependencies }));
    const expected = Object.entries(await npmLockPackages(theirs, server.url)).filter(([path]) => path !== '').map(([path, e]) => `${path}@${e.version}`).sort();

    const { graph, issues } = await resolveTarget(ours, { registry: server.url });
    const actual = [...graph.nodes.values()].flatMap((n) => n.paths.map((p) => `${p}@${n.version}`)).sort();
    expect(actual).toEqual(expected);
    expect(issues.map((i) => i.code)).toEqual(['W_NO_LOCKFILE']);
  }, 60_000);
});

describe('a package.json without lockfile and workspaces', () => {
  it('resolves the root, says how to scan the workspaces, and refuses --workspace with what to do instead', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'mono', version: '1.0.0', workspaces: ['packages/*'], dependencies: { 'lib-h': '^1.0.0' } }));
    const { graph, issues } = await resolveTarget(dir, { registry: server.url });
    expect([...graph.nodes.values()].map((n) => `${n.name}@${n.version}`)).toEqual(['lib-h@1.3.0']);
    expect(issues.map((i) => i.code)).toEqual(['W_NO_LOCKFILE', 'W_NO_LOCKFILE_WORKSPACES']);
    expect(issues[1]!.message).toMatch(/Scan a workspace's own folder \(sovscan scan packages\/NAME\)/);
    await expect(resolveTarget(dir, { registry: server.url, workspace: 'a' })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringMatching(/^--workspace a needs a lockfile, and package\.json|--workspace a needs a lockfile, and .*package\.json is resolved from the registry without one\. Scan the workspace's own folder/) });
    await expect(resolveTarget('lib-h@1', { registry: server.url, workspace: 'a' })).rejects.toMatchObject({ code: 'E_USAGE', message: '--workspace a needs a lockfile, and lib-h@1 is resolved from the registry without one. Leave out --workspace' });
  });
});
