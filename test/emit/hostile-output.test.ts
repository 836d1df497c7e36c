/**
 * The reproduced attacks on sovscan's output, through the built CLI: hostile names and registry texts
 * reach no line start and no terminal as control characters (a runner would execute `::error::`,
 * `::add-mask::`, `::stop-commands::`); URLs keep no user info and no script scheme; `enrich --redact`
 * leaves out a personal supplier name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectWith, versionDoc } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';
import { runCli, tempDir, type RunResult } from '../helpers.js';

const FORGED_NAME = 'evil\n::error::forged';
const HOSTILE = {
  deprecated: 'Use x\n::add-mask::mask-me\r::warning::cr \u001b]0;title\u0007',
  license: 'MIT\n::stop-commands::token123',
  homepage: 'javascript:alert(document.domain)',
  bugs: 'data:text/html,<script>alert(1)</script>',
  repository: { type: 'git', url: 'https://deploy:hunter2@github.com/acme/left-pad.git' },
  funding: [{ type: 'x', url: 'https://user:p4ss@pay.example.test/acme' }, 'vbscript:msgbox'],
  author: { name: 'A\u202eB', email: 'a@b.example.test' },
};

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistry();
  server.fallback = (path) => {
    const at = path.lastIndexOf('/');
    return { kind: 'json', body: versionDoc(decodeURIComponent(path.slice(1, at)), path.slice(at + 1), HOSTILE) };
  };
});
afterAll(() => server.close());

/** What a GitHub runner would act on, or a terminal would interpret. */
function expectInert(result: RunResult): void {
  for (const stream of [result.stdout, result.stderr]) {
    for (const line of stream.split(/\r\n|\r|\n/)) expect(line, `a line starts a workflow command: ${line}`).not.toMatch(/^\s*::/);
    expect(stream.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    expect(stream).not.toContain('hunter2');
    expect(stream).not.toContain('p4ss');
  }
}

const args = (cache: string) => ['--registry', server.url, '--cache-dir', cache];

describe('hostile text in the terminal and CI log', () => {
  const cache = tempDir('sovscan-cache-');
  let dir: string;
  beforeAll(() => {
    dir = projectWith([[FORGED_NAME, '1.0.0'], ['left-pad', '1.3.0']]);
  });

  it('scan: the summary and issues start no workflow command and carry no control character; the SBOM keeps no script URL or user info', async () => {
    const result = await runCli(['scan', dir, '-o', join(dir, 'sbom.cdx.json'), '--policy', 'eu-sovereignty', ...args(cache)], { cwd: dir });
    expect(result.code).toBe(0);
    expectInert(result);
    // (the name is one npm refuses: it is never looked up, and the issue that says so names it, escaped)
    expect(result.stdout + result.stderr).toContain('evil\\n::error::forged');
    const sbom = readFileSync(join(dir, 'sbom.cdx.json'), 'utf8');
    const urls = (JSON.parse(sbom) as { components: { externalReferences?: { url: string }[] }[] }).components.flatMap((c) => c.externalReferences ?? []).map((r) => r.url);
    expect(urls).toContain('https://github.com/acme/left-pad.git');
    expect(urls).toContain('https://pay.example.test/acme');
    for (const url of urls) expect(url).not.toMatch(/^(javascript|data|vbscript|file):|hunter2|p4ss/);
  });

  it('scan --format cyclonedx-xml -o -: the XML on stdout has no line that starts a command', async () => {
    const result = await runCli(['scan', dir, '-o', '-', '--format', 'cyclonedx-xml', ...args(cache)], { cwd: dir });
    expect(result.code).toBe(0);
    // The document is data, not log text: its bidi characters stay, but none of its lines starts a command.
    for (const line of result.stdout.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^\s*::/);
    for (const bad of ['\u001b', 'hunter2', 'p4ss']) expect(result.stdout).not.toContain(bad);
    expectInert({ ...result, stdout: '' });
    // On one line with its element (the serialiser writes the break as a space; xmlSafe would write &#10;).
    expect(result.stdout).toMatch(/<name>evil(&#10;| )::error::forged<\/name>/);
  });

  it('scan --report json: the report keeps no user info and no script URL', async () => {
    const report = join(dir, 'report.json');
    const result = await runCli(['scan', dir, '-o', join(dir, 'sbom.cdx.json'), '--report', `json=${report}`, '--offline', ...args(cache)], { cwd: dir });
    expect(result.code).toBe(0);
    const text = readFileSync(report, 'utf8');
    expect(text).not.toMatch(/hunter2|p4ss|javascript:|vbscript:/);
    expect(text).toContain('https://github.com/acme/left-pad.git');
  });

  it('explain: every registry text escaped, script URLs left out', async () => {
    const result = await runCli(['explain', 'left-pad', '--in', dir, '--offline', ...args(cache)], { cwd: dir });
    expect(result.code).toBe(0);
    expectInert(result);
    expect(result.stdout).toContain('\\n::add-mask::mask-me\\r::warning::cr \\u001b]0;title\\u0007');
    expect(result.stdout).toContain('homepage: (left out: not a web or git URL)');
    expect(result.stdout).toContain('licence: MIT\\n::stop-commands::token123');
  });

  it('explain a package whose name forges a command: the name is escaped wherever it is printed', async () => {
    const result = await runCli(['explain', FORGED_NAME, '--in', dir, '--offline', ...args(cache)], { cwd: dir });
    expect(result.code).toBe(0);
    expectInert(result);
    expect(result.stdout).toContain('Installed at: node_modules/evil\\n::error::forged');
  });

  it('an unknown package with a hostile name: the error quotes it, escaped', async () => {
    const result = await runCli(['explain', '::error::x\n::warning::y', '--in', dir, '--offline', ...args(cache)], { cwd: dir });
    expect(result.code).toBe(2);
    expectInert(result);
    expect(result.stderr).toContain("No package '\\u003a:error::x\\n::warning::y'");
  });
});

describe('policy check', () => {
  it('lists each error on a line of its own, the hostile key escaped inside it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'policy.yaml'), '"bad\\n::error::forged": 1\nid: "x\\n::warning::y"\n');
    const result = await runCli(['policy', 'check', 'policy.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expectInert(result);
    expect(result.stderr.split('\n')).toEqual(expect.arrayContaining(['  policy.yaml: /: unknown key "bad\\n::error::forged"', 'See data/schemas/policy.schema.json']));
  });
});

function vendorSbom(names: string[]): string {
  const file = join(tempDir(), 'vendor.cdx.json');
  const components = names.map((name) => ({ type: 'library', name, version: '1.0.0', 'bom-ref': `ref-${names.indexOf(name)}`, purl: `pkg:npm/${encodeURIComponent(name)}@1.0.0` }));
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata: { component: { type: 'application', name: 'product\n::error::meta', version: '1' } }, components }));
  return file;
}

describe('diff and enrich', () => {
  const cache = tempDir('sovscan-cache-');

  it('diff: added and removed names are escaped in the text and in --json', async () => {
    const old = vendorSbom(['left-pad']);
    const changed = vendorSbom(['left-pad', FORGED_NAME, '\u001b[2Jwipe']);
    for (const extra of [[], ['--json']]) {
      const result = await runCli(['diff', old, changed, ...extra, ...args(cache)]);
      expect(result.code).toBe(0);
      expectInert(result);
    }
  });

  it('enrich --redact: no URL user info in the SBOM or the JSON report, and a supplier that is a person is left out', async () => {
    const dir = tempDir();
    const input = join(dir, 'vendor.cdx.json');
    const supplier = { name: 'Jane Example', url: ['https://jane.example.test'] };
    writeFileSync(
      input,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        metadata: { supplier: { name: 'Alibaba Cloud' } },
        components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', supplier, externalReferences: [{ type: 'website', url: 'https://user:password@host.example.test/x' }] }],
      }),
    );
    const report = join(dir, 'report.json');
    const result = await runCli(['enrich', input, '--redact', '-o', join(dir, 'out.cdx.json'), '--report', `json=${report}`, ...args(cache)], { cwd: dir });
    expect(result.code).toBe(0);
    const out = readFileSync(join(dir, 'out.cdx.json'), 'utf8');
    for (const text of [out, readFileSync(report, 'utf8')]) expect(text).not.toMatch(/password|hunter2|p4ss|Jane Example/);
    expect(out).toContain('https://host.example.test/x');
    const doc = JSON.parse(out) as { metadata: { supplier: { name?: string } }; components: { supplier: { name?: string } }[] };
    expect(doc.metadata.supplier.name).toBe('Alibaba Cloud');
    expect(doc.components[0]!.supplier.name).toBeUndefined();
  });
});
