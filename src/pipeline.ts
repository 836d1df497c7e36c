/**
 * resolve → enrich → attribute → assess → emit, and nothing else (DESIGN.md §1).
 */
import { assess } from './assess/index.js';
import { loadPolicy, type Policy } from './assess/policy.js';
import { attribute, attributor, readsPeople, type Attribution } from './attribute/index.js';
import { loadAttributionData } from './attribute/data.js';
import { defaultCacheDir } from './enrich/cache.js';
import { enrich } from './enrich/index.js';
import { emitCycloneDx } from './emit/cyclonedx/index.js';
import { preloadValidator } from './emit/cyclonedx/validate.js';
import type { Scan } from './model.js';
import { SovscanError } from './errors.js';
import type { ScanOptions } from './options.js';
import { resolveTarget, type Resolved } from './resolve/index.js';
import type { PackageFacts } from './enrich/facts.js';
import { drift } from './drift/index.js';
import { prepareBase } from './drift/base.js';
import { resolve as resolvePath } from 'node:path';

export interface PipelineResult {
  scan: Scan;
  sbom: string;
}

export interface PipelineHooks {
  onProgress?: (done: number, total: number, failed?: number) => void;
  /** Called with each stage's wall time (SOVSCAN_TIMINGS=1 prints them). */
  onStage?: (stage: 'resolve' | 'enrich' | 'attribute' | 'assess' | 'emit', ms: number) => void;
}

async function timed<T>(stage: Parameters<NonNullable<PipelineHooks['onStage']>>[0], hooks: PipelineHooks, run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    hooks.onStage?.(stage, performance.now() - start);
  }
}

export type AnalysisOptions = Pick<ScanOptions, 'target' | 'omit' | 'workspace' | 'registry' | 'allowEnv' | 'allowedRegistries' | 'cacheDir' | 'offline' | 'concurrency' | 'history' | 'format' | 'specVersion'> & { redact?: boolean };

/** Every stage before emit: the `Scan` that outputs and `explain` read. */
export async function analyse(options: AnalysisOptions, hooks: PipelineHooks = {}): Promise<Scan> {
  const resolved = await timed('resolve', hooks, () =>
    resolveTarget(options.target, {
      omit: options.omit,
      workspace: options.workspace,
      registry: options.registry,
      allowEnv: options.allowEnv,
      allowedRegistries: options.allowedRegistries,
      cacheDir: options.cacheDir ?? defaultCacheDir(),
      offline: options.offline,
      concurrency: options.concurrency,
    }),
  );
  return analyseResolved(resolved, options, hooks);
}

/** enrich and attribute a resolved graph; `declared` facts stand in where no registry describes a package. */
export async function analyseResolved(
  resolved: Pick<Resolved, 'graph' | 'issues' | 'projectDir' | 'complete'> & { declared?: Map<string, PackageFacts> },
  options: Omit<AnalysisOptions, 'target' | 'omit' | 'workspace' | 'format' | 'specVersion'> & Partial<Pick<AnalysisOptions, 'format' | 'specVersion'>>,
  hooks: PipelineHooks = {},
): Promise<Scan> {
  // Attribution is pure and per package: each registry package is attributed as soon as its facts are
  // in, while the registry is still answering for others; the rest after enrich. The attribute stage's
  // time is the sum of both parts.
  const redact = options.redact;
  let attributeOne: ReturnType<typeof attributor> | undefined;
  const early = new Map<string, Attribution>();
  let attributeMs = 0;
  const enrichStart = performance.now();
  const enriching = enrich(resolved.graph, {
    onFacts: (node, facts) => {
      const start = performance.now();
      attributeOne ??= attributor({ data: loadAttributionData(), redact });
      early.set(node.id, attributeOne(node, facts));
      attributeMs += performance.now() - start;
    },
    otherVersions: { wantsNewest: readsPeople({ data: loadAttributionData() }) },
    projectDir: resolved.projectDir,
    registry: options.registry,
    allowEnv: options.allowEnv,
    allowedRegistries: options.allowedRegistries,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    offline: options.offline,
    concurrency: options.concurrency,
    history: options.history,
    onProgress: hooks.onProgress,
  });
  // While the registry answers, load the SBOM validator (a megabyte of generated code).
  if (options.format === 'cyclonedx-json' && options.specVersion) preloadValidator(options.specVersion);
  const enriched = await enriching;
  hooks.onStage?.('enrich', performance.now() - enrichStart - attributeMs);
  for (const [id, facts] of resolved.declared ?? []) if (!enriched.facts.has(id)) enriched.facts.set(id, facts);
  const scan: Scan = { graph: resolved.graph, facts: enriched.facts, issues: [...resolved.issues, ...enriched.issues], complete: resolved.complete && enriched.complete };
  const start = performance.now();
  const data = loadAttributionData();
  scan.attributions = attribute(scan, { data, redact }, early);
  scan.dataSnapshot = data.snapshot;
  hooks.onStage?.('attribute', attributeMs + performance.now() - start);
  return scan;
}

/** The findings under the policy, added to the scan. */
export async function assessScan(scan: Scan, policy: Policy, hooks: PipelineHooks = {}): Promise<void> {
  await timed('assess', hooks, () => {
    scan.assessment = assess(scan, policy, new Date().toISOString().slice(0, 10));
    scan.issues.push(...scan.assessment.issues);
  });
}

/** The base of a change that adds the project's first lockfile: the same root, no packages. */
function emptyProject(head: Scan): Scan {
  return { graph: { root: head.graph.root, nodes: new Map() }, facts: new Map(), attributions: new Map(), issues: [], complete: true };
}

export async function runPipeline(options: ScanOptions, hooks: PipelineHooks = {}): Promise<PipelineResult> {
  const policy = await loadPolicy(options.policy);
  const today = new Date().toISOString().slice(0, 10);
  const scan = await analyse(options, hooks);
  await assessScan(scan, policy, hooks);
  if (options.base !== undefined) {
    if (!scan.graph.lockfile) throw new SovscanError('E_USAGE', `--base compares lockfiles, and ${options.target} was resolved from the registry without one. Scan a project with a lockfile, or leave out --base`);
    const baseTarget = prepareBase(options.base, resolvePath(scan.graph.lockfile!.path));
    const base = baseTarget === undefined ? emptyProject(scan) : await analyse({ ...options, target: baseTarget });
    base.assessment = assess(base, policy, today);
    scan.drift = drift(scan, base, options.base);
  }
  const emitted = await timed('emit', hooks, () => emitCycloneDx(scan, options));
  for (const note of emitted.notes) scan.issues.push({ severity: 'warning', code: 'W_EMIT', message: note });
  return { scan, sbom: emitted.text };
}
