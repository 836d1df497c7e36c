/** The reports: Markdown, SARIF (schema-valid, on the right lockfile lines), CSV (formula-safe), JSON. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess/index.js';
import { loadPolicy } from '../../src/assess/policy.js';
import { csvCell, emitCsv } from '../../src/emit/reports/csv.js';
import { emitJsonReport } from '../../src/emit/reports/json.js';
import { emitMarkdown, md } from '../../src/emit/reports/markdown.js';
import { emitSarif } from '../../src/emit/reports/sarif.js';
import type { Scan } from '../../src/model.js';
import { DEFAULTS } from '../../src/options.js';
import { analyse } from '../../src/pipeline.js';
import { BENCH, FIXTURES, SHARED_FIXTURES, tempDir } from '../helpers.js';

async function scanOf(target: string, policy: string): Promise<Scan> {
  const scan = await analyse({ ...DEFAULTS, target, offline: true, cacheDir: tempDir() });
  scan.assessment = assess(scan, await loadPolicy(policy), '2026-11-29');
  return scan;
}

const HOSTILE = ['<img src=x onerror=alert(1)>', '=cmd|\' /C calc\'!A0', '[click](javascript:alert(1))', 'a|b', '\u001b[31mred\u001b[0m', '\u202egnp.exe', 'x\ny'];

function hostileProject(): string {
  const dir = tempDir();
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(HOSTILE.map((h, i) => [`@alicloud/h${i}`, '1.0.0'])) } };
  HOSTILE.forEach((h, i) => (packages[`node_modules/@alicloud/h${i}`] = { name: `@alicloud/${h}`, version: '1.0.0' }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  return dir;
}

describe('SARIF', () => {
  it('is valid SARIF 2.1.0 and points every result at its lockfile line', async () => {
    const scan = await scanOf(join(BENCH, 'big-app'), 'us-ictsc');
    const text = emitSarif(scan, { cwd: BENCH });
    const schema = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new AjvDraft4.default({ allErrors: true, strict: false });
    // the SARIF schema's formats (uri, uri-reference, date-time) are checked, not ignored with a warning each
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(text) as { runs: { results: { ruleId: string; partialFingerprints: Record<string, string>; properties: { purl: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0]!.results;
    expect(results.length).toBeGreaterThan(50);
    const lines = readFileSync(join(BENCH, 'big-app', 'package-lock.json'), 'utf8').split('\n');
    for (const r of results) {
      const location = r.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uri).toBe('big-app/package-lock.json');
      const name = decodeURIComponent(r.properties.purl.slice('pkg:npm/'.length).replace(/@[^@]*$/, ''));
      expect(lines[location.region.startLine - 1]).toMatch(new RegExp(`"node_modules/(.*/node_modules/)?${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}": \\{`, 'i'));
    }
    expect(new Set(results.map((r) => r.partialFingerprints['sovscan/v1'])).size).toBe(results.length);
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('country:vendor');
    // stable across runs
    expect(emitSarif(await scanOf(join(BENCH, 'big-app'), 'us-ictsc'), { cwd: BENCH })).toBe(text);
  });

  it.each(['yarn-classic', 'yarn-berry', 'pnpm-v9', 'pnpm-v6', 'pnpm-v5'])('locates packages in %s', async (fixture) => {
    const scan = await scanOf(join(FIXTURES, 'lockfiles', fixture), 'eu-sovereignty');
    scan.assessment = assess(scan, { ...(await loadPolicy('neutral')), unknown: 'low' }, '2026-11-29');
    const sarif = JSON.parse(emitSarif(scan, { cwd: join(FIXTURES, 'lockfiles') })) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const lockfile = readFileSync(scan.graph.lockfile!.path, 'utf8').split('\n');
    const scheduler = sarif.runs[0]!.results.find((r) => r.message.text.startsWith('scheduler@0.23.0'))!;
    expect(lockfile[scheduler.locations[0]!.physicalLocation.region.startLine - 1]).toContain('scheduler');
  });
});

describe('Markdown report', () => {
  it('says how many a cut list shows of how many, highest level first, and writes no empty table', async () => {
    const scan = await scanOf(join(BENCH, 'medium-app'), 'neutral');
    scan.assessment = assess(scan, { ...(await loadPolicy('neutral')), unknown: 'low' }, '2026-11-29');
    const low = [...scan.assessment.findings.values()].filter((f) => f.level === 'low').length;
    expect(low).toBeGreaterThan(20);
    const text = emitMarkdown(scan, { failOn: 'low' });
    expect(text).toContain(`20 of ${low} shown`);
    expect(text).not.toMatch(/\|---\|---\|\n\n/);
    const quiet = emitMarkdown(await scanOf(join(BENCH, 'medium-app'), 'neutral'), { failOn: 'none' });
    expect(quiet).toMatch(/^## sovscan: ✅ within policy/);
    expect(quiet).not.toContain('### What fails the gate');
    expect(quiet).not.toMatch(/\| level \| packages \|\n\|---\|---:\|\n\n/);
  });
});

describe('hostile metadata stays text', () => {
  it('Markdown escapes markup and control characters', async () => {
    const scan = await scanOf(hostileProject(), 'us-ictsc');
    const text = emitMarkdown(scan, { failOn: 'high' });
    expect(text).toMatch(/^## sovscan: ❌ 7 package\(s\) at high or above/);
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
    // each hostile package fails the gate and is listed among the findings: two rows each
    const rows = text.split('\n').filter((l) => l.startsWith('| high | @alicloud'));
    expect(rows).toHaveLength(2 * HOSTILE.length);
    for (const line of rows) expect(line.split(/(?<!\\)\|/).length).toBe(7);
    expect(md('a|b')).toBe('a\\|b');
  });

  it('CSV neutralises formulas and quotes what needs quoting', async () => {
    const scan = await scanOf(hostileProject(), 'us-ictsc');
    const text = emitCsv(scan);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    expect(text).toContain("'@alicloud/=cmd|' /C calc'!A0");
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('plain')).toBe('plain');
    expect(text.split('\r\n').length).toBe(HOSTILE.length + 2);
  });
});

describe('JSON report', () => {
  it('carries the scan model, and no people under --redact', async () => {
    const scan = await scanOf(join(FIXTURES, 'lockfiles', 'npm-v3'), 'us-ictsc');
    const node = [...scan.graph.nodes.values()][0]!;
    scan.facts.set(node.id, { registry: 'r', author: { name: 'Jane Doe', email: 'jane@example.test' }, maintainers: [{ name: 'Jane Doe', email: 'jane@example.test' }], provenance: { state: 'absent', signature: 'absent' } });
    const full = JSON.parse(emitJsonReport(scan, { redact: false, failOn: 'high' })) as { reportVersion: number; packages: { id: string; facts: unknown; finding: unknown; jurisdictions: unknown }[] };
    expect(full.reportVersion).toBe(1);
    expect(full.packages).toHaveLength(scan.graph.nodes.size);
    expect(JSON.stringify(full)).toContain('Jane Doe');
    const redacted = emitJsonReport(scan, { redact: true, failOn: 'high' });
    expect(redacted).not.toContain('Jane Doe');
    expect(redacted).not.toContain('jane@example.test');
  });
});
