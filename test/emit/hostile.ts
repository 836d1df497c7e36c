/** Property-test input for the escapers: strings rich in what an attacker would use. */
import fc from 'fast-check';

/** Line breaks, ESC, C1, bidi, invisible characters, colons, percent, commas, and any other code point. */
export const hostile = fc
  .array(fc.oneof(fc.constantFrom('\n', '\r', '\r\n', '\t', '\u001b[31m', '\u009b', '\u0085', '\u202e', '\u2066', '\u2028', '\u200b', '\ufeff', '\u{e0041}', ':', '::', ' ', '\u00a0', '%', ',', '::error::x', '::add-mask::'), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** Seeded and bounded: the suite stays fast and a failure reproduces. */
export const SEEDED = { numRuns: 200, seed: 20261205 };
