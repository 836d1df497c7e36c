import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../src/suggest.js';

describe('suggestions', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['High', 'high', 0],
  ])('editDistance(%s, %s) = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it.each([
    ['us-ictcs', ['us-ictsc', 'us-dsp', 'neutral'], ['us-ictsc']],
    ['eu-sovereign', ['eu-sovereignty', 'eu-adequacy'], ['eu-sovereignty']],
    ['zzzzzz', ['us-ictsc'], []],
    ['1.4', ['1.5', '1.6'], []],
  ])('closest(%s)', (typed, known, expected) => expect(closest(typed, known)).toEqual(expected));
});
