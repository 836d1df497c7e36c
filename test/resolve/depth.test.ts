/**
 * Inputs nested deeper than sovscan reads are input errors naming the file and the place (E_TOO_DEEP,
 * exit 2), never a RangeError from a recursive reader; inputs at the bound are read whole.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../src/resolve/depth.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { parseYaml } from '../../src/resolve/parse-text.js';
import { readVendorSbom } from '../../src/resolve/sbom/index.js';
import { runCli, tempDir } from '../helpers.js';

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A v1 lockfile whose `dependencies` nest `n` packages within each other, each requiring the next. */
function v1Nested(n: number): string {
  const open = Array.from({ length: n }, (_, i) => `{"p${i}":{"version":"1.0.0"${i + 1 < n ? `,"requires":{"p${i + 1}":"1.0.0"}` : ''},"dependencies":`).join('');
  return `{"name":"deep","version":"1.0.0","lockfileVersion":1,"dependencies":${open}{}${'}}'.repeat(n)}}`;
}

/** A CycloneDX JSON SBOM with `n` components nested within each other. */
function cdxJsonNested(n: number): string {
  const open = Array.from({ length: n }, (_, i) => `{"type":"library","name":"c${i}","version":"1.0.0","components":[`).join('');
  return `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[${open}${']}'.repeat(n)}]}`;
}

function cdxXmlNested(n: number): string {
  const open = Array.from({ length: n }, (_, i) => `<component type="library"><name>c${i}</name><version>1.0.0</version><components>`).join('');
  return `<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components>${open}${'</components></component>'.repeat(n)}</components></bom>\n`;
}

