/**
 * How deep an input document may nest. Lockfiles, `.yarnrc.yml`, policies and vendor SBOMs come from
 * the scanned repository or a vendor, and a document nested 100,000 levels deep overflows the stack of
 * any recursive reader after the parser (ours, the YAML and XML libraries, the serialisers). Real ones
 * nest a few dozen levels at most: a v1 package-lock.json two per node_modules level, a CycloneDX
 * SBOM two per nested component. The checks below are single passes without recursion, made before
 * the document is handed to anything that recurses.
 */
import type { CST } from 'yaml';
import { SovscanError } from '../errors.js';

/** Objects, arrays, mappings, sequences or elements within each other. */
export const MAX_DEPTH = 256;

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The input error for a document that nests deeper than MAX_DEPTH at `offset` of `text`. */
export function tooDeep(file: string, text: string, offset: number, remedy: string): SovscanError {
  const { line, column } = lineColumn(text, offset);
  return new SovscanError('E_TOO_DEEP', `Cannot read ${file} line ${line} column ${column}: nested more than ${MAX_DEPTH} levels deep, which sovscan does not read. ${remedy}`, { file });
}

/** Where JSON text first opens its (MAX_DEPTH + 1)th level of objects and arrays, if it does. */
export function jsonTooDeepAt(text: string, max = MAX_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string: brackets inside it are text.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}

/** Where a YAML document's syntax tree first nests deeper than `max` collections, if it does. */
export function yamlTooDeepAt(token: CST.Token, max = MAX_DEPTH): number | undefined {
  const stack: [CST.Token, number][] = [[token, 0]];
  while (stack.length > 0) {
    const [at, depth] = stack.pop()!;
    if (at.type === 'document') {
      if (at.value) stack.push([at.value, depth]);
    } else if (at.type === 'block-map' || at.type === 'block-seq' || at.type === 'flow-collection') {
      if (depth >= max) return at.offset;
      for (const item of at.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * yarn.lock: yarn's parser recurses once per indentation level and has no flow collections in the
 * classic format, so a line indented deeper than two spaces per allowed level is too deep.
 */
export function indentTooDeepAt(text: string, max = MAX_DEPTH): number | undefined {
  const match = new RegExp(`^[ \\t]{${2 * max + 1},}`, 'm').exec(text);
  return match?.index;
}
