import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Graph, PackageNode } from '../../src/model.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { FIXTURES } from '../helpers.js';

const dir = (name: string) => join(FIXTURES, 'lockfiles', name);

function byName(graph: Graph): Map<string, PackageNode> {
  return new Map([...graph.nodes.values()].map((n) => [`${n.name}@${n.version}`, n]));
}

/** The same hand-made project ("kitchen") written by every format and version sovscan reads. */
const COMMON = [
  '@scope/pkg-a@1.0.0',
  'bundler@1.0.0',
  'devonly@1.0.0',
  'devtool@1.0.0',
  'fsevents@2.3.3',
  'left-pad@1.3.0',
  'loose-envify@1.4.0',
  'ms@2.0.0',
  'ms@2.1.3',
  'react-dom@18.2.0',
  'react@18.2.0',
  'scheduler@0.23.0',
];

const CASES = [
  { fixture: 'npm-v3', format: 'npm', version: '3', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'peer-only@3.0.0', 'tarpkg@1.0.0'] },
  { fixture: 'npm-v2', format: 'npm', version: '2', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'peer-only@3.0.0', 'tarpkg@1.0.0'] },
  { fixture: 'npm-shrinkwrap', format: 'npm', version: '3', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'peer-only@3.0.0', 'tarpkg@1.0.0'] },
  // v1 records a git dependency by commit and a directory dependency without its version.
  { fixture: 'npm-v1', format: 'npm', version: '1', extra: ['bundled-child@1.0.0', 'gitdep@abc1234def5678abc1234def5678abc1234def56', 'local-lib@', 'tarpkg@1.0.0'] },
  { fixture: 'yarn-classic', format: 'yarn-classic', version: '1', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'tarpkg@1.0.0'] },
  { fixture: 'yarn-berry', format: 'yarn-berry', version: '8', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'tarpkg@1.0.0'] },
  { fixture: 'pnpm-v5', format: 'pnpm', version: '5.4', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'tarpkg@1.0.0'] },
  { fixture: 'pnpm-v6', format: 'pnpm', version: '6.0', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'tarpkg@1.0.0'] },
  { fixture: 'pnpm-v9', format: 'pnpm', version: '9.0', extra: ['@kitchen/ws-a@1.0.0', 'bundled-child@1.0.0', 'gitdep@1.2.0', 'local-lib@0.1.0', 'tarpkg@1.0.0'] },
];

describe.each(CASES)('$fixture', ({ fixture, format, version, extra }) => {
  it('lists every package once, by its real name', async () => {
    const { graph } = await resolveTarget(dir(fixture));
    expect(graph.lockfile).toMatchObject({ format, version });
    expect([...byName(graph).keys()].sort()).toEqual([...COMMON, ...extra].sort());
    expect(graph.root).toMatchObject({ name: 'kitchen', version: '1.0.0', source: 'root' });
  });

  it('records aliases, sources and flags', async () => {
    const { graph } = await resolveTarget(dir(fixture));
    const nodes = byName(graph);
    expect(nodes.get('left-pad@1.3.0')).toMatchObject({ aliases: ['lp'], source: 'registry' });
    expect(nodes.get('devtool@1.0.0')!.flags.dev).toBe(true);
    expect(nodes.get('devonly@1.0.0')!.flags.dev).toBe(true);
    expect(nodes.get('ms@2.1.3')!.flags.dev).toBe(false);
    expect(nodes.get('fsevents@2.3.3')!.flags.optional).toBe(true);
    expect(nodes.get('react@18.2.0')!.flags.optional).toBe(false);
    const git = [...graph.nodes.values()].find((n) => n.name === 'gitdep')!;
    expect(git.source).toBe('git');
    expect(git.purl).toContain('vcs_url=');
    expect(nodes.get('tarpkg@1.0.0')).toMatchObject({ source: 'tarball' });
    expect(nodes.get('tarpkg@1.0.0')!.purl).toContain('download_url=');
    const local = [...graph.nodes.values()].find((n) => n.name === 'local-lib')!;
    expect(local.source).toBe('link');
    if (format !== 'yarn-classic' && format !== 'yarn-berry') expect(nodes.get('bundled-child@1.0.0')!.flags.bundled).toBe(true);
  });

  it('keeps nested duplicates apart and wires the edges', async () => {
    const { graph } = await resolveTarget(dir(fixture));
    const nodes = byName(graph);
    const pkgA = nodes.get('@scope/pkg-a@1.0.0')!;
    expect([...pkgA.dependencies]).toEqual([nodes.get('ms@2.0.0')!.id]);
    expect(nodes.get('devtool@1.0.0')!.dependencies).toContain(nodes.get('ms@2.1.3')!.id);
    expect(nodes.get('react-dom@18.2.0')!.dependencies).toContain(nodes.get('scheduler@0.23.0')!.id);
    expect(graph.root.dependencies).toContain(pkgA.id);
    expect(graph.root.dependencies).not.toContain(nodes.get('scheduler@0.23.0')!.id);
    const ws = nodes.get('@kitchen/ws-a@1.0.0');
    if (ws) {
      expect(ws.source).toBe('workspace');
      expect(graph.root.dependencies).toContain(ws.id);
      expect([...ws.dependencies]).toEqual([nodes.get('ms@2.1.3')!.id]);
    }
  });

  it('omits dev and optional packages on request', async () => {
    const { graph } = await resolveTarget(dir(fixture), { omit: ['dev', 'optional'] });
    const names = [...byName(graph).keys()];
    expect(names).not.toContain('devtool@1.0.0');
    expect(names).not.toContain('devonly@1.0.0');
    expect(names).not.toContain('fsevents@2.3.3');
    expect(names).toContain('ms@2.1.3');
  });
});

describe('install paths (npm)', () => {
  it('records every path a package is installed at', async () => {
    const { graph } = await resolveTarget(dir('npm-v3'));
    const nodes = byName(graph);
    expect(nodes.get('ms@2.0.0')!.paths).toEqual(['node_modules/@scope/pkg-a/node_modules/ms']);
    expect(nodes.get('left-pad@1.3.0')!.paths).toEqual(['node_modules/lp']);
    expect(nodes.get('@kitchen/ws-a@1.0.0')!.paths).toEqual(['node_modules/@kitchen/ws-a', 'packages/ws-a']);
    expect(nodes.get('peer-only@3.0.0')!.flags.peer).toBe(true);
  });
});

describe('--workspace', () => {
  it.each(['npm-v3', 'yarn-berry', 'pnpm-v9'])('narrows %s to one workspace and its dependencies', async (fixture) => {
    const { graph } = await resolveTarget(dir(fixture), { workspace: '@kitchen/ws-a' });
    expect(graph.root.name).toBe('@kitchen/ws-a');
    expect([...byName(graph).keys()]).toEqual(['ms@2.1.3']);
  });

  it('names the known workspaces when the one asked for does not exist', async () => {
    await expect(resolveTarget(dir('npm-v3'), { workspace: 'nope' })).rejects.toMatchObject({ code: 'E_WORKSPACE', message: expect.stringContaining('@kitchen/ws-a') });
  });
});
