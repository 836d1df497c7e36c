/** Every failure the fuzzers found, shrunk, as a plain table: each now reads or is refused with its code. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistryConfig } from '../../src/enrich/registry-config.js';
import { buildGraph } from '../../src/resolve/lockgraph.js';
import { npmLockReader } from '../../src/resolve/npm-lock.js';
import { pnpmLockReader } from '../../src/resolve/pnpm-lock.js';
import type { LockfileReader } from '../../src/resolve/reader.js';
import { readVendorSbom } from '../../src/resolve/sbom/index.js';
import { yarnClassicReader } from '../../src/resolve/yarn-lock.js';
import { SHARED_FIXTURES, tempDir } from '../helpers.js';

describe('lockfiles', () => {
  it.each<{ name: string; reader: LockfileReader; text: string; root?: string; code?: string }>([
    // An unnamed project (no package.json, or one without a name) crashed building its purl.
    { name: 'npm: a prototype key in packages, no package.json', reader: npmLockReader, text: '{"name":"kitchen","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"__proto__":{"polluted":true}}}', root: '#root' },
    { name: 'yarn classic: an empty file, no package.json', reader: yarnClassicReader, text: '', root: '#root' },
    { name: 'pnpm: importers only, no package.json', reader: pnpmLockReader, text: "lockfileVersion: '9.0'\nimporters:\n  .: {}\n", root: '#root' },
    { name: 'npm: an install path that names no package', reader: npmLockReader, text: '{"lockfileVersion":3,"packages":{"node_modules/":{"version":"1.0.0"}}}', code: 'E_PARSE' },
  ])('$name', async ({ reader, text, root, code }) => {
    const result = reader.parse({ path: 'lockfile', text, workspaces: new Map() }).then((lock) => buildGraph(lock));
    if (code) await expect(result).rejects.toMatchObject({ code });
    else expect((await result).root.id).toBe(root);
  });
});

describe('vendor SBOMs', () => {
  it('an object under an own "toString" key: read, the schema check reported as a problem', async () => {
    const doc = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'sboms', 'cyclonedx-1.4_npm_dev-dependencies.cdx.json'), 'utf8')) as { components: Record<string, unknown>[] };
    // Two array items with such a key: the schema's uniqueItems check compares them by calling it.
    for (const c of doc.components.slice(0, 2)) Object.defineProperty(c, 'toString', { value: { polluted: true }, enumerable: true });
    const file = join(tempDir(), 'vendor.cdx.json');
    writeFileSync(file, JSON.stringify(doc));
    const { sbom, problems } = await readVendorSbom(file);
    expect(sbom.components).toHaveLength(5);
    expect(problems).toContainEqual({ pointer: '/', message: expect.stringMatching(/could not be checked against the schema/) });
  });
});

describe('.yarnrc (yarn 1)', () => {
  it.each([
    // JSON.parse of a quoted value threw a SyntaxError out of the run.
    { name: 'an unterminated quote', text: 'registry "http:\n', code: 'E_USAGE' },
    { name: 'an escape JSON does not know', text: 'registry "http://registry.test/\\x"\n', code: undefined },
  ])('$name', async ({ text, code }) => {
    const home = tempDir();
    const projectDir = join(home, 'project');
    mkdirSync(projectDir);
    writeFileSync(join(projectDir, '.yarnrc'), text);
    const config = loadRegistryConfig({ projectDir, home, env: {}, userConfig: join(home, 'none'), globalConfig: join(home, 'none'), lockfileFormat: 'yarn-classic' });
    if (code) await expect(config).rejects.toMatchObject({ code });
    else expect((await config).registry).toBe('http://registry.test/\\x/');
  });
});
