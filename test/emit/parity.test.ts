/**
 * What CI users get from cyclonedx-npm today, sovscan writes too: each component's `description` from its
 * registry document, npm's `extraneous` entries marked as such, and a supplier sovscan inferred marked as
 * inferred (docs/taxonomy.md). Built CLI against a loopback registry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionDoc } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';
import { runCli, tempDir } from '../helpers.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistry({
    '/left-pad/1.3.0': { kind: 'json', body: versionDoc('left-pad', '1.3.0', { description: 'String left pad' }) },
    '/@alicloud/pop-core/1.8.0': { kind: 'json', body: versionDoc('@alicloud/pop-core', '1.8.0', { description: `${'x'.repeat(1200)}` }) },
    '/stray/2.0.0': { kind: 'json', body: versionDoc('stray', '2.0.0') },
  });
});
afterAll(async () => {
  await server.close();
});

interface Component {
  name: string;
  group?: string;
  description?: string;
  supplier?: { name: string };
  properties?: { name: string; value: string }[];
}

describe('SBOM parity with cyclonedx-npm', () => {
  it('writes descriptions, marks extraneous entries and inferred suppliers', async () => {
    const dir = tempDir();
    const manifest = { name: 'app', version: '1.0.0', dependencies: { 'left-pad': '1.3.0', '@alicloud/pop-core': '1.8.0' } };
    const packages = { '': manifest, 'node_modules/left-pad': { version: '1.3.0' }, 'node_modules/@alicloud/pop-core': { version: '1.8.0' }, 'node_modules/stray': { version: '2.0.0', extraneous: true } };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages }));
    const out = join(dir, 'sbom.cdx.json');
    const r = await runCli(['scan', dir, '-o', out, '--registry', server.url, '--cache-dir', tempDir(), '-q']);
    expect(r.code).toBe(0);
    const components = (JSON.parse(readFileSync(out, 'utf8')) as { components: Component[] }).components;
    const byName = (name: string) => components.find((c) => (c.group ? `${c.group}/${c.name}` : c.name) === name)!;
    const prop = (c: Component, name: string) => c.properties?.filter((p) => p.name === name).map((p) => p.value);
    expect(byName('left-pad').description).toBe('String left pad');
    expect(byName('@alicloud/pop-core').description).toHaveLength(1000);
    expect(byName('stray').description).toBeUndefined();
    expect(prop(byName('stray'), 'cdx:npm:package:extraneous')).toEqual(['true']);
    expect(prop(byName('left-pad'), 'cdx:npm:package:extraneous')).toEqual([]);
    expect(byName('@alicloud/pop-core').supplier?.name).toBe('Alibaba Cloud');
    expect(prop(byName('@alicloud/pop-core'), 'sovscan:supplier')).toEqual(['inferred']);
    expect(prop(byName('left-pad'), 'sovscan:supplier')).toEqual([]);
  });
});
