import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/resolve/index.js';
import { tempDir } from '../helpers.js';

function project(files: Record<string, string | undefined>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    if (text !== undefined) writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('bad input is reported with the file, the place and what to do', () => {
  it.each([
    {
      name: 'no lockfile and no package.json',
      files: { 'README.md': 'not a project\n' },
      code: 'E_NO_LOCKFILE',
      message: /looked for npm-shrinkwrap\.json, package-lock\.json, pnpm-lock\.yaml, yarn\.lock.*npm install --package-lock-only/,
    },
    {
      name: 'malformed package-lock.json',
      files: { 'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {,\n}' },
      code: 'E_PARSE',
      message: /package-lock\.json line 3 column 16: .*Regenerate it with 'npm install --package-lock-only'/,
    },
    {
      name: 'unknown npm lockfileVersion',
      files: { 'package-lock.json': '{"lockfileVersion": 7, "packages": {}}' },
      code: 'E_LOCKFILE_VERSION',
      message: /Unsupported lockfileVersion in .*package-lock\.json: 7/,
    },
    {
      name: 'packages is not an object',
      files: { 'package-lock.json': '{"lockfileVersion": 3, "packages": []}' },
      code: 'E_PARSE',
      message: /key "packages": expected an object/,
    },
    {
      name: 'malformed pnpm-lock.yaml',
      files: { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: [\n" },
      code: 'E_PARSE',
      message: /pnpm-lock\.yaml line \d+ column \d+: .*pnpm install --lockfile-only/,
    },
    {
      name: 'unknown pnpm lockfileVersion',
      files: { 'pnpm-lock.yaml': "lockfileVersion: '3.0'\n" },
      code: 'E_LOCKFILE_VERSION',
      message: /pnpm lockfile versions 5\.x, 6\.x and 9\.x/,
    },
    {
      name: 'malformed yarn.lock (classic)',
      files: { 'yarn.lock': '# yarn lockfile v1\n\n"a@^1":\n  version "1"\n   bad: [\n' },
      code: 'E_PARSE',
      message: /yarn\.lock line 5 column 4: /,
    },
    {
      name: 'malformed yarn.lock (berry)',
      files: { 'yarn.lock': '__metadata:\n  version: 8\n"a@npm:^1":\n  version: [1\n' },
      code: 'E_PARSE',
      message: /yarn\.lock line \d+ column \d+: /,
    },
    {
      name: 'malformed package.json',
      files: { 'package.json': '{"name": }', 'package-lock.json': '{"lockfileVersion": 3, "packages": {}}' },
      code: 'E_PARSE',
      message: /package\.json line 1 column 10: /,
    },
  ])('$name', async ({ files, code, message }) => {
    const dir = project(files);
    await expect(resolveTarget(dir)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('a missing target names itself', async () => {
    await expect(resolveTarget('/nonexistent/sovscan-target')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});

describe('warnings that do not stop the scan', () => {
  it('says when the lockfile disagrees with package.json and keeps the lockfile', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { ms: '^3.0.0', debug: '^4' } }),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { '': { name: 'app', version: '1.0.0', dependencies: { ms: '^2.1.0' } }, 'node_modules/ms': { version: '2.1.3' } },
      }),
    });
    const { graph, issues } = await resolveTarget(dir);
    expect([...graph.nodes.values()].map((n) => `${n.name}@${n.version}`)).toEqual(['ms@2.1.3']);
    expect(issues.map((i) => i.code)).toEqual(['W_LOCKFILE_STALE', 'W_LOCKFILE_STALE']);
    expect(issues.map((i) => i.message).join('\n')).toMatch(/wants ms@\^3\.0\.0 but .* has 2\.1\.3[\s\S]*declares debug@\^4/);
  });

  it('an empty tree is a valid result with a warning', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'empty', version: '0.0.1' }),
      'package-lock.json': JSON.stringify({ name: 'empty', lockfileVersion: 3, packages: { '': { name: 'empty', version: '0.0.1' } } }),
    });
    const { graph, issues } = await resolveTarget(dir);
    expect(graph.nodes.size).toBe(0);
    expect(issues.map((i) => i.code)).toEqual(['W_EMPTY_TREE']);
  });

  it('warns about a second lockfile and prefers npm-shrinkwrap.json over package-lock.json silently', async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'x' } } });
    const both = project({ 'package-lock.json': lock, 'yarn.lock': '# yarn lockfile v1\n' });
    expect((await resolveTarget(both)).issues.map((i) => i.code)).toContain('W_MULTIPLE_LOCKFILES');
    const shrink = project({ 'package-lock.json': lock, 'npm-shrinkwrap.json': lock });
    const resolved = await resolveTarget(shrink);
    expect(resolved.graph.lockfile!.path).toMatch(/npm-shrinkwrap\.json$/);
    expect(resolved.issues).toEqual([W_EMPTY()]);
  });
});

function W_EMPTY() {
  return expect.objectContaining({ code: 'W_EMPTY_TREE' });
}
