/**
 * Where a package is written in its lockfile (1-based line and column), for outputs that point at it.
 * One pass over the lockfile indexes its entry keys; each package is then looked up by the keys its
 * format would use: the install path (npm), `name@version` (pnpm 6+, and yarn through the version line
 * under each entry), `/name/version` (pnpm 5).
 */
import { relative, resolve } from 'node:path';
import type { Graph, LockfileInfo, PackageNode } from '../model.js';

export interface Location {
  line: number;
  column: number;
}

export function lockfileLocator(lockfile: LockfileInfo | undefined): (node: PackageNode) => Location | undefined {
  const text = lockfile?.text;
  if (!text) return () => undefined;
  const keys = new Map<string, Location>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    // npm: `"node_modules/a": {`; pnpm: `'@s/n@1.0.0':` or `/n/1.0.0:`; yarn: `"a@^1, a@^1.1":` or `a@^1:`
    const match = /^"([^"]+)":\s*\{?$/.exec(line) ?? /^'([^']+)':\s*(\{.*)?$/.exec(line) ?? /^("?[^\s"][^:]*?"?):\s*(\{.*)?$/.exec(line);
    if (!match) return;
    const location = { line: i + 1, column: indent + 1 };
    const entryKeys = match[1]!.replace(/"/g, '').split(/,\s*/);
    for (const key of entryKeys) if (!keys.has(key)) keys.set(key, location);
    // yarn keys are ranges (`a@^1`); the entry's next line says the version it resolved to.
    const version = /^\s*version:?\s+"?([^"\s]+)"?\s*$/.exec(lines[i + 1] ?? '')?.[1];
    if (version) {
      for (const key of entryKeys) {
        const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
        if (at > 0 && !keys.has(`${key.slice(0, at)}@${version}`)) keys.set(`${key.slice(0, at)}@${version}`, location);
      }
    }
  });
  return (node) => {
    for (const path of node.paths) {
      const hit = keys.get(path);
      if (hit) return hit;
    }
    const names = [node.name, ...node.aliases];
    for (const name of names) {
      for (const key of [`${name}@${node.version}`, `/${name}@${node.version}`, `/${name}/${node.version}`, `${name}@npm:${node.version}`]) {
        const hit = keys.get(key);
        if (hit) return hit;
      }
    }
    return undefined;
  };
}

/**
 * The file that findings point at, relative to `base` with forward slashes: the lockfile, else the vendor
 * SBOM that was read, else package.json (a tree resolved from the registry).
 */
export function findingsFile(graph: Graph, base: string): string {
  const source = graph.lockfile?.path ?? graph.sbom?.file;
  return source ? relative(base, resolve(source)).split('\\').join('/') || source : 'package.json';
}

const DEPENDENCY_BLOCKS = new Set(['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']);

/**
 * Where a direct dependency is declared in package.json (the line a pull request's author changed): the
 * `"name": "range"` line inside one of the dependency blocks, found by one pass over the text.
 */
export function manifestLocator(text: string | undefined): (name: string) => Location | undefined {
  const keys = new Map<string, Location>();
  let block: number | undefined;
  (text ?? '').split('\n').forEach((raw, i) => {
    const indent = raw.length - raw.trimStart().length;
    const open = /^"([^"]+)"\s*:\s*\{\s*$/.exec(raw.trim());
    if (block === undefined) {
      if (open && DEPENDENCY_BLOCKS.has(open[1]!)) block = indent;
      return;
    }
    if (/^\}/.test(raw.trim()) && indent <= block) {
      block = undefined;
      return;
    }
    const entry = /^"([^"]+)"\s*:/.exec(raw.trim());
    if (entry && !keys.has(entry[1]!)) keys.set(entry[1]!, { line: i + 1, column: indent + 1 });
  });
  return (name) => keys.get(name);
}