describe('too deep is an input error, not a stack overflow', () => {
  it.each<{ name: string; files: Record<string, string> }>([
    { name: '100,000-deep v1 package-lock.json', files: { 'package-lock.json': v1Nested(100_000) } },
    { name: 'package-lock.json v3 with deeply nested arrays in a field', files: { 'package-lock.json': `{"lockfileVersion":3,"packages":{"":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}}` } },
    { name: 'pnpm-lock.yaml with deep flow sequences', files: { 'pnpm-lock.yaml': `lockfileVersion: '9.0'\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` } },
    { name: 'pnpm-lock.yaml with deep block mappings', files: { 'pnpm-lock.yaml': `lockfileVersion: '9.0'\n${Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n` } },
    { name: 'yarn.lock (classic) indented 5,000 levels', files: { 'yarn.lock': `# yarn lockfile v1\n\n${Array.from({ length: 5_000 }, (_, i) => `${'  '.repeat(i)}"a${i}@^1":`).join('\n')}\n` } },
    { name: 'yarn.lock (berry) indented 5,000 levels', files: { 'yarn.lock': `__metadata:\n  version: 8\n${Array.from({ length: 5_000 }, (_, i) => `${'  '.repeat(i)}"a${i}@npm:^1":`).join('\n')}\n` } },
  ])('$name', async ({ files }) => {
    const dir = project(files);
    const file = Object.keys(files)[0]!;
    const error = await resolveTarget(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'E_TOO_DEEP', file: expect.stringMatching(new RegExp(`/${file}$`)) });
    expect((error as Error).message).toMatch(/line \d+/);
  });

  it.each([
    { name: '20,000 nested CycloneDX JSON components', file: 'nested.cdx.json', text: cdxJsonNested(20_000) },
    { name: '20,000 nested CycloneDX XML components', file: 'nested.cdx.xml', text: cdxXmlNested(20_000) },
    { name: 'an SPDX document with deeply nested arrays', file: 'deep.spdx.json', text: `{"spdxVersion":"SPDX-2.3","x":${'['.repeat(30_000)}${']'.repeat(30_000)}}` },
  ])('$name', async ({ file, text }) => {
    const path = join(tempDir(), file);
    writeFileSync(path, text);
    await expect(readVendorSbom(path)).rejects.toMatchObject({ code: 'E_TOO_DEEP', file: path, message: expect.stringMatching(/line \d+ column \d+: nested more than 256 levels/) });
  });

  it('.yarnrc.yml and YAML policies go through the same check', async () => {
    const text = `npmScopes:\n${Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i + 1)}s${i}:`).join('\n')} x\n`;
    await expect(parseYaml(text, '.yarnrc.yml', 'Fix it')).rejects.toMatchObject({ code: 'E_TOO_DEEP', file: '.yarnrc.yml' });
  });

  it('the CLI exits 2 with the file named, and no RangeError', async () => {
    const dir = project({ 'package-lock.json': v1Nested(100_000) });
    const { code, stderr } = await runCli(['scan', dir, '--offline', '--cache-dir', tempDir(), '-o', join(dir, 'out.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/package-lock\.json line 1 column \d+: nested more than/);
    expect(stderr).not.toMatch(/RangeError|unexpected error/);
  });
});

describe('at the bound, inputs are read whole', () => {
  it('a v1 lockfile nesting as deep as allowed: every package, every requires edge', async () => {
    // Each nested package costs two levels ("p": {…}, "dependencies": {…}) below the document's two.
    const n = (MAX_DEPTH - 2) / 2;
    const { graph } = await resolveTarget(project({ 'package-lock.json': v1Nested(n) }));
    expect(graph.nodes.size).toBe(n);
    const last = [...graph.nodes.values()].find((node) => node.name === `p${n - 1}`)!;
    expect(last.paths[0]!.split('/node_modules/')).toHaveLength(n);
    const edges = [...graph.nodes.values()].reduce((sum, node) => sum + node.dependencies.size, 0);
    expect(edges).toBe(n - 1);
  });

  it('CycloneDX components nested as deep as allowed, JSON and XML, in document order', async () => {
    const json = join(tempDir(), 'ok.cdx.json');
    writeFileSync(json, cdxJsonNested((MAX_DEPTH - 2) / 2));
    const xml = join(tempDir(), 'ok.cdx.xml');
    writeFileSync(xml, cdxXmlNested((MAX_DEPTH - 3) / 2 - 1));
    const fromJson = (await readVendorSbom(json)).sbom.components.map((c) => c.name);
    const fromXml = (await readVendorSbom(xml)).sbom.components.map((c) => c.name);
    expect(fromJson).toEqual(Array.from({ length: (MAX_DEPTH - 2) / 2 }, (_, i) => `c${i}`));
    expect(fromXml).toEqual(Array.from({ length: (MAX_DEPTH - 3) / 2 - 1 }, (_, i) => `c${i}`));
  });
});

describe('XML vendor SBOMs with a DOCTYPE are refused', () => {
  const bom = (prolog: string, name = 'left-pad') =>
    `<?xml version="1.0"?>\n${prolog}<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>${name}</name><version>1.3.0</version></component></components></bom>\n`;
  it.each([
    { name: 'an external DTD with an undeclared entity in use', text: bom('<!DOCTYPE bom SYSTEM "http://dtd.test/bom.dtd">\n', '&xxe;') },
    { name: 'an internal entity (XXE)', text: bom('<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n', '&xxe;') },
    { name: 'billion laughs', text: bom(`<!DOCTYPE bom [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n`, '&lol9;') },
    { name: 'a bare DOCTYPE', text: bom('<!DOCTYPE bom>\n') },
  ])('$name', async ({ text }) => {
    const path = join(tempDir(), 'vendor.cdx.xml');
    writeFileSync(path, text);
    await expect(readVendorSbom(path)).rejects.toMatchObject({ code: 'E_PARSE', file: path, message: expect.stringMatching(/line 2 column 1 declares a DOCTYPE/) });
  });

  it('a comment or CDATA that mentions one is not a DOCTYPE', async () => {
    const path = join(tempDir(), 'vendor.cdx.xml');
    writeFileSync(path, bom('<!-- <!DOCTYPE bom> -->\n').replace('<version>', '<description><![CDATA[<!DOCTYPE x>]]></description><version>'));
    const { sbom } = await readVendorSbom(path);
    expect(sbom.components.map((c) => c.name)).toEqual(['left-pad']);
  });

  it('the CLI enriches nothing and exits 2', async () => {
    const dir = tempDir();
    const path = join(dir, 'vendor.cdx.xml');
    writeFileSync(path, bom('<!DOCTYPE bom SYSTEM "http://dtd.test/bom.dtd">\n', '&xxe;'));
    const { code, stderr } = await runCli(['enrich', path, '--offline', '--cache-dir', tempDir(), '-o', join(dir, 'out.xml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/vendor\.cdx\.xml: line 2 column 1 declares a DOCTYPE/);
  });
});

describe('a key repeated in a YAML mapping is an input error naming the line', () => {
  it.each([
    { name: 'lockfileVersion twice', text: "lockfileVersion: '9.0'\nlockfileVersion: '5.4'\nimporters:\n  .: {}\n", line: 2 },
    { name: 'a package twice', text: "lockfileVersion: '9.0'\nimporters:\n  .: {}\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x}\n  a@1.0.0:\n    resolution: {integrity: sha512-y}\n", line: 7 },
    { name: 'a key twice in a flow mapping', text: "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x, integrity: sha512-y}\n", line: 4 },
  ])('pnpm-lock.yaml: $name', async ({ text, line }) => {
    const dir = project({ 'pnpm-lock.yaml': text });
    await expect(resolveTarget(dir)).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(new RegExp(`pnpm-lock\\.yaml line ${line} column \\d+: Map keys must be unique`)) });
  });

  it('.yarnrc.yml, pnpm-workspace.yaml and policies read YAML the same way', async () => {
    await expect(parseYaml('npmRegistryServer: "http://a.test"\nnpmRegistryServer: "http://b.test"\n', '.yarnrc.yml', 'Fix it')).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(/\.yarnrc\.yml line 2/) });
    const dir = project({ 'package.json': '{"name":"ws"}', 'pnpm-workspace.yaml': 'packages:\n  - a\npackages:\n  - b\n', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .: {}\n" });
    await expect(resolveTarget(dir)).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(/pnpm-workspace\.yaml line 3/) });
  });
});

