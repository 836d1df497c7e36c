/**
 * `sovscan diff OLD NEW` on two deliveries made from a real third-party SBOM: a component removed, one
 * upgraded, and a vendor component from China added; through the built CLI, offline.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SHARED_FIXTURES, tempDir } from '../helpers.js';

interface Component {
  'bom-ref'?: string;
  name: string;
  version?: string;
  purl?: string;
  type: string;
  components?: Component[];
}

interface Deliveries {
  old: string;
  new: string;
  /** The name of the component whose version the new delivery changes. */
  upgraded: string;
}

function deliveries(dir: string): Deliveries {
  const doc = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'sboms', 'cyclonedx-1.6_npm_bundled-dependencies.cdx.json'), 'utf8')) as { components: Component[] };
  const old = join(dir, 'delivery-1.cdx.json');
  writeFileSync(old, JSON.stringify(doc));
  const later = structuredClone(doc);
  later.components.pop();
  const upgraded = later.components[0]!;
  upgraded.version = '99.0.0';
  upgraded.purl = upgraded.purl!.replace(/@[^@?]+/, '@99.0.0');
  later.components.push({ type: 'library', 'bom-ref': 'oss', name: 'aliyun-sdk-oss', version: '3.17.4', purl: 'pkg:maven/com.aliyun.oss/aliyun-sdk-oss@3.17.4' });
  const next = join(dir, 'delivery-2.cdx.json');
  writeFileSync(next, JSON.stringify(later));
  return { old, new: next, upgraded: upgraded.name };
}

describe('sovscan diff', () => {
  it('names what the new delivery adds, removes and changes, and gates on it', async () => {
    const dir = tempDir();
    const files = deliveries(dir);
    const cache = tempDir('sovscan-cache-');
    const text = await runCli(['diff', files.old, files.new, '--offline', '--cache-dir', cache], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/components: 52 → 52 purls \(1 added, 1 removed, 1 changed version\)/);
    expect(text.stdout).toMatch(/vendors added: +Alibaba Cloud \(CN\)/);
    expect(text.stdout).toMatch(/vendor countries: \+CN/);
    expect(text.stdout).toMatch(new RegExp(`changed: .*${files.upgraded} [^ ]+ → 99\\.0\\.0`));
    expect(text.stdout).toMatch(/added: +com\.aliyun\.oss\/aliyun-sdk-oss@3\.17\.4/);

    const json = await runCli(['diff', files.old, files.new, '--offline', '--cache-dir', cache, '--json', '-q'], { cwd: dir });
    const diff = JSON.parse(json.stdout) as { components: { removed: string[] }; countries: { vendor: { added: string[] } } };
    expect(diff.components.removed).toHaveLength(1);
    expect(diff.countries.vendor.added).toEqual(['CN']);

    const gated = await runCli(['diff', files.old, files.new, '--offline', '--cache-dir', cache, '--policy', 'us-ictsc', '--fail-on', 'high', '-q'], { cwd: dir });
    expect(gated.code).toBe(1);
    const reverse = await runCli(['diff', files.new, files.old, '--offline', '--cache-dir', cache, '--policy', 'us-ictsc', '--fail-on', 'high', '-q'], { cwd: dir });
    expect(reverse.code).toBe(0);
  }, 60_000);

  it('without --policy judges both deliveries under the policy the new one records, and says so', async () => {
    const dir = tempDir();
    const files = deliveries(dir);
    const cache = tempDir('sovscan-cache-');
    const annotated = join(dir, 'delivery-2.sovscan.cdx.json');
    expect((await runCli(['enrich', files.new, '--offline', '--cache-dir', cache, '--policy', 'us-ictsc', '-o', annotated, '-q'], { cwd: dir })).code).toBe(0);
    const gated = await runCli(['diff', files.old, annotated, '--offline', '--cache-dir', cache, '--fail-on', 'high'], { cwd: dir });
    expect(gated.stdout).toMatch(/policy: +us-ictsc \(recorded in .*delivery-2\.sovscan\.cdx\.json\)/);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/^sovscan: exit 1: 1 package: com\.aliyun\.oss\/aliyun-sdk-oss@3\.17\.4 \(high\) at high or above added or raised by .*delivery-2\.sovscan\.cdx\.json under policy us-ictsc$/m);
    const json = JSON.parse((await runCli(['diff', files.old, annotated, '--offline', '--cache-dir', cache, '--json', '-q'], { cwd: dir })).stdout) as { policy: { id: string } };
    expect(json.policy.id).toBe('us-ictsc');
    // a delivery that records no policy is judged under the default, and the output says that
    const plain = await runCli(['diff', files.old, files.new, '--offline', '--cache-dir', cache, '--fail-on', 'high'], { cwd: dir });
    expect(plain.stdout).toMatch(/policy: +neutral \(the default: .* records no policy\)/);
    expect(plain.code).toBe(0);
    // XML deliveries record it the same way
    const xml = join(SHARED_FIXTURES, 'sboms', 'cyclonedx-1.5_npm_bundled-dependencies.cdx.xml');
    const xmlAnnotated = join(dir, 'delivery.sovscan.cdx.xml');
    expect((await runCli(['enrich', xml, '--offline', '--cache-dir', cache, '--policy', 'eu-adequacy', '-o', xmlAnnotated, '-q'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['diff', xml, xmlAnnotated, '--offline', '--cache-dir', cache], { cwd: dir })).stdout).toMatch(/policy: +eu-adequacy \(recorded in /);
  }, 60_000);
});
