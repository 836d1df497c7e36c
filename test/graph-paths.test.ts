/**
 * Paths from the project root: one breadth-first walk with parent pointers, read back on demand. A
 * 20,000-package chain (lockfile and SPDX relationships) goes through the whole pipeline here; before,
 * it took minutes and gigabytes (each path rebuilt with unshift, every finding's path built up front).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../src/assess/policy.js';
import { renderExplanation } from '../src/emit/explain.js';
import { parentsFromRoot, pathFromRoot } from '../src/graph-paths.js';
import type { Graph, PackageNode } from '../src/model.js';
import { DEFAULTS } from '../src/options.js';
import { runPipeline } from '../src/pipeline.js';
import { sbomGraph } from '../src/resolve/sbom/graph.js';
import { readVendorSbom } from '../src/resolve/sbom/index.js';
import { tempDir } from './helpers.js';

const N = 20_000;

function node(id: string, deps: string[] = []): PackageNode {
  return { id, name: id, version: '1.0.0', purl: `pkg:npm/${id}@1.0.0`, source: 'registry', aliases: [], paths: [], flags: { dev: false, optional: false, devOptional: false, peer: false, bundled: false }, dependencies: new Set(deps) };
}

function graphOf(root: string[], edges: Record<string, string[]>): Graph {
  const nodes = new Map<string, PackageNode>();
  for (const [id, deps] of Object.entries(edges)) nodes.set(id, node(id, deps));
  return { root: { ...node('', root), source: 'root' }, nodes };
}

describe('pathFromRoot', () => {
  it.each<{ name: string; root: string[]; edges: Record<string, string[]>; id: string; path: string[] | undefined }>([
    { name: 'the shortest of two ways in', root: ['a', 'b'], edges: { a: ['c'], b: [], c: ['d'], d: [] }, id: 'd', path: ['', 'a', 'c', 'd'] },
    { name: 'the first-declared of two equally short', root: ['a', 'b'], edges: { a: ['c'], b: ['c'], c: [] }, id: 'c', path: ['', 'a', 'c'] },
    { name: 'through a cycle', root: ['a'], edges: { a: ['b'], b: ['a', 'c'], c: ['a'] }, id: 'c', path: ['', 'a', 'b', 'c'] },
    { name: 'a direct dependency', root: ['a'], edges: { a: [] }, id: 'a', path: ['', 'a'] },
    { name: 'unreachable', root: ['a'], edges: { a: [], z: ['a'] }, id: 'z', path: undefined },
  ])('$name', ({ root, edges, id, path }) => {
    const graph = graphOf(root, edges);
    expect(pathFromRoot(graph, id)?.map((n) => n.id)).toEqual(path);
    expect(pathFromRoot(graph, id, parentsFromRoot(graph))?.map((n) => n.id)).toEqual(path);
  });
});

function chainLockfile(n: number): string {
  const packages: Record<string, unknown> = { '': { name: 'chain', version: '1.0.0', dependencies: { p0: '1.0.0' } } };
  for (let i = 0; i < n; i++) packages[`node_modules/p${i}`] = { version: '1.0.0', ...(i + 1 < n ? { dependencies: { [`p${i + 1}`]: '1.0.0' } } : {}) };
  return JSON.stringify({ name: 'chain', version: '1.0.0', lockfileVersion: 3, requires: true, packages });
}

describe('a 20,000-package chain', () => {
  it('lockfile: scanned whole, the last package reached through all 20,000', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package-lock.json'), chainLockfile(N));
    const { scan, sbom } = await runPipeline({ ...DEFAULTS, target: dir, offline: true, cacheDir: tempDir('sovscan-cache-'), reproducible: true });
    expect(scan.graph.nodes.size).toBe(N);
    const last = scan.assessment!.findings.get(`pkg:npm/p${N - 1}@1.0.0`)!;
    expect(last.path).toHaveLength(N + 1);
    expect(last.path.slice(0, 3)).toEqual(['chain', 'p0', 'p1']);
    expect(last.path.at(-1)).toBe(`p${N - 1}`);
    expect(scan.assessment!.findings.get('pkg:npm/p0@1.0.0')!.path).toEqual(['chain', 'p0']);
    // Every package is unknown offline with an empty cache; all of them sit under the one direct dependency.
    expect(scan.assessment!.direct).toEqual([{ package: 'p0@1.0.0', counts: expect.objectContaining({ [scan.assessment!.findings.get('pkg:npm/p0@1.0.0')!.level]: N }) }]);
    const bom = JSON.parse(sbom) as { components: unknown[]; dependencies: { ref: string; dependsOn?: string[] }[] };
    expect(bom.components).toHaveLength(N);
    expect(bom.dependencies.find((d) => d.ref === 'pkg:npm/p0@1.0.0')?.dependsOn).toEqual(['pkg:npm/p1@1.0.0']);
    const node = scan.graph.nodes.get(`pkg:npm/p${N - 1}@1.0.0`)!;
    expect(renderExplanation(scan, node)).toContain(`p${N - 2}@1.0.0 → p${N - 1}@1.0.0`);
  }, 120_000);

  it('SPDX relationships in a ring: read, and every package reached along the ring', async () => {
    const ids = Array.from({ length: N }, (_, i) => `SPDXRef-p${i}`);
    const doc = {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'ring',
      documentDescribes: [ids[0]],
      packages: ids.map((id, i) => ({ SPDXID: id, name: `p${i}`, versionInfo: '1.0.0', downloadLocation: 'NOASSERTION' })),
      relationships: ids.map((id, i) => ({ spdxElementId: id, relationshipType: 'DEPENDS_ON', relatedSpdxElement: ids[(i + 1) % N] })),
    };
    const file = join(tempDir(), 'ring.spdx.json');
    writeFileSync(file, JSON.stringify(doc));
    const graph = sbomGraph((await readVendorSbom(file)).sbom);
    expect(graph.nodes.size).toBe(N);
    expect(graph.nodes.get(ids[N - 1]!)!.dependencies).toEqual(new Set([ids[0]]));
    const parents = parentsFromRoot(graph);
    expect(pathFromRoot(graph, ids[N - 1]!, parents)).toHaveLength(N + 1);
    const policy = await loadPolicy('neutral');
    const { assess } = await import('../src/assess/index.js');
    const assessment = assess({ graph, facts: new Map(), issues: [], complete: true }, policy, '2026-12-05');
    expect(assessment.findings.get(ids[N - 1]!)!.path.at(-2)).toBe(`p${N - 2}`);
    expect(assessment.direct).toEqual([{ package: 'p0@1.0.0', counts: expect.objectContaining({ [policy.unknown]: N }) }]);
  }, 120_000);
});
