/**
 * The HTML report in a real headless Chromium: the report of big-app opens without a console error or a
 * network request, its map, toggles, filters, sort, details and keyboard
 * work, it prints to a PDF with its annex, and a report made of hostile package metadata runs nothing
 * and shows that metadata as text.
 */
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitHtml } from '../../../src/emit/reports/html/index.js';
import type { PackageFacts } from '../../../src/enrich/facts.js';
import type { PackageNode, Scan } from '../../../src/model.js';
import { launchChromium } from '../../../scripts/chromium.js';
import { BENCH, runCli, tempDir } from '../../helpers.js';

let browser: Browser;
const out = tempDir('sovscan-html-');
const report = join(out, 'big-app.html');

beforeAll(async () => {
  browser = await launchChromium();
  const project = join(tempDir(), 'big-app');
  cpSync(join(BENCH, 'big-app'), project, { recursive: true });
  const result = await runCli(['scan', '.', '--offline', '--cache-dir', tempDir('sovscan-cache-'), '--policy', 'us-ictsc', '-o', join(out, 'sbom.cdx.json'), '-q', '--report', `html=${report}`], { cwd: project });
  expect(result.stderr).toBe('');
});
afterAll(() => browser?.close());

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await browser.newPage();
  const opened: Opened = { page, errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => m.type() === 'error' && opened.errors.push(m.text()));
  page.on('pageerror', (e) => opened.errors.push(String(e)));
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready]');
  return opened;
}

const count = async (page: Page) => Number(/Showing (\d+) of/.exec((await page.textContent('#sovscan-count')) ?? '')![1]);
const names = (page: Page) => page.$$eval('#sovscan-rows tr:not(.details)', (rows) => rows.map((r) => (r as HTMLElement).dataset.name ?? ''));

describe('the HTML report of big-app', () => {
  // Its time to render is measured by `npm run bench` (section 5), not asserted here.
  it('is one file under 2.5 MB that opens without errors or requests', async () => {
    expect(statSync(report).size).toBeLessThanOrEqual(2_500_000);
    const { page, errors, requests } = await open(report);
    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${report}`]);
    expect(Number(await page.getAttribute('body', 'data-ready'))).toBeGreaterThan(0);
    expect(await count(page)).toBe(1292);
    await page.screenshot({ path: join(out, 'big-app.png'), fullPage: true });
    expect(statSync(join(out, 'big-app.png')).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('renders the map and switches its dimension', async () => {
    const { page } = await open(report);
    expect(await page.locator('#sovscan-map path[data-cc]').count()).toBeGreaterThan(150);
    const coloured = () => page.locator('#sovscan-map path:is(.c1, .c2, .c3, .c4, .c5)').count();
    expect(await coloured()).toBeGreaterThan(0);
    expect(await page.textContent('#sovscan-map-caption')).toMatch(/vendor dimension/);
    await page.click('button[data-dimension="hosting"]');
    expect(await page.getAttribute('button[data-dimension="hosting"]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#sovscan-map-caption')).toMatch(/hosting dimension/);
    expect(await page.textContent('#sovscan-chart-countries-title')).toMatch(/hosting/);
    await page.close();
  });

  it("searches, filters and sorts the table, and opens a package's evidence", async () => {
    const { page } = await open(report);
    await page.fill('#sovscan-search', 'react');
    const found = await count(page);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(1292);
    expect((await names(page)).every((n) => n.toLowerCase().includes('react'))).toBe(true);
    await page.fill('#sovscan-search', '');
    await page.selectOption('#sovscan-filter-country', 'CN');
    const chinese = await count(page);
    expect(chinese).toBeGreaterThan(0);
    expect(chinese).toBeLessThan(1292);
    await page.selectOption('#sovscan-filter-country', '');

    await page.click('th button[data-sort="name"]');
    const ascending = await names(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    expect(await page.getAttribute('th:has(button[data-sort="name"])', 'aria-sort')).toBe('ascending');
    await page.click('th button[data-sort="name"]');
    expect((await names(page))[0]).toBe(ascending[ascending.length - 1]);

    const toggle = page.locator('#sovscan-rows button.details-toggle').first();
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('#sovscan-rows tr.details:not([hidden]) pre').first();
    expect(await details.textContent()).toMatch(/How it gets into big-app@1\.4\.0: big-app@1\.4\.0 → /);
    await page.close();
  });

  it('works from the keyboard', async () => {
    const { page } = await open(report);
    await page.focus('button[data-dimension="vendor"]');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('button[data-dimension="maintainer"]', 'aria-pressed')).toBe('true');
    await page.focus('#sovscan-rows button.details-toggle');
    await page.keyboard.press('Enter');
    expect(await page.locator('#sovscan-rows button.details-toggle').first().getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('prints a clean annex: no controls, every finding with its evidence', async () => {
    const { page } = await open(report);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#sovscan-search')).toBe(false);
    expect(await page.isVisible('.annex')).toBe(true);
    const sections = await page.locator('.annex section').count();
    expect(sections).toBeGreaterThan(0);
    expect(sections).toBe(await page.$$eval('#sovscan-rows tr td.level', (cells) => cells.filter((c) => !['none', 'unknown'].includes(c.textContent ?? '')).length));
    const pdf = await page.pdf({ path: join(out, 'big-app.pdf') });
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen', forcedColors: 'active' });
    expect(await page.isVisible('#sovscan-map')).toBe(true);
    await page.close();
  });
});

describe('hostile metadata', () => {
  const HOSTILE = ['<script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned = 2">', 'javascript:window.__pwned = 3', '\u001b[31mred\u001b[0m', 'abc\u202edcba', '"><svg onload="window.__pwned=4">'];

  it('runs nothing and shows the text as text', async () => {
    const flags = { dev: false, optional: false, devOptional: false, peer: false, bundled: false };
    const node = (name: string, i: number): PackageNode => ({ id: `n${i}`, name, version: `1.0.${i}`, purl: `pkg:npm/x${i}@1`, source: 'registry', aliases: [], paths: [`node_modules/${name}`], flags, dependencies: new Set(), resolved: HOSTILE[2] });
    const nodes = new Map(HOSTILE.map((h, i) => [`n${i}`, node(h, i)]));
    const root: PackageNode = { ...node(HOSTILE[0]!, 99), id: 'root', source: 'root', dependencies: new Set(nodes.keys()) };
    const facts = new Map<string, PackageFacts>(
      [...nodes.keys()].map((id, i) => [id, { registry: HOSTILE[2]!, homepage: HOSTILE[2], repository: { url: HOSTILE[(i + 1) % HOSTILE.length]! }, provenance: { state: 'absent', signature: 'absent' } }]),
    );
    const scan: Scan = { graph: { root, nodes }, facts, issues: [], complete: true };
    const file = join(out, 'hostile.html');
    writeFileSync(file, await emitHtml(scan, { failOn: 'none', redact: false, cwd: out }));
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script>window|<img src=x|<svg onload/);

    const { page, errors, requests, dialogs } = await open(file);
    for (const toggle of await page.locator('#sovscan-rows button.details-toggle').all()) await toggle.click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(text).toContain('\\u001b[31mred\\u001b[0m');
    expect(text).toContain('abc\\u202edcba');
    expect([...text].some((c) => c === '\u001b' || c === '\u202e')).toBe(false);
    expect(await page.locator('a').count()).toBe(0);
    await page.close();
  });
});
