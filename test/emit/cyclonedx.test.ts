import { join } from 'node:path';
import { Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { emitCycloneDx, SPEC_VERSIONS } from '../../src/emit/cyclonedx/index.js';
import type { Scan } from '../../src/model.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { FIXTURES } from '../helpers.js';

const FIXTURE_NAMES = ['npm-v1', 'npm-v2', 'npm-v3', 'npm-shrinkwrap', 'yarn-classic', 'yarn-berry', 'pnpm-v5', 'pnpm-v6', 'pnpm-v9'];

async function scanOf(fixture: string, complete = true): Promise<Scan> {
  const { graph, issues } = await resolveTarget(join(FIXTURES, 'lockfiles', fixture));
  return { graph, issues, complete, facts: new Map() };
}

interface Component {
  'bom-ref': string;
  name: string;
  group?: string;
  version?: string;
  purl: string;
  scope?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: unknown[];
  properties?: { name: string; value: string }[];
  externalReferences?: { type: string; url: string }[];
}
interface Bom {
  specVersion: string;
  serialNumber?: string;
  metadata: { timestamp?: string; component: Component; tools: { components: Component[] }; properties?: { name: string; value: string }[] };
  components: Component[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  compositions: { aggregate: string }[];
}

describe('every SBOM passes the strict validator of its spec version', () => {
  const cases = FIXTURE_NAMES.flatMap((fixture) => SPEC_VERSIONS.map((specVersion) => ({ fixture, specVersion })));
  it.each(cases)('$fixture as CycloneDX $specVersion JSON', async ({ fixture, specVersion }) => {
    const { text } = await emitCycloneDx(await scanOf(fixture), { format: 'cyclonedx-json', specVersion, reproducible: true, redact: false });
    // emitCycloneDx validates already; validate again here so a bypass in the emitter cannot pass the test.
    expect(await new Validation.JsonStrictValidator(specVersion as never).validate(text)).toBeNull();
    expect((JSON.parse(text) as Bom).specVersion).toBe(specVersion);
  });

  it.each(SPEC_VERSIONS)('npm-v3 as CycloneDX %s XML', async (specVersion) => {
    const { text, notes } = await emitCycloneDx(await scanOf('npm-v3'), { format: 'cyclonedx-xml', specVersion, reproducible: true, redact: false });
    expect(notes).toEqual([]);
    expect(await new Validation.XmlValidator(specVersion as never).validate(text)).toBeNull();
    expect(text).toContain(`xmlns="http://cyclonedx.org/schema/bom/${specVersion}"`);
    expect(text).toMatch(/<compositions>\s*<composition>\s*<aggregate>complete<\/aggregate>/);
  });
});

describe('registry text that XML cannot carry (control characters, a broken escape or authority in a URL)', () => {
  const HOSTILE = 'Mallory\u0000\u0007\u001b[31m\uffff';
  it.each(SPEC_VERSIONS)('is replaced, and the CycloneDX %s XML still validates', async (specVersion) => {
    const scan = await scanOf('npm-v3');
    scan.facts.set('pkg:npm/ms@2.0.0', {
      registry: 'https://registry.npm.test/',
      author: { name: HOSTILE },
      deprecated: HOSTILE,
      license: HOSTILE,
      bugs: `https://bugs.example.test/${HOSTILE}`,
      homepage: 'https://example.test/%E0%A4%A',
      repository: { url: 'git+ssh://git@:x', host: 'github.com', owner: 'acme', repo: 'ms' },
      funding: [{ url: 'git+ssh://git@:x' }],
      provenance: { state: 'absent', signature: 'absent', reason: HOSTILE },
    });
    const { text, notes } = await emitCycloneDx(scan, { format: 'cyclonedx-xml', specVersion, reproducible: true, redact: false });
    expect(notes).toEqual([]);
    expect(await new Validation.XmlValidator(specVersion as never).validate(text)).toBeNull();
    expect(text).toContain('Mallory\ufffd\ufffd\ufffd[31m\ufffd');
    expect(text).toContain('<url>https://example.test/%E0%A4%25A</url>');
    expect(text).toContain('<url>https://github.com/acme/ms</url>');
    expect(text).not.toContain('git@:x');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    // JSON escapes them instead, and keeps them.
    const json = await emitCycloneDx(scan, { format: 'cyclonedx-json', specVersion, reproducible: true, redact: false });
    expect(json.text).toContain('Mallory\\u0000\\u0007\\u001b[31m\uffff');
  });
});

describe('mapping (DESIGN.md §4)', () => {
  it('maps packages onto components as cyclonedx-npm does', async () => {
    const { text } = await emitCycloneDx(await scanOf('npm-v3'), { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false });
    const bom = JSON.parse(text) as Bom;
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));

    const scoped = byRef.get('pkg:npm/%40scope/pkg-a@1.0.0')!;
    expect(scoped).toMatchObject({ group: '@scope', name: 'pkg-a', version: '1.0.0', purl: 'pkg:npm/%40scope/pkg-a@1.0.0' });
    expect(scoped.hashes).toEqual([{ alg: 'SHA-512', content: Buffer.from('2Hy8BnCEH31xPeSLbhhB2ctCPXE2ZnASdi+KbSeS79BNbUhL9hAEe20SkUk+BR8aKTmqb6+FKFruk7w8z0VoRQ==', 'base64').toString('hex') }]);
    expect(scoped.licenses).toEqual([{ license: { id: 'MIT' } }]);

    const ms200 = byRef.get('pkg:npm/ms@2.0.0')!;
    expect(ms200.hashes).toEqual([{ alg: 'SHA-1', content: '5608aeadfc00be6c2901df5f9861788de0d597c8' }]);
    expect(ms200.properties).toContainEqual({ name: 'cdx:npm:package:path', value: 'node_modules/@scope/pkg-a/node_modules/ms' });

    expect(byRef.get('pkg:npm/fsevents@2.3.3')!.scope).toBe('optional');
    expect(byRef.get('pkg:npm/devtool@1.0.0')!.properties).toContainEqual({ name: 'cdx:npm:package:development', value: 'true' });
    expect(byRef.get('pkg:npm/bundled-child@1.0.0')!.properties).toContainEqual({ name: 'cdx:npm:package:bundled', value: 'true' });
    expect(byRef.get('pkg:npm/left-pad@1.3.0')!.properties).toContainEqual({ name: 'sovscan:alias', value: 'lp' });
    expect(byRef.get('pkg:npm/gitdep@1.2.0')!.externalReferences).toContainEqual({ type: 'vcs', url: expect.stringContaining('github.com/acme/gitdep') });
    expect(byRef.get('pkg:npm/tarpkg@1.0.0')!.externalReferences).toContainEqual({ type: 'distribution', url: 'https://tarballs.example.test/tarpkg-1.0.0.tgz' });
    expect(byRef.get('pkg:npm/local-lib@0.1.0')!.properties).toContainEqual({ name: 'sovscan:source', value: 'link' });

    // bom-refs are purls without qualifiers, unique
    expect(new Set(bom.components.map((c) => c['bom-ref'])).size).toBe(bom.components.length);
    for (const c of bom.components) expect(c['bom-ref']).toBe(c.purl.replace(/\?.*$/, ''));

    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'kitchen', version: '1.0.0', 'bom-ref': 'pkg:npm/kitchen@1.0.0' });
    expect(bom.metadata.tools.components).toEqual([expect.objectContaining({ name: 'sovscan' })]);
    const rootDeps = bom.dependencies.find((d) => d.ref === 'pkg:npm/kitchen@1.0.0')!;
    expect(rootDeps.dependsOn).toContain('pkg:npm/%40scope/pkg-a@1.0.0');
    expect(bom.dependencies.find((d) => d.ref === 'pkg:npm/%40scope/pkg-a@1.0.0')!.dependsOn).toEqual(['pkg:npm/ms@2.0.0']);
    // every component has an entry: a missing entry would mean "unknown"
    expect(bom.dependencies.length).toBe(bom.components.length + 1);
    expect(bom.compositions).toEqual([{ aggregate: 'complete', assemblies: ['pkg:npm/kitchen@1.0.0'], dependencies: ['pkg:npm/kitchen@1.0.0'] }]);
  });

  it('marks an incomplete scan in compositions', async () => {
    const { text } = await emitCycloneDx(await scanOf('npm-v3', false), { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false });
    expect((JSON.parse(text) as Bom).compositions[0]!.aggregate).toBe('incomplete');
  });
});

describe('--reproducible', () => {
  it('gives byte-identical output and omits serial number and timestamp', async () => {
    const options = { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false } as const;
    const a = await emitCycloneDx(await scanOf('pnpm-v9'), options);
    const b = await emitCycloneDx(await scanOf('pnpm-v9'), options);
    expect(a.text).toBe(b.text);
    const bom = JSON.parse(a.text) as Bom;
    expect(bom.serialNumber).toBeUndefined();
    expect(bom.metadata.timestamp).toBeUndefined();
    expect(bom.metadata.properties).toContainEqual({ name: 'cdx:reproducible', value: 'true' });
  });

  it('without it, each SBOM has a serial number and a timestamp', async () => {
    const { text } = await emitCycloneDx(await scanOf('pnpm-v9'), { format: 'cyclonedx-json', specVersion: '1.6', reproducible: false, redact: false });
    const bom = JSON.parse(text) as Bom;
    expect(bom.serialNumber).toMatch(/^urn:uuid:/);
    expect(bom.metadata.timestamp).toBeDefined();
  });
});
