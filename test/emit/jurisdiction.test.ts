/** Attribution in the SBOM: supplier and manufacturer with their country, jurisdiction and evidence properties. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validation } from '@cyclonedx/cyclonedx-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitCycloneDx, SPEC_VERSIONS } from '../../src/emit/cyclonedx/index.js';
import type { Scan } from '../../src/model.js';
import { DEFAULTS } from '../../src/options.js';
import { analyse } from '../../src/pipeline.js';
import { REPO, tempDir } from '../helpers.js';
import { projectWith } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';

interface Component {
  'bom-ref': string;
  supplier?: { name: string; url?: string[]; address?: { country: string } };
  manufacturer?: { name: string; address?: { country: string } };
  properties?: { name: string; value: string }[];
}

let server: RegistryServer;
let scan: Scan;
const evalDoc = (name: string) => JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'eval', `${name.replace('/', '__')}.json`), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  server = await startRegistry({
    '/@alicloud/pop-core/1.8.0': { kind: 'json', body: evalDoc('@alicloud/pop-core') },
    '/lodash/4.18.1': { kind: 'json', body: evalDoc('lodash') },
  });
  scan = await analyse({ ...DEFAULTS, target: projectWith([['@alicloud/pop-core', '1.8.0'], ['lodash', '4.18.1'], ['gone', '1.0.0']]), registry: server.url, cacheDir: tempDir() });
});
afterAll(async () => {
  await server.close();
});

const props = (c: Component, name: string) => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);

describe('jurisdiction in the SBOM', () => {
  it('names the vendor as supplier and manufacturer with its country (1.6)', async () => {
    const bom = JSON.parse((await emitCycloneDx(scan, { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false })).text) as { components: Component[]; metadata: { properties: { name: string; value: string }[] } };
    const pop = bom.components.find((c) => c['bom-ref'] === 'pkg:npm/%40alicloud/pop-core@1.8.0')!;
    expect(pop.supplier).toEqual({ name: 'Alibaba Cloud', url: ['https://aliyun.com/'], address: { country: 'CN' } });
    expect(pop.manufacturer).toEqual(pop.supplier);
    expect(props(pop, 'sovscan:jurisdiction:vendor')).toEqual(['CN']);
    expect(props(pop, 'sovscan:jurisdiction:maintainer')).toEqual(['unknown']);
    expect(props(pop, 'sovscan:jurisdiction:hosting')).toEqual(['US']);
    expect(props(pop, 'sovscan:vendor')).toEqual(['Alibaba Cloud']);
    expect(props(pop, 'sovscan:vendor:controller')).toEqual(['Alibaba Group Holding']);
    expect(props(pop, 'sovscan:evidence')).toContain('vendor=CN 0.95 npm-scope: @alicloud [vendors:alibaba-cloud https://github.com/aliyun]');

    const lodash = bom.components.find((c) => c['bom-ref'] === 'pkg:npm/lodash@4.18.1')!;
    expect(lodash.supplier).toBeUndefined();
    expect(props(lodash, 'sovscan:jurisdiction:vendor')).toEqual(['unknown']);
    // the registry could not describe it: every dimension says unknown, not "none"
    const gone = bom.components.find((c) => c['bom-ref'] === 'pkg:npm/gone@1.0.0')!;
    expect(['vendor', 'maintainer', 'hosting'].map((d) => props(gone, `sovscan:jurisdiction:${d}`))).toEqual([['unknown'], ['unknown'], ['unknown']]);
    expect(bom.metadata.properties).toContainEqual({ name: 'sovscan:data', value: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
  });

  it.each(SPEC_VERSIONS)('is valid CycloneDX %s JSON (no postal address before 1.6)', async (specVersion) => {
    const { text } = await emitCycloneDx(scan, { format: 'cyclonedx-json', specVersion, reproducible: true, redact: false });
    expect(await new Validation.JsonStrictValidator(specVersion as never).validate(text)).toBeNull();
    const pop = (JSON.parse(text) as { components: Component[] }).components.find((c) => c['bom-ref'] === 'pkg:npm/%40alicloud/pop-core@1.8.0')!;
    expect(pop.supplier?.address).toEqual(specVersion === '1.5' ? undefined : { country: 'CN' });
  });

  it('is valid XML', async () => {
    const { text, notes } = await emitCycloneDx(scan, { format: 'cyclonedx-xml', specVersion: '1.6', reproducible: true, redact: false });
    expect(notes).toEqual([]);
    expect(await new Validation.XmlValidator('1.6' as never).validate(text)).toBeNull();
    expect(text).toContain('<property name="sovscan:jurisdiction:vendor">CN</property>');
  });
});

describe('big-app', () => {
  it('every component carries the three jurisdiction answers, even with nothing fetched', async () => {
    const big = await analyse({ ...DEFAULTS, target: join(REPO, '..', 'shared', 'bench', 'big-app'), offline: true, cacheDir: tempDir() });
    const bom = JSON.parse((await emitCycloneDx(big, { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false })).text) as { components: Component[] };
    expect(bom.components).toHaveLength(1292);
    for (const c of bom.components) {
      for (const d of ['vendor', 'maintainer', 'hosting']) expect(props(c, `sovscan:jurisdiction:${d}`).length, `${c['bom-ref']} ${d}`).toBeGreaterThan(0);
    }
    // npm scopes alone, without the registry, already name vendors
    expect(bom.components.filter((c) => props(c, 'sovscan:vendor').length > 0).length).toBeGreaterThan(100);
  });
});
