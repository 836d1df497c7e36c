/**
 * The tree npm would install, built the way npm's installer builds it: nodes are taken breadth first
 * (by depth, then path), each node's unmet dependencies in name order; a new package goes to the
 * shallowest `node_modules` on its way to the root where it conflicts with nothing, an existing copy
 * that satisfies the range is kept, an older one is replaced when every dependent accepts the newer,
 * and copies deeper down that the placed package makes redundant are removed. Peer dependencies are
 * placed beside their dependent; optional peers only when something else brings them.
 */
import type npa from 'npm-package-arg';
import satisfiesRange from 'semver/functions/satisfies.js';
import gte from 'semver/functions/gte.js';
import type { EdgeKind } from '../lockgraph.js';
import type { Manifest } from './packuments.js';

export type TreeEdgeKind = EdgeKind | 'peerOptional';

export interface TreeEdge {
  name: string;
  spec: string;
  kind: TreeEdgeKind;
  /** The real package and range the spec asks for (an `npm:` alias names another package). */
  target: { name: string; type: string; fetchSpec: string };
}

export interface TreeNode {
  /** The folder name under node_modules (differs from the manifest's name for aliases). */
  name: string;
  manifest: Manifest;
  parent: TreeNode | undefined;
  children: Map<string, TreeNode>;
  edges: Map<string, TreeEdge>;
  depth: number;
  /** `node_modules/a/node_modules/b`: fixed, since a node never moves (a replacement is a new node). */
  location: string;
  detached: boolean;
}

/** npm-package-arg's `resolve`, passed in so that the package loads only when resolution runs. */
export type ParseSpec = typeof npa.resolve;

export type Pick = (name: string, spec: string) => Promise<{ ok: true; manifest: Manifest } | { ok: false; message: string }>;

export interface TreeProblem {
  from: string;
  edge: TreeEdge;
  message: string;
}

export interface IdealTree {
  root: TreeNode;
  problems: TreeProblem[];
}

/** Edges of a package: later kinds override earlier ones, as in npm (a name in both wins as prod). */
export function edgesOf(manifest: Manifest & { devDependencies?: Record<string, string> }, isRoot: boolean, parse: ParseSpec): { edges: Map<string, TreeEdge>; unsupported: TreeEdge[] } {
  const edges = new Map<string, TreeEdge>();
  const unsupported: TreeEdge[] = [];
  const add = (deps: Record<string, string> | undefined, kind: (name: string) => TreeEdgeKind) => {
    for (const [name, raw] of Object.entries(deps ?? {})) {
      const spec = typeof raw === 'string' ? raw : '';
      const edge = { name, spec, kind: kind(name), target: parseSpec(parse, name, spec) };
      if (edge.target.type === 'unsupported') {
        unsupported.push(edge);
        edges.delete(name);
      } else {
        edges.set(name, edge);
      }
    }
  };
  if (isRoot) add(manifest.devDependencies, () => 'dev');
  add(manifest.peerDependencies, (name) => (manifest.peerDependenciesMeta?.[name]?.optional ? 'peerOptional' : 'peer'));
  add(manifest.dependencies, () => 'prod');
  add(manifest.optionalDependencies, () => 'optional');
  return { edges, unsupported };
}

function parseSpec(parse: ParseSpec, name: string, spec: string): TreeEdge['target'] {
  try {
    const parsed = parse(name, spec || '*');
    const real = parsed.type === 'alias' && parsed.subSpec ? parsed.subSpec : parsed;
    if (real.type === 'version' || real.type === 'range' || real.type === 'tag') {
      return { name: real.name ?? name, type: real.type, fetchSpec: real.fetchSpec ?? '*' };
    }
    return { name, type: 'unsupported', fetchSpec: `${real.type}` };
  } catch {
    return { name, type: 'unsupported', fetchSpec: 'invalid' };
  }
}

/** Whether an installed package meets an edge (npm's rule: tags are met by whatever is there). */
export function meets(manifest: Manifest, edge: TreeEdge): boolean {
  if (manifest.name !== edge.target.name) return false;
  if (edge.target.type === 'tag') return true;
  const range = edge.target.fetchSpec;
  if (range === '*' || range === '') return true;
  return satisfiesRange(manifest.version, range, { loose: true });
}

