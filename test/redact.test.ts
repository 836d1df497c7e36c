/**
 * Acceptance: `--redact` outputs contain none of the maintainer, author or publisher names and e-mail
 * addresses of the recorded registry documents in ../shared/fixtures/registry/: a project of those
 * packages is scanned against a loopback registry serving the documents, with every output at once.
 * Without --redact the same run does show people, so the check can fail.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryServer } from './enrich/registry-server.js';
import { runCli, SHARED_FIXTURES, tempDir } from './helpers.js';

interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Record<string, unknown>>;
}

const DIR = join(SHARED_FIXTURES, 'registry', 'packuments');
const packuments = readdirSync(DIR).map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Packument);
const chosen = packuments.map((p) => ({ name: p.name, version: p['dist-tags'].latest ?? Object.keys(p.versions).pop()! })).filter((c) => c.version && packuments.find((p) => p.name === c.name)!.versions[c.version]);

/** Every person named in the documents served: names and e-mail addresses. */
function people(): string[] {
  const out = new Set<string>();
  const add = (p: unknown) => {
    if (typeof p === 'string') {
      const name = p.replace(/<[^>]*>|\([^)]*\)/g, '').trim();
      const email = /<([^>]+)>/.exec(p)?.[1];
      if (name.length > 3) out.add(name);
      if (email) out.add(email);
    } else if (p && typeof p === 'object') {
      const { name, email } = p as { name?: unknown; email?: unknown };
      if (typeof name === 'string' && name.length > 3) out.add(name);
      if (typeof email === 'string' && email.includes('@')) out.add(email);
    }
  };
  for (const { name, version } of chosen) {
    const doc = packuments.find((p) => p.name === name)!.versions[version]!;
    add(doc.author);
    add(doc._npmUser);
    for (const m of (doc.maintainers as unknown[]) ?? []) add(m);
    for (const c of (doc.contributors as unknown[]) ?? []) add(c);
  }
  // A handle that is also part of a package's name or of where its source lives (the repository, issue
  // tracker and homepage URLs, which stay) is a location here, not a person's name.
  const locations = chosen.map(({ name, version }) => JSON.stringify([name, ...['repository', 'bugs', 'homepage'].map((k) => packuments.find((p) => p.name === name)!.versions[version]![k])])).join(' ').toLowerCase();
  return [...out].filter((p) => !locations.includes(p.toLowerCase()));
}

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistry();
  server.fallback = (path) => {
    const at = path.lastIndexOf('/');
    const doc = packuments.find((p) => p.name === path.slice(1, at))?.versions[path.slice(at + 1)];
    return doc ? { kind: 'json', body: doc } : undefined;
  };
});
afterAll(() => server.close());

async function scanAll(redact: boolean): Promise<string> {
  const dir = tempDir();
  const packages: Record<string, unknown> = { '': { name: 'redact-fixture', version: '1.0.0', dependencies: Object.fromEntries(chosen.map((c) => [c.name, c.version])) } };
  for (const c of chosen) packages[`node_modules/${c.name}`] = { version: c.version };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'redact-fixture', version: '1.0.0', dependencies: Object.fromEntries(chosen.map((c) => [c.name, c.version])) }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'redact-fixture', lockfileVersion: 3, packages }));
  const outputs = ['sbom.cdx.json', 'report.md', 'report.html', 'report.sarif', 'report.csv', 'report.json'];
  const args = ['scan', '.', '--registry', server.url, '--cache-dir', tempDir('sovscan-cache-'), '-q', '-o', 'sbom.cdx.json', '--report', 'markdown=report.md', '--report', 'html=report.html', '--report', 'sarif=report.sarif', '--report', 'csv=report.csv', '--report', 'json=report.json'];
  const result = await runCli(redact ? [...args, '--redact'] : args, { cwd: dir });
  expect(result.stderr).toBe('');
  const xml = await runCli(['scan', '.', '--registry', server.url, '--cache-dir', tempDir('sovscan-cache-'), '-q', '--format', 'cyclonedx-xml', '-o', 'sbom.cdx.xml', ...(redact ? ['--redact'] : [])], { cwd: dir });
  expect(xml.code).toBe(0);
  return [...outputs, 'sbom.cdx.xml'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

describe('--redact', () => {
  it('leaves every person of the registry documents out of every output', async () => {
    const named = people();
    expect(named.length).toBeGreaterThan(10);
    const plain = await scanAll(false);
    expect(named.filter((p) => plain.includes(p)).length).toBeGreaterThan(0);
    const redacted = await scanAll(true);
    const leaks = named.filter((p) => redacted.includes(p));
    expect(leaks).toEqual([]);
  }, 120_000);
});
