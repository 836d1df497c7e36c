/**
 * `sovscan enrich SBOM` end to end through the built CLI: npm components are read from a loopback
 * registry, the annotated document keeps the input's format and name, schema problems are listed one by
 * one, and what cannot be read exits 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryServer } from './enrich/registry-server.js';
import { runCli, SHARED_FIXTURES, tempDir } from './helpers.js';

const DEV_DEPS = join(SHARED_FIXTURES, 'sboms', 'cyclonedx-1.4_npm_dev-dependencies.cdx.json');

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistry();
  server.fallback = (path) => {
    const at = path.lastIndexOf('/');
    const name = path.slice(1, at);
    const version = path.slice(at + 1);
    return { kind: 'json', body: { name, version, repository: { type: 'git', url: `git+https://github.com/example-org/${name.replace('/', '-')}.git` }, dist: { tarball: `${server.url}${name}/-/x-${version}.tgz` } } };
  };
});
afterAll(() => server.close());

interface Bom {
  version: number;
  components: { name: string; group?: string; properties?: { name: string; value: string }[] }[];
}

const prop = (c: Bom['components'][number] | undefined, name: string) => c?.properties?.filter((p) => p.name === name).map((p) => p.value);

describe('sovscan enrich', () => {
  it('annotates a vendor SBOM, reading its npm components from the registry', async () => {
    const dir = tempDir();
    const result = await runCli(['enrich', DEV_DEPS, '--registry', server.url, '--cache-dir', tempDir('sovscan-cache-'), '--reproducible'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/SBOM: +cyclonedx-1\.4_npm_dev-dependencies\.sovscan\.cdx\.json/);
    expect(server.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/uuid/8.3.2', '/@types/node/20.14.10']));
    const bom = JSON.parse(readFileSync(join(dir, 'cyclonedx-1.4_npm_dev-dependencies.sovscan.cdx.json'), 'utf8')) as Bom;
    const input = JSON.parse(readFileSync(DEV_DEPS, 'utf8')) as Bom;
    expect(bom.version).toBe(input.version + 1);
    expect(bom.components).toHaveLength(input.components.length);
    const types = bom.components.find((c) => c.name === 'node' && c.group === '@types');
    expect(prop(types, 'sovscan:jurisdiction:vendor')).toEqual(['US']);
    expect(prop(types, 'sovscan:provenance')).toEqual(['absent']);
  }, 60_000);

  it('lists every schema problem, then processes what it can', async () => {
    const dir = tempDir();
    const file = join(dir, 'vendor.cdx.json');
    writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'librarry', name: 'a', purl: 'pkg:npm/a@1.0.0' }, { type: 'library', purl: 'pkg:maven/com.aliyun/x@1' }] }));
    const result = await runCli(['enrich', file, '--offline', '--cache-dir', tempDir('sovscan-cache-'), '-o', 'out.cdx.json', '--policy', 'us-ictsc', '--report', 'sarif=out.sarif'], { cwd: dir });
    expect(result.code).toBe(0);
    // Findings point at the SBOM they came from.
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['vendor.cdx.json']);
    expect(result.stderr).toMatch(/warning: .*vendor\.cdx\.json: \/components\/0\/type: must be equal to one of the allowed values/);
    expect(result.stderr).toMatch(/warning: .*vendor\.cdx\.json: \/components\/1: must have required property 'name'/);
    expect(result.stderr).toMatch(/does not follow its schema \(2 problems above\); everything that could be read was processed/);
    const bom = JSON.parse(readFileSync(join(dir, 'out.cdx.json'), 'utf8')) as Bom;
    expect(prop(bom.components[1], 'sovscan:jurisdiction:vendor')).toEqual(['CN']);
  }, 60_000);

  it('refuses what it cannot read, naming the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.json'), '{"hello": "world"}');
    const result = await runCli(['enrich', 'notes.json', '--offline'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sovscan: Cannot read notes\.json: neither a CycloneDX document/);
  });
});
