/**
 * Golden SBOMs per preset on ../shared/bench/medium-app, enriched from recorded registry documents served
 * on loopback (test/fixtures/registry/medium-app-documents.json, recorded from the development registry),
 * validated in the same test. Refresh with UPDATE_GOLDEN=1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validation } from '@cyclonedx/cyclonedx-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetIds } from '../../src/assess/policy.js';
import { DEFAULTS } from '../../src/options.js';
import { runPipeline } from '../../src/pipeline.js';
import { BENCH, FIXTURES, REPO, tempDir } from '../helpers.js';
import { recordedDocuments, startRegistry, type RegistryServer } from '../enrich/registry-server.js';

let server: RegistryServer;
const cache = tempDir('sovscan-golden-');

beforeAll(async () => {
  const documents = JSON.parse(readFileSync(join(FIXTURES, 'registry', 'medium-app-documents.json'), 'utf8')) as Record<string, unknown>;
  server = await startRegistry();
  server.fallback = recordedDocuments(documents);
});
afterAll(async () => {
  await server.close();
});

async function sbom(policy: string, specVersion: '1.5' | '1.6' | '1.7' = '1.6', format: 'cyclonedx-json' | 'cyclonedx-xml' = 'cyclonedx-json'): Promise<string> {
  const { sbom: text } = await runPipeline({ ...DEFAULTS, target: join(BENCH, 'medium-app'), registry: server.url, cacheDir: cache, policy, specVersion, format, reproducible: true, output: '-' });
  // The loopback registry's port changes from run to run.
  return text.split(server.url).join('http://registry.loopback.test/').split(server.host).join('registry.loopback.test');
}

describe('golden SBOMs of medium-app per preset', () => {
  it.each(presetIds())('%s', async (policy) => {
    const text = await sbom(policy);
    expect(await new Validation.JsonStrictValidator('1.6' as never).validate(text)).toBeNull();
    const file = join(REPO, 'test', 'golden', `medium-app.${policy}.cdx.json`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
    const bom = JSON.parse(text) as { components: { properties?: { name: string; value: string }[] }[]; annotations?: unknown[] };
    expect(bom.components.every((c) => c.properties?.some((p) => p.name === 'sovscan:risk'))).toBe(true);
  });

  it('eu-sovereignty flags US-controlled vendors and US hosting', async () => {
    const bom = JSON.parse(await sbom('eu-sovereignty')) as { components: { name: string; properties: { name: string; value: string }[] }[] };
    const reasons = bom.components.flatMap((c) => c.properties.filter((p) => p.name === 'sovscan:risk:reason').map((p) => p.value));
    expect(reasons.some((r) => /^The vendor points to US \(.+\), a US company, which the CLOUD Act \(18 U\.S\.C\. § 2713\)/.test(r))).toBe(true);
    expect(reasons.some((r) => /^The hosting points to US, infrastructure run from the US, whose operator the CLOUD Act/.test(r))).toBe(true);
  });

  it('eu-sovereignty: funding is a fact, not evidence; an indication is shown and marked, never rated', async () => {
    type Component = { name: string; externalReferences?: { comment?: string }[]; properties: { name: string; value: string }[] };
    const bom = JSON.parse(await sbom('eu-sovereignty')) as { components: Component[] };
    const values = (c: Component, name: string) => c.properties.filter((p) => p.name === name).map((p) => p.value);
    expect(bom.components.some((c) => c.externalReferences?.some((r) => r.comment?.startsWith('funding')))).toBe(true);
    expect(bom.components.flatMap((c) => values(c, 'sovscan:evidence')).filter((e) => /fund/.test(e))).toEqual([]);
    const indicated = bom.components.filter((c) => values(c, 'sovscan:jurisdiction:maintainer:indication').length > 0);
    expect(indicated.length).toBeGreaterThan(0);
    for (const c of indicated) {
      for (const country of values(c, 'sovscan:jurisdiction:maintainer:indication')) {
        expect(values(c, 'sovscan:jurisdiction:maintainer')).not.toContain(country);
        expect(values(c, 'sovscan:risk:reason').filter((r) => r.startsWith(`The maintainers point to ${country}`))).toEqual([]);
        expect(values(c, 'sovscan:evidence').filter((e) => e.startsWith(`maintainer=${country} `)).every((e) => e.endsWith(' indication'))).toBe(true);
      }
    }
  });

  it.each(['1.5', '1.7'] as const)('annotations and risk validate under %s', async (specVersion) => {
    const text = await sbom('us-ictsc', specVersion);
    expect(await new Validation.JsonStrictValidator(specVersion as never).validate(text)).toBeNull();
    expect((JSON.parse(text) as { annotations: unknown[] }).annotations.length).toBeGreaterThan(0);
  });

  it('annotations and risk validate as XML', async () => {
    const text = await sbom('us-ictsc', '1.6', 'cyclonedx-xml');
    expect(await new Validation.XmlValidator('1.6' as never).validate(text)).toBeNull();
    expect(text).toContain('<annotations>');
  });
});
