/**
 * `sovscan enrich SBOM`: a vendor's SBOM in, the same SBOM out with sovscan's answers added. The same
 * stages as a scan: its components are the graph (resolve), npm components are read from the registry
 * (enrich), every component is attributed and assessed, and the document is annotated in its own format.
 */
import { loadPolicy, presetIds } from './assess/policy.js';
import { defaultCacheDir } from './enrich/cache.js';
import { annotateSbom } from './emit/annotate/index.js';
import type { Issue, Scan } from './model.js';
import type { ScanOptions } from './options.js';
import { analyseResolved, assessScan, type PipelineHooks } from './pipeline.js';
import { declaredFacts, sbomGraph } from './resolve/sbom/graph.js';
import { readVendorSbom } from './resolve/sbom/index.js';
import { recordedPolicy, type RecordedPolicy } from './resolve/sbom/recorded.js';

export type SbomPipelineOptions = Pick<ScanOptions, 'target' | 'registry' | 'cacheDir' | 'offline' | 'concurrency' | 'history' | 'policy' | 'redact' | 'reproducible'> & {
  /** Judge under the preset the SBOM records (`sovscan:policy`) when it records one; `policy` otherwise. */
  recordedPolicy?: boolean;
};

export async function runSbomPipeline(options: SbomPipelineOptions, hooks: PipelineHooks = {}): Promise<{ scan: Scan; document: string; recorded?: RecordedPolicy }> {
  const file = options.target;
  const read = await readVendorSbom(file);
  const recorded = recordedPolicy(read.sbom);
  const usable = options.recordedPolicy && recorded && presetIds().includes(recorded.id);
  const policy = await loadPolicy(usable ? recorded.id : options.policy);
  const graph = sbomGraph(read.sbom);
  const issues: Issue[] = read.problems.map((p) => ({ severity: 'warning', code: 'W_SBOM_SCHEMA', message: `${file}: ${p.pointer}: ${p.message}`, file }));
  if (read.problems.length > 0) {
    issues.push({ severity: 'warning', code: 'W_SBOM_SCHEMA', message: `${file} does not follow its schema (${read.problems.length} problem${read.problems.length === 1 ? '' : 's'} above); everything that could be read was processed`, file });
  }
  if (read.unchecked) issues.push({ severity: 'warning', code: 'W_SBOM_UNCHECKED', message: `${file}: not checked against its schema: ${read.unchecked}`, file });
  const declared = new Map(read.sbom.components.filter((c) => graph.nodes.get(c.key)?.source !== 'registry').map((c) => [c.key, declaredFacts(c)]));
  const scan = await analyseResolved({ graph, issues, projectDir: process.cwd(), complete: true, declared }, { ...options, cacheDir: options.cacheDir ?? defaultCacheDir() }, hooks);
  await assessScan(scan, policy, hooks);
  return { scan, document: annotateSbom(read.sbom, scan, { redact: options.redact, reproducible: options.reproducible }), ...(recorded ? { recorded } : {}) };
}
