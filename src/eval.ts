/**
 * `npm run eval`: precision and recall of the vendor dimension on the project's labelled set of packages
 * (eval/labels/*.tsv, eval/README.md), at their latest versions, with every miss and every false claim.
 * A file given as the first argument is evaluated instead of the whole set.
 *
 *   npm run eval                       against npm's configured registry (documents cached as usual)
 *   npm run eval -- --recorded         against the recorded documents in test/fixtures/eval/
 *   npm run eval -- --record           refresh those recordings from the registry
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributePackage } from './attribute/index.js';
import { loadAttributionData } from './attribute/data.js';
import { defaultCacheDir, DocumentCache } from './enrich/cache.js';
import { fetchDocument } from './enrich/documents.js';
import { extractFacts } from './enrich/facts.js';
import { HttpClient, HTTP_DEFAULTS } from './enrich/http.js';
import { defaultRegistry } from './enrich/default-registry.js';
import { loadRegistryConfig, registryFor, versionDocumentUrl } from './enrich/registry-config.js';

const DEFAULT_REGISTRY = defaultRegistry() ?? '';
import type { PackageNode } from './model.js';
import { PACKAGE_ROOT } from './paths.js';
import { purlOf } from './resolve/purl.js';

export interface Label {
  name: string;
  /** ISO country of the controlling vendor, or `none`. */
  country: string;
  vendor: string;
}

export interface EvalRow {
  label: Label;
  version?: string;
  predicted?: { country: string; vendor: string; confidence: number };
  outcome: 'correct' | 'false-claim' | 'wrong-country' | 'miss' | 'correct-none' | 'no-document';
}

export interface EvalResult {
  rows: EvalRow[];
  precision: number;
  recall: number;
}

export const RECORDINGS = join(PACKAGE_ROOT, 'test', 'fixtures', 'eval');

export function readLabels(file: string): Label[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .filter((cols) => cols.length >= 3 && cols[0] !== 'package')
    .map(([name, country, vendor]) => ({ name: name!.trim(), country: country!.trim(), vendor: vendor!.trim() }));
}

const fileOf = (name: string) => `${name.replace('/', '__')}.json`;

/** Evaluate with one document per label, from whatever source `documentOf` reads. */
export async function evaluate(labels: Label[], documentOf: (name: string) => Promise<Record<string, unknown> | undefined>, registry = DEFAULT_REGISTRY): Promise<EvalResult> {
  const data = loadAttributionData();
  const rows: EvalRow[] = [];
  for (const label of labels) {
    const doc = await documentOf(label.name);
    if (!doc) {
      rows.push({ label, outcome: 'no-document' });
      continue;
    }
    const version = String(doc.version ?? '');
    const node: PackageNode = { id: label.name, name: label.name, version, purl: purlOf(label.name, version, 'registry'), source: 'registry', aliases: [], paths: [], flags: { dev: false, optional: false, devOptional: false, peer: false, bundled: false }, dependencies: new Set() };
    const attribution = attributePackage({ node, facts: extractFacts(doc, registry), defaultRegistry: DEFAULT_REGISTRY }, data);
    const vendor = attribution.vendor;
    const predicted = vendor ? { country: vendor.country, vendor: vendor.name, confidence: vendor.confidence } : undefined;
    let outcome: EvalRow['outcome'];
    if (label.country === 'none') outcome = predicted ? 'false-claim' : 'correct-none';
    else if (!predicted) outcome = 'miss';
    else outcome = predicted.country === label.country ? 'correct' : 'wrong-country';
    rows.push({ label, version, predicted, outcome });
  }
  const correct = rows.filter((r) => r.outcome === 'correct').length;
  const claimed = rows.filter((r) => r.predicted).length;
  const labelled = rows.filter((r) => r.label.country !== 'none').length;
  return { rows, precision: claimed === 0 ? 1 : correct / claimed, recall: labelled === 0 ? 1 : correct / labelled };
}

