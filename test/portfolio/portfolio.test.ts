/**
 * `sovscan portfolio` on SBOMs that sovscan itself wrote for two real projects (medium-app and its yarn
 * twin, offline), one of them under another policy, and one with hostile component text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../src/portfolio/index.js';
import { BENCH, runCli, SHARED_FIXTURES, tempDir } from '../helpers.js';

let dir: string;
const sbom = (name: string) => join(dir, `${name}.cdx.json`);

beforeAll(async () => {
  dir = tempDir();
  const cache = tempDir('sovscan-cache-');
  for (const [project, policy] of [['medium-app', 'us-ictsc'], ['medium-app-yarn', 'us-ictsc'], ['medium-app-pnpm', 'eu-sovereignty']] as const) {
    const r = await runCli(['scan', join(BENCH, project), '--offline', '--cache-dir', cache, '--policy', policy, '-o', sbom(project), '-q']);
    expect(r.code).toBe(0);
  }
  // a project whose SBOM carries hostile text (a vendor's, say): it must stay text in every report
  const doc = JSON.parse(readFileSync(sbom('medium-app'), 'utf8')) as { metadata: { component: { name: string } }; components: { name: string; properties?: { name: string; value: string }[] }[] };
  doc.metadata.component.name = '<img src=x onerror=alert(1)>';
  doc.components[0]!.properties = [...(doc.components[0]!.properties ?? []), { name: 'sovscan:vendor', value: '=cmd|calc <script>alert(1)</script>' }, { name: 'sovscan:risk', value: 'high' }];
  writeFileSync(sbom('hostile'), JSON.stringify(doc));
}, 120_000);

describe('sovscan portfolio', () => {
  it('folds the projects into vendors, countries and recurring packages, and flags mixed policies', async () => {
    const out = join(dir, 'org');
    const files = ['medium-app', 'medium-app-yarn', 'medium-app-pnpm'].map(sbom);
    const r = await runCli(['portfolio', ...files, '--report', `json=${out}.json`, '--report', `csv=${out}.csv`, '--report', `markdown=${out}.md`, '--report', `html=${out}.html`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sovscan portfolio: 3 project\(s\)/);
    expect(r.stdout).toMatch(/warning: assessed under different policies \(us-ictsc [\d-]+, eu-sovereignty [\d-]+\)/);
    const portfolio = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Portfolio;
    expect(portfolio.projects.map((p) => p.name)).toEqual(['medium-app', 'medium-app', 'medium-app']);
    expect(portfolio.mixed).toEqual({ policies: true, data: false });
    expect(portfolio.policies).toEqual({ [portfolio.projects[0]!.policy!]: [0, 1], [portfolio.projects[2]!.policy!]: [2] });
    // every project of the three is the same app: a vendor found in one is found in all, and its packages recur
    const alibaba = portfolio.vendors.find((v) => v.key === 'Alibaba Cloud')!;
    expect(alibaba.projects).toEqual([0, 1, 2]);
    const perProject = JSON.parse(readFileSync(sbom('medium-app'), 'utf8')) as { components: { properties?: { name: string; value: string }[] }[] };
    const alibabaPackages = perProject.components.filter((c) => c.properties?.some((p) => p.name === 'sovscan:vendor' && p.value === 'Alibaba Cloud')).length;
    expect(alibaba.packages).toBe(3 * alibabaPackages);
    expect(portfolio.countries.vendor.find((c) => c.key === 'CN')!.projects).toEqual([0, 1, 2]);
    expect(portfolio.recurring.length).toBeGreaterThan(0);
    expect(portfolio.recurring.every((p) => p.projects.length >= 2)).toBe(true);
    expect(portfolio.projects[0]!.findings.length).toBeGreaterThan(0);
    const csv = readFileSync(`${out}.csv`, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^project,version,file,policy,data,components,worst,critical,high,medium,low,unknown,none,vendors/);
    expect(csv).toHaveLength(5);
    const md = readFileSync(`${out}.md`, 'utf8');
    expect(md).toMatch(/^## sovscan portfolio: 3 project\(s\)/);
    expect(md).toContain('| Alibaba Cloud (Alibaba Group Holding) | 3 |');
    const html = readFileSync(`${out}.html`, 'utf8');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
  }, 60_000);

  it('keeps hostile SBOM text as text in every report', async () => {
    const out = join(dir, 'hostile');
    const r = await runCli(['portfolio', sbom('hostile'), '--report', `html=${out}.html`, '--report', `csv=${out}.csv`, '--report', `markdown=${out}.md`]);
    expect(r.code).toBe(0);
    const html = readFileSync(`${out}.html`, 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(readFileSync(`${out}.csv`, 'utf8')).not.toMatch(/(^|,)=cmd/m);
    expect(readFileSync(`${out}.md`, 'utf8')).toContain('\\<img src=x onerror=alert(1)\\>');
  });

  it.each([
    ['an XML SBOM', () => join(SHARED_FIXTURES, 'sboms', 'cyclonedx-1.5_npm_bundled-dependencies.cdx.xml'), /is XML; the portfolio reads CycloneDX JSON/],
    ['an SPDX document', () => join(SHARED_FIXTURES, 'sboms', 'spdx-2.3_example.spdx.json'), /is not a CycloneDX JSON document/],
    ['a missing file', () => join(dir, 'nope.json'), /Cannot read .*nope\.json: ENOENT/],
    [
      'a FIFO, without waiting on it',
      () => {
        const fifo = join(tempDir(), 'sbom.cdx.json');
        execFileSync('mkfifo', [fifo]);
        return fifo;
      },
      /a FIFO/,
    ],
  ])('refuses %s with exit 2', async (_, file, message) => {
    const r = await runCli(['portfolio', sbom('medium-app'), file()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
