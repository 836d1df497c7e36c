/**
 * JSON from a registry is checked for its nesting depth before it is parsed: everything downstream (the
 * cache's JSON.stringify, the trims, the readers) recurses over it, and a document of a hundred thousand
 * nested arrays in `funding` overflowed the stack and stopped the run. The check is one iterative pass
 * over the text, brackets counted outside strings.
 */

/**
 * Registry documents nest under a dozen levels (a package.json field inside a version inside the
 * packument); 100 leaves room for any package.json a publisher writes, and stays far below the
 * thousands of levels at which recursion overflows.
 */
export const MAX_JSON_DEPTH = 100;

export class JsonTooDeep extends Error {
  constructor(readonly maxDepth: number) {
    super(`the JSON nests deeper than ${maxDepth} levels`);
  }
}

/** The deepest nesting of arrays and objects in `text`, stopping as soon as it passes `maxDepth`. */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** JSON.parse, after the depth check: throws `JsonTooDeep`, or JSON.parse's SyntaxError. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonDepthExceeds(text, maxDepth)) throw new JsonTooDeep(maxDepth);
  return JSON.parse(text);
}
