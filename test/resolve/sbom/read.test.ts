/**
 * Reading vendor SBOMs: the real third-party files in ../shared/fixtures/sboms/, every schema problem of
 * a broken one with its place, and a clear refusal of what cannot be read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sbomGraph } from '../../../src/resolve/sbom/graph.js';
import { readVendorSbom } from '../../../src/resolve/sbom/index.js';
import { SHARED_FIXTURES, tempDir } from '../../helpers.js';

const SBOMS = join(SHARED_FIXTURES, 'sboms');

describe('the third-party SBOMs', () => {
  it.each([
    ['cyclonedx-1.4_deb_postgres-stretch_syft.cdx.xml', 'cyclonedx-xml', '1.4', 137, 0],
    ['cyclonedx-1.4_npm_dev-dependencies.cdx.json', 'cyclonedx-json', '1.4', 5, 5],
    ['cyclonedx-1.5_npm_bundled-dependencies.cdx.xml', 'cyclonedx-xml', '1.5', 52, 52],
    ['cyclonedx-1.5_npm_nodegoat_cdxgen.cdx.json', 'cyclonedx-json', '1.5', 1060, 1060],
    ['cyclonedx-1.6_multi-ecosystem_apk-maven_trivy.cdx.json', 'cyclonedx-json', '1.6', 23, 0],
    ['cyclonedx-1.6_npm_bundled-dependencies.cdx.json', 'cyclonedx-json', '1.6', 52, 52],
    ['spdx-2.3_example.spdx.json', 'spdx-json', 'SPDX-2.3', 4, 0],
  ])('%s: %s %s, %i components of which %i npm', async (file, format, version, count, npm) => {
    const { sbom, problems } = await readVendorSbom(join(SBOMS, file));
    expect(sbom.format).toBe(format);
    expect(sbom.specVersion).toBe(version);
    expect(problems).toEqual([]);
    const graph = sbomGraph(sbom);
    expect(graph.nodes.size).toBe(count);
    expect([...graph.nodes.values()].filter((n) => n.source === 'registry').length).toBe(npm);
    expect(new Set([...graph.nodes.values()].map((n) => n.id)).size).toBe(count);
  });

  it('reads nested components, dependencies and declared e-mail domains', async () => {
    const { sbom } = await readVendorSbom(join(SBOMS, 'cyclonedx-1.6_npm_bundled-dependencies.cdx.json'));
    const graph = sbomGraph(sbom);
    expect(graph.root.name).toBe('demo-bundled-deps');
    expect(graph.root.dependencies.size).toBeGreaterThan(0);
    const edges = [...graph.nodes.values()].reduce((n, node) => n + node.dependencies.size, 0);
    expect(edges).toBeGreaterThan(20);
    const deb = sbomGraph((await readVendorSbom(join(SBOMS, 'cyclonedx-1.4_deb_postgres-stretch_syft.cdx.xml'))).sbom);
    const purls = [...deb.nodes.values()].map((n) => `${n.source} ${n.purl.slice(0, n.purl.indexOf('/'))}`);
    expect(purls.filter((p) => p === 'other pkg:deb')).toHaveLength(132);
    expect(purls.filter((p) => p === 'other pkg:golang')).toHaveLength(3);
  });
});

describe('a slightly invalid SBOM is read whole, with every problem', () => {
  it('CycloneDX JSON: all errors with their JSON pointers', async () => {
    const file = join(tempDir(), 'broken.cdx.json');
    writeFileSync(
      file,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        components: [
          { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
          { type: 'librarry', name: 'typo-type', version: '1.0.0', purl: 'pkg:npm/typo-type@1.0.0' },
          { type: 'library', version: '2.0.0', purl: 'pkg:npm/no-name@2.0.0', colour: 'blue' },
        ],
      }),
    );
    const { sbom, problems } = await readVendorSbom(file);
    expect(problems).toEqual(
      expect.arrayContaining([
        { pointer: '/components/1/type', message: expect.stringMatching(/must be equal to one of the allowed values/) },
        { pointer: '/components/2', message: "must have required property 'name'" },
        { pointer: '/components/2', message: 'must NOT have additional properties: colour' },
      ]),
    );
    expect(sbom.components.map((c) => c.purl)).toEqual(['pkg:npm/left-pad@1.3.0', 'pkg:npm/typo-type@1.0.0', 'pkg:npm/no-name@2.0.0']);
  });

  it('SPDX JSON: all errors with their JSON pointers', async () => {
    const file = join(tempDir(), 'broken.spdx.json');
    writeFileSync(file, JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x', packages: [{ SPDXID: 'SPDXRef-a', name: 'a', downloadLocation: 'NOASSERTION', versionInfo: 1 }] }));
    const { problems, sbom } = await readVendorSbom(file);
    expect(problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/', '/packages/0/versionInfo']));
    expect(sbom.components).toHaveLength(1);
  });

  it('CycloneDX XML: errors with their lines', async () => {
    const file = join(tempDir(), 'broken.cdx.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">\n<components>\n<component type="library"><version>1</version></component>\n</components>\n</bom>\n');
    const { problems, sbom } = await readVendorSbom(file);
    expect(problems[0]).toMatchObject({ pointer: expect.stringMatching(/^line 4/) });
    expect(sbom.components).toHaveLength(1);
  });
});

describe('what cannot be read is refused with the file and the reason', () => {
  it.each([
    ['not.json', '{ "bomFormat": "CycloneDX", ', /Cannot parse .*not\.json.*line 1/],
    ['other.json', '{ "hello": "world" }', /neither a CycloneDX document .* nor an SPDX one/],
    ['old.json', '{ "bomFormat": "CycloneDX", "specVersion": "1.1" }', /CycloneDX 1\.1 is not a version sovscan reads/],
    ['spdx3.json', '{ "spdxVersion": "SPDX-3.0" }', /SPDX-3\.0 is not a version sovscan reads/],
    ['bad.xml', '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components></bom>', /not well-formed XML/],
    ['html.xml', '<html><body>hi</body></html>', /root element is <html>/],
  ])('%s', async (name, text, message) => {
    const file = join(tempDir(), name);
    writeFileSync(file, text);
    await expect(readVendorSbom(file)).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(message) });
  });
});
