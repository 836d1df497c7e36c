/**
 * Paths through the dependency graph, for the stages and outputs that name how a package gets in.
 * One breadth-first walk from the root records, for each package, the package that first reaches it
 * (O(packages + edges)); a path is then read back along those parent pointers only when an output asks
 * for it, in O(its length). Paths are never stored per package: on a 20,000-package chain that is
 * 200 million names.
 */
import type { Graph, PackageNode } from './model.js';

/** Breadth-first from the project root: for each package, the package that first reaches it. */
export function parentsFromRoot(graph: Graph): Map<string, string | undefined> {
  const previous = new Map<string, string | undefined>([[graph.root.id, undefined]]);
  const queue = [graph.root.id];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    const node = current === graph.root.id ? graph.root : graph.nodes.get(current);
    for (const next of node?.dependencies ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  return previous;
}

/** The shortest path from the project root to a package, root first. */
export function pathFromRoot(graph: Graph, id: string, parents = parentsFromRoot(graph)): PackageNode[] | undefined {
  if (!parents.has(id)) return undefined;
  const path: PackageNode[] = [];
  // Collected leaf first and reversed once: unshift per step made each path quadratic in its length.
  for (let at: string | undefined = id; at !== undefined; at = parents.get(at)) path.push(at === graph.root.id ? graph.root : graph.nodes.get(at)!);
  return path.reverse();
}
