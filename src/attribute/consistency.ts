/**
 * One person, one answer across the tree: a tree-level step after every package is attributed. A domain
 * (a person's e-mail domain or website) that one package's history shows as former (the newest version
 * names another in its place) is former wherever it appears in the tree, so the packages that still
 * name it are attributed again knowing it. The country a domain gives comes from data keyed by the domain
 * alone, so it is the same everywhere already; this step makes its strength the same too.
 * A domain some package's newest version still names is current in the tree (formerAcrossTree).
 * Pure and deterministic: the first package in id order that shows a domain as former is the one cited.
 */
import type { PackageFacts } from '../enrich/facts.js';
import type { PackageNode } from '../model.js';
import type { Attribution } from './fuse.js';
import { currentDomainsOf, formerDomainsOf, peopleDomains, type FormerDomains } from './people.js';

/**
 * The domains some package shows as former and no package's newest version names. A package whose newest
 * version names another person in a role says that person left that package, not that their domain is
 * gone: where another package's newest version still names the domain, it stays current in the tree.
 */
export function formerAcrossTree(nodes: Iterable<PackageNode>, facts: ReadonlyMap<string, PackageFacts>): FormerDomains {
  const out = new Map<string, string>();
  const current = new Set<string>();
  for (const node of [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const own = facts.get(node.id);
    for (const domain of currentDomainsOf(own)) current.add(domain);
    for (const [domain, shownBy] of formerDomainsOf(node.name, own, node.version)) if (!out.has(domain)) out.set(domain, shownBy);
  }
  for (const domain of current) out.delete(domain);
  return out;
}

/** The attributions with every package that names a tree-wide former domain attributed again with that knowledge. */
export function consistentAcrossTree(
  nodes: Iterable<PackageNode>,
  facts: ReadonlyMap<string, PackageFacts>,
  attributions: Map<string, Attribution>,
  attributeOne: (node: PackageNode, facts: PackageFacts | undefined, tree: FormerDomains) => Attribution,
): Map<string, Attribution> {
  const list = [...nodes];
  const tree = formerAcrossTree(list, facts);
  if (tree.size === 0) return attributions;
  for (const node of list) {
    const own = facts.get(node.id);
    if ([...peopleDomains(own)].some((d) => tree.has(d))) attributions.set(node.id, attributeOne(node, own, tree));
  }
  return attributions;
}