export function report(result: EvalResult): string {
  const lines = ['package\tversion\tlabel\tpredicted\toutcome'];
  for (const r of result.rows) {
    const predicted = r.predicted ? `${r.predicted.country} ${r.predicted.vendor} (${r.predicted.confidence})` : 'none';
    lines.push(`${r.label.name}\t${r.version ?? '-'}\t${r.label.country} ${r.label.vendor}\t${predicted}\t${r.outcome}`);
  }
  const bad = result.rows.filter((r) => r.outcome !== 'correct' && r.outcome !== 'correct-none');
  const countries = new Set(result.rows.map((r) => r.label.country).filter((c) => c !== 'none'));
  const none = result.rows.filter((r) => r.label.country === 'none').length;
  lines.push('', `labelled set: ${result.rows.length} packages (${none} without a vendor), ${countries.size} vendor countries`);
  lines.push(`vendor precision ${result.precision.toFixed(3)} (target ≥ 0.98), recall ${result.recall.toFixed(3)} (target ≥ 0.95)`);
  lines.push(bad.length === 0 ? 'no misses, no false claims' : `misses and false claims:\n${bad.map((r) => `  ${r.outcome}: ${r.label.name} (label ${r.label.country} ${r.label.vendor}; predicted ${r.predicted ? `${r.predicted.country} ${r.predicted.vendor}` : 'none'})`).join('\n')}`);
  return lines.join('\n');
}

/** The project's labelled set: every `*.tsv` in eval/labels/, in name order (eval/README.md); a package labelled twice is an error. */
export const LABELS_DIR = join(PACKAGE_ROOT, 'eval', 'labels');

export function readLabelSet(dir = LABELS_DIR): Label[] {
  const seen = new Map<string, string>();
  const labels: Label[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort()) {
    for (const label of readLabels(join(dir, file))) {
      const other = seen.get(label.name);
      if (other) throw new Error(`${label.name} is labelled in both eval/labels/${other} and eval/labels/${file}: keep one`);
      seen.set(label.name, file);
      labels.push(label);
    }
  }
  return labels;
}

async function main(args: string[]): Promise<void> {
  const labelsFile = args.find((a) => !a.startsWith('--'));
  const labels = labelsFile ? readLabels(labelsFile) : readLabelSet();
  if (args.includes('--recorded')) {
    const result = await evaluate(labels, async (name) => {
      try {
        return JSON.parse(readFileSync(join(RECORDINGS, fileOf(name)), 'utf8')) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    });
    console.log(`vendor evaluation on recorded documents (${RECORDINGS})\n${report(result)}`);
    return;
  }
  const config = await loadRegistryConfig({ projectDir: process.cwd() });
  const client = new HttpClient(config, HTTP_DEFAULTS);
  const cache = new DocumentCache(defaultCacheDir());
  const source = { client, cache, offline: false };
  const record = args.includes('--record');
  try {
    const result = await evaluate(labels, async (name) => {
      // `/<name>/latest` resolves the dist-tag; it is not immutable, so it bypasses the cache.
      const fetched = await fetchDocument({ ...source, cache: undefined }, versionDocumentUrl(registryFor(config, name), name, 'latest'));
      if (!fetched.ok) return undefined;
      const doc = fetched.body as Record<string, unknown>;
      if (record) {
        mkdirSync(RECORDINGS, { recursive: true });
        // Recordings name the public registry by the placeholder host the fixtures use.
        const text = JSON.stringify(doc, null, 1).split(new URL(DEFAULT_REGISTRY).host).join('registry.npm.test');
        writeFileSync(join(RECORDINGS, fileOf(name)), `${text}\n`);
      }
      return doc;
    }, config.registry);
    console.log(`vendor evaluation against ${config.registry === DEFAULT_REGISTRY ? "npm's default registry" : config.registry}\n${report(result)}`);
  } finally {
    client.close();
    await cache.flush();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main(process.argv.slice(2));
