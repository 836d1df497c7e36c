/** Every failure the fuzzers found, shrunk, as a plain table: each now reads or is refused with its code. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistryConfig } from '../../src/enrich/registry-config.js';
import { buildGraph } from '../../src/resolve/lockgraph.js';
import { npmLockReader } from '../../src/resolve/npm-lock.js';
import { parseYaml } from '../../src/resolve/parse-text.js';
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
    // The YAML library resolves aliases only when the document is converted, and threw a ReferenceError.
    { name: 'pnpm: an alias with no anchor', reader: pnpmLockReader, text: "lockfileVersion: *a\nimporters:\n  .: {}\n", code: 'E_PARSE' },
    // An object where a string belongs stopped the run with a TypeError (startsWith, template strings).
    { name: 'npm v1: a version that is an object', reader: npmLockReader, text: '{"lockfileVersion":1,"dependencies":{"a":{"version":{}}}}', code: 'E_PARSE' },
    { name: 'npm v3: a name that is an object', reader: npmLockReader, text: '{"lockfileVersion":3,"packages":{"":{},"node_modules/a":{"name":{"__proto__":{"polluted":true}},"version":"1.0.0"}}}', code: 'E_PARSE' },
    { name: 'npm v3: a licence object as old manifests wrote it is left out', reader: npmLockReader, text: '{"lockfileVersion":3,"packages":{"":{"name":"x"},"node_modules/a":{"version":"1.0.0","license":{"type":"MIT"}}}}', root: 'pkg:npm/x' },
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

describe('.yarnrc.yml', () => {
  it('an alias with no anchor is a parse error naming the file', async () => {
    await expect(parseYaml('npmRegistryServer: *a\n', '.yarnrc.yml', 'Fix it')).rejects.toMatchObject({ code: 'E_PARSE', file: '.yarnrc.yml' });
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
