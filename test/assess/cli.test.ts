/** Policies from the command line: presets, --fail-on exit codes, policy list | show | check. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH, runCli, tempDir } from '../helpers.js';

const offline = () => ['--offline', '--cache-dir', tempDir('sovscan-cache-')];
const big = join(BENCH, 'big-app');

describe('presets on big-app (npm scopes alone, offline)', () => {
  it('neutral exits 0', async () => {
    const r = await runCli(['scan', big, '-o', join(tempDir(), 'b.json'), ...offline(), '--fail-on', 'high']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/risk \(policy neutral\): /);
  });

  it('us-ictsc --fail-on high exits 1 and names the packages controlled from the listed countries, with their paths', async () => {
    const out = join(tempDir(), 'b.json');
    const r = await runCli(['scan', big, '-o', out, ...offline(), '--policy', 'us-ictsc', '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/high +@alicloud\/openapi-client@0\.4\.15 +via big-app\n +The vendor points to CN \(Alibaba Cloud\), a foreign adversary country under 15 CFR 791\.4/);
    const bom = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as { components: { name: string; group?: string; properties?: { name: string; value: string }[] }[]; annotations: { subjects: string[]; text: string }[]; metadata: { properties: { name: string; value: string }[] } };
    const risk = (group: string, name: string) => bom.components.find((c) => c.group === group && c.name === name)!.properties!.find((p) => p.name === 'sovscan:risk')!.value;
    expect(risk('@alicloud', 'pop-core')).toBe('high');
    expect(risk('@vkontakte', 'vkui')).toBe('high');
    expect(risk('@aws-sdk', 'client-s3')).toBe('none');
    expect(bom.annotations.some((a) => a.subjects[0] === 'pkg:npm/%40alicloud/pop-core@1.8.0' && /Path: big-app > @alicloud\/pop-core/.test(a.text))).toBe(true);
    expect(bom.metadata.properties).toContainEqual({ name: 'sovscan:policy', value: 'us-ictsc 2026-12-05' });
  });

  it('eu-sovereignty flags US-controlled vendors', async () => {
    const out = join(tempDir(), 'b.json');
    const r = await runCli(['scan', big, '-o', out, ...offline(), '--policy', 'eu-sovereignty', '--fail-on', 'high']);
    expect(r.code).toBe(1);
    const bom = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as { components: { name: string; group?: string; properties?: { name: string; value: string }[] }[] };
    const s3 = bom.components.find((c) => c.group === '@aws-sdk' && c.name === 'client-s3')!.properties!;
    expect(s3.find((p) => p.name === 'sovscan:risk')!.value).toBe('high');
    expect(s3.find((p) => p.name === 'sovscan:risk:reason')!.value).toMatch(/The vendor points to US \(Amazon Web Services\), a US company, which the CLOUD Act \(18 U\.S\.C\. § 2713\) can compel to disclose data it holds wherever the data is stored/);
    const sap = bom.components.find((c) => c.group === '@ui5')?.properties;
    if (sap) expect(sap.find((p) => p.name === 'sovscan:risk')!.value).not.toBe('high');
  });
});

describe('sovscan policy', () => {
  it('lists the presets with their instruments', async () => {
    const r = await runCli(['policy', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^us-ictsc +US ICTS rule: foreign adversaries \(15 CFR 791\.4\)/m);
    expect(r.stdout.match(/^\S/gm)).toHaveLength(7);
  });

  it('shows a preset with its groups expanded', async () => {
    const r = await runCli(['policy', 'show', 'us-ictsc']);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'us-ictsc', rules: [{ dimensions: ['vendor'], level: 'high', expands: ['CN', 'CU', 'HK', 'IR', 'KP', 'MO', 'RU'] }, expect.any(Object), { dimensions: ['vendor'], level: 'low', expands: ['VE'] }] });
  });

  it('checks a good file and reports every error of a bad one (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), 'id: acme\nextends: eu-sovereignty\nwaivers:\n  - id: W-7\n    match: { vendor: aws }\n    reason: contract with EU data boundary\n    owner: legal@example.test\n    expires: 2027-06-30\n');
    const good = await runCli(['policy', 'check', join(dir, 'good.yaml')]);
    expect([good.code, good.stdout]).toEqual([0, expect.stringContaining('valid policy acme (extends eu-sovereignty), 6 rule(s), 1 waiver(s)')]);
    writeFileSync(join(dir, 'bad.yaml'), 'id: acme\nrules:\n  - countries: [ZZ]\n    level: severe\n');
    const bad = await runCli(['policy', 'check', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid policy');
    expect(bad.stderr).toContain('/rules/0/level: expected one of none, low, medium, high, critical');
    expect(bad.stderr).toContain('ZZ is not an ISO 3166-1 alpha-2 country code');
    const unknown = await runCli(['scan', join(BENCH, 'medium-app'), '--policy', 'nope', ...offline()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown policy nope: not a preset and not a file. The presets are');
    const typo = await runCli(['scan', join(BENCH, 'medium-app'), '--policy', 'eu-soverignty', ...offline()]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown policy eu-soverignty: not a preset and not a file. Did you mean eu-sovereignty? The presets are');
  });
});
