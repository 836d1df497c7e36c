/** Paths through the dependency graph, for the stages and outputs that name how a package gets in. */
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

/** The shortest path from the project root to a package. */
export function pathFromRoot(graph: Graph, id: string, parents = parentsFromRoot(graph)): PackageNode[] | undefined {
  if (!parents.has(id)) return undefined;
  const path: PackageNode[] = [];
  for (let at: string | undefined = id; at !== undefined; at = parents.get(at)) path.unshift(at === graph.root.id ? graph.root : graph.nodes.get(at)!);
  return path;
}