function newNode(name: string, manifest: Manifest, parent: TreeNode | undefined, parse: ParseSpec): TreeNode {
  const location = `${parent?.location ? `${parent.location}/` : ''}node_modules/${name}`;
  const node: TreeNode = { name, manifest, parent, children: new Map(), edges: edgesOf(manifest, false, parse).edges, depth: parent ? parent.depth + 1 : 0, location, detached: false };
  parent?.children.set(name, node);
  return node;
}

/** What `name` resolves to from `from`: its own node_modules first, then each ancestor's. */
function resolveFrom(from: TreeNode | undefined, name: string): TreeNode | undefined {
  for (let n = from; n; n = n.parent) {
    const child = n.children.get(name);
    if (child) return child;
  }
  return undefined;
}

function isDescendantOf(node: TreeNode, ancestor: TreeNode): boolean {
  for (let n: TreeNode | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

function detach(node: TreeNode): void {
  node.parent?.children.delete(node.name);
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.detached = true;
    stack.push(...n.children.values());
  }
}


const collator = new Intl.Collator('en');

export async function buildIdealTree(rootManifest: Manifest & { devDependencies?: Record<string, string> }, pick: Pick, parse: ParseSpec, prefetch: (name: string) => void = () => {}): Promise<IdealTree> {
  const { edges: rootEdges, unsupported } = edgesOf(rootManifest, true, parse);
  const root: TreeNode = { name: '', manifest: rootManifest, parent: undefined, children: new Map(), edges: rootEdges, depth: 0, location: '', detached: false };
  const problems: TreeProblem[] = unsupported.map((edge) => ({ from: '', edge, message: `${edge.name}@${edge.spec}: only registry versions, ranges and tags can be resolved without a lockfile (${edge.target.fetchSpec} dependency left out)` }));
  const failed = new Set<string>();
  /** Nodes that depend on a name: the dependents of whatever that name resolves to. */
  const dependents = new Map<string, Set<TreeNode>>();
  const index = (node: TreeNode) => {
    for (const name of node.edges.keys()) {
      let set = dependents.get(name);
      if (!set) dependents.set(name, (set = new Set()));
      set.add(node);
    }
  };
  /** Placed packages by folder name. */
  const byName = new Map<string, Set<TreeNode>>();
  const edgesInto = (node: TreeNode): { from: TreeNode; edge: TreeEdge }[] => {
    const out: { from: TreeNode; edge: TreeEdge }[] = [];
    for (const from of dependents.get(node.name) ?? []) {
      if (from.detached || from === node) continue;
      const edge = from.edges.get(node.name)!;
      if (resolveFrom(edge.kind.startsWith('peer') ? from.parent ?? from : from, node.name) === node) out.push({ from, edge });
    }
    return out;
  };
  index(root);

  const isProblem = (node: TreeNode, edge: TreeEdge): boolean => {
    if (failed.has(`${edge.name}\0${edge.spec}`)) return false;
    const current = resolveFrom(edge.kind.startsWith('peer') ? node.parent ?? node : node, edge.name);
    if (!current) return edge.kind !== 'peerOptional';
    return !meets(current.manifest, edge);
  };

  const place = (manifest: Manifest, edge: TreeEdge, from: TreeNode): TreeNode | undefined => {
    const start = edge.kind.startsWith('peer') && from.parent ? from.parent : from;
    let chosen: { target: TreeNode; how: 'keep' | 'replace' | 'ok' } | undefined;
    for (let target: TreeNode | undefined = start; target; target = target.parent) {
      const targetEdge = target.edges.get(edge.name);
      if (target !== root && targetEdge?.kind.startsWith('peer')) continue;
      const how = canPlace(manifest, edge, from, target, targetEdge);
      if (how === 'conflict') break;
      chosen = { target, how };
    }
    chosen ??= { target: start, how: start.children.has(edge.name) ? 'replace' : 'ok' };
    if (chosen.how === 'keep') return undefined;
    const { target } = chosen;
    const old = target.children.get(edge.name);
    if (old) detach(old);
    const placed = newNode(edge.name, manifest, target, parse);
    index(placed);
    let same = byName.get(edge.name);
    if (!same) byName.set(edge.name, (same = new Set()));
    same.add(placed);
    // Copies below the new one that it now makes redundant go.
    for (const other of same) {
      if (other.detached) same.delete(other);
      if (other === placed || other.detached || !isDescendantOf(other, target)) continue;
      const above = resolveFrom(other.parent?.parent, other.name);
      if (above && above.manifest.name === other.manifest.name && edgesInto(other).every(({ edge: e }) => meets(above.manifest, e)) && gte(above.manifest.version, other.manifest.version)) {
        detach(other);
        same.delete(other);
      }
    }
    return placed;
  };

  const canPlace = (manifest: Manifest, edge: TreeEdge, from: TreeNode, target: TreeNode, targetEdge: TreeEdge | undefined): 'keep' | 'replace' | 'ok' | 'conflict' => {
    const current = target.children.get(edge.name);
    if (!current) {
      if (targetEdge && targetEdge !== edge && target !== from && !meets(manifest, targetEdge)) return 'conflict';
      // Descendants that reach an ancestor's copy through here would see the new one instead.
      const shadowed = target.parent ? resolveFrom(target.parent, edge.name) : undefined;
      if (shadowed) {
        for (const { from: dependent, edge: e } of edgesInto(shadowed)) {
          if (isDescendantOf(dependent, target) && meets(shadowed.manifest, e) && !meets(manifest, e)) return 'conflict';
        }
      }
      return 'ok';
    }
    if (current.manifest.name === manifest.name && current.manifest.version === manifest.version && meets(current.manifest, edge)) return 'keep';
    const newer = current.manifest.name === manifest.name && gte(manifest.version, current.manifest.version);
    if (newer && edgesInto(current).every(({ edge: e }) => meets(manifest, e))) return 'replace';
    if (meets(current.manifest, edge)) return 'keep';
    if (target === from && !edge.kind.startsWith('peer')) return 'replace';
    return 'conflict';
  };

  // Kept in npm's order (depth, then location): each node goes in at its place, the first comes out.
  const queue: TreeNode[] = [root];
  const queued = new Set<TreeNode>([root]);
  const before = (a: TreeNode, b: TreeNode) => a.depth - b.depth || collator.compare(a.location, b.location);
  const enqueue = (node: TreeNode) => {
    if (queued.has(node)) return;
    queued.add(node);
    let low = 0;
    let high = queue.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (before(queue[mid]!, node) <= 0) low = mid + 1;
      else high = mid;
    }
    queue.splice(low, 0, node);
  };
  for (let pass = 0; pass < 10 && queue.length > 0; pass++) {
    while (queue.length > 0) {
      const node = queue.shift()!;
      queued.delete(node);
      if (node.detached) continue;
      const wanted = [...node.edges.values()].filter((edge) => isProblem(node, edge)).sort((a, b) => collator.compare(a.name, b.name));
      for (const edge of wanted) prefetch(edge.target.name);
      const picks = await Promise.all(wanted.map((edge) => pick(edge.target.name, edge.target.fetchSpec)));
      wanted.forEach((edge, i) => {
        if (node.detached || !isProblem(node, edge)) return;
        const picked = picks[i]!;
        if (!picked.ok) {
          failed.add(`${edge.name}\0${edge.spec}`);
          // An optional dependency that cannot be had is left out, as npm does.
          if (edge.kind !== 'optional' && edge.kind !== 'peerOptional') problems.push({ from: node.location, edge, message: picked.message });
          return;
        }
        for (const name of Object.keys({ ...picked.manifest.dependencies, ...picked.manifest.optionalDependencies, ...picked.manifest.peerDependencies })) prefetch(name);
        const placed = place(picked.manifest, edge, node);
        if (placed) enqueue(placed);
      });
    }
    // Replacements can leave a dependent unmet: look again until the tree holds.
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ([...node.edges.values()].some((edge) => isProblem(node, edge))) enqueue(node);
      stack.push(...node.children.values());
    }
  }
  return { root, problems };
}
