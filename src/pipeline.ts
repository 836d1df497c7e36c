/**
 * resolve → enrich → attribute → assess → emit, and nothing else (DESIGN.md §1).
 */
import { emitCycloneDx } from './emit/cyclonedx/index.js';
import type { Scan } from './model.js';
import type { ScanOptions } from './options.js';
import { resolveTarget } from './resolve/index.js';

export interface PipelineResult {
  scan: Scan;
  sbom: string;
}

export async function runPipeline(options: ScanOptions): Promise<PipelineResult> {
  const resolved = await resolveTarget(options.target, { omit: options.omit, workspace: options.workspace });
  const scan: Scan = { graph: resolved.graph, issues: resolved.issues, complete: true };
  const emitted = await emitCycloneDx(scan, options);
  for (const note of emitted.notes) scan.issues.push({ severity: 'warning', code: 'W_EMIT', message: note });
  return { scan, sbom: emitted.text };
}
