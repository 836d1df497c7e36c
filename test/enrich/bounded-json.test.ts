/**
 * The depth check reads the text as JSON.parse would: brackets inside strings (escaped quotes included)
 * do not count. Checked on a table of tricky texts and, property-based, against the depth of any value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonTooDeep, jsonDepthExceeds, MAX_JSON_DEPTH, parseJson } from '../../src/enrich/bounded-json.js';

/** Nesting depth of a parsed value: each array or object is one level. */
function depth(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depth));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depth));
  return 0;
}

describe('jsonDepthExceeds', () => {
  it.each<[string, number]>([
    ['1', 0],
    ['"[[[[{{{{"', 0],
    ['["\\"[[["]', 1],
    ['{"a\\\\":[[1]]}', 3],
    ['[[],[[]],[]]', 3],
    ['{"x":"]]]]","y":[{"z":"{"}]}', 3],
  ])('%s nests %i deep', (text, levels) => {
    expect(depth(JSON.parse(text))).toBe(levels);
    expect(jsonDepthExceeds(text, levels)).toBe(false);
    if (levels > 0) expect(jsonDepthExceeds(text, levels - 1)).toBe(true);
  });

  it('agrees with the depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        expect(jsonDepthExceeds(JSON.stringify(value), limit)).toBe(depth(value) > limit);
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });
});

it('parseJson refuses past the cap before parsing, and reads anything within it', () => {
  const at = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  expect(parseJson(at(MAX_JSON_DEPTH))).toBeDefined();
  expect(() => parseJson(at(MAX_JSON_DEPTH + 1))).toThrow(JsonTooDeep);
  expect(() => parseJson(at(1_000_000))).toThrow(JsonTooDeep);
  expect(() => parseJson('{"a":')).toThrow(SyntaxError);
});
