/**
 * One weak fact never decides: under every preset, a maintainer country resting on one personal hint is
 * not rated, whatever the policy's minimum confidence; corroborated by an independent fact, it is rated
 * where the preset rates that country. Real recorded documents (test/fixtures/registry/), attributed and
 * assessed as a scan does.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess/index.js';
import { loadPolicy, presetIds } from '../../src/assess/policy.js';
import { attributePackage } from '../../src/attribute/index.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';
import { extractFacts } from '../../src/enrich/facts.js';
import { drift } from '../../src/drift/index.js';
import { emitCsv } from '../../src/emit/reports/csv.js';
import type { Graph, Scan } from '../../src/model.js';
import { fixture, registryNode } from '../attribute/helpers.js';

const REGISTRY = defaultRegistry()!;

function scanOf(doc: Record<string, unknown>): Scan {
  const node = registryNode(String(doc.name), String(doc.version));
  const facts = extractFacts(doc, REGISTRY);
  const root = { ...registryNode('app'), source: 'root' as const, dependencies: new Set([node.id]) };
  const graph: Graph = { root, nodes: new Map([[node.id, node]]) };
  return { graph, facts: new Map([[node.id, facts]]), issues: [], complete: true, attributions: new Map([[node.id, attributePackage({ node, facts, defaultRegistry: REGISTRY })]]) };
}

async function maintainerReasons(preset: string, doc: Record<string, unknown>, minConfidence?: number): Promise<string[]> {
  const policy = await loadPolicy(preset);
  const { findings, countries } = assess(scanOf(doc), minConfidence === undefined ? policy : { ...policy, minConfidence }, '2026-12-05');
  expect(Object.keys(countries.maintainer).length).toBeLessThanOrEqual(1);
  return [...findings.values()].flatMap((f) => f.reasons).filter((r) => r.startsWith('The maintainers'));
}

const postcss = fixture('postcss@8.4.49.json');
// The development registry omits maintainers: the second maintainer is added to the recorded document here.
const corroborated = { ...postcss, maintainers: [{ name: 'second', email: 'second@second-maintainer.ru' }] };
/** Where each preset rates a Russian maintainer country (data/policies/). */
const RATES_RU: Record<string, boolean> = { neutral: false, 'eu-sovereignty': true, 'eu-adequacy': true, 'us-ictsc': true, 'us-dsp': true, 'us-clean-network': false, 'ofac-comprehensive': false };

describe.each(presetIds())('%s', (preset) => {
  it.each([
    ['postcss (RU, one author domain)', postcss],
    ['ioredis (LI, one vanity domain)', fixture('ioredis@5.4.1.json')],
    ['quickjs-emscripten (TL, one vanity website)', fixture('quickjs-emscripten@0.31.0.json')],
    ['yargs-parser (US, an employer only the author names)', fixture('yargs-parser@21.1.1.json')],
    ['prosemirror-model (DE and NL, one person\'s two domains)', fixture('prosemirror-model@1.24.1.json')],
  ])('a lone indication is not rated, even at minConfidence 0: %s', async (_name, doc) => {
    expect(await maintainerReasons(preset, doc, 0)).toEqual([]);
  });

  it('a corroborated one is rated where the preset rates the country', async () => {
    expect(preset in RATES_RU).toBe(true);
    const reasons = await maintainerReasons(preset, corroborated);
    expect(reasons.length > 0).toBe(RATES_RU[preset]);
    for (const reason of reasons) expect(reason).toMatch(/^The maintainers point to RU, .*confidence 0\.64/);
  });
});

describe('an indication is not an answer in the tabular reports nor for the drift gate', () => {
  it('the CSV says unknown where only an indication stands, and a corroborated country is listed', async () => {
    const column = async (doc: Record<string, unknown>) => {
      const scan = scanOf(doc);
      scan.assessment = assess(scan, await loadPolicy('eu-sovereignty'), '2026-12-05');
      const [header, row] = emitCsv(scan).split('\r\n');
      return row!.split(',')[header!.split(',').indexOf('maintainer countries')];
    };
    expect(await column(postcss)).toBe('unknown');
    expect(await column(corroborated)).toBe('RU');
  });

  it('drift reports no new maintainer country for an indication, and does for a corroborated one', () => {
    const base = scanOf(fixture('yargs-parser@21.1.1.json'));
    const countries = (head: Scan) => drift(head, base, 'base').changes.filter((c) => c.kind === 'new-country').map((c) => c.detail);
    expect(countries(scanOf(postcss))).toEqual([]);
    expect(countries(scanOf(corroborated))).toEqual([expect.stringContaining('brings RU into the maintainer dimension')]);
  });
});
