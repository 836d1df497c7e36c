/**
 * Property-based fuzzing of every reader of untrusted input. Each property feeds a reader arbitrary or
 * mutated input, starting from real recorded documents, and holds when the reader either returns or
 * throws a SovscanError with one of the codes it may give: never another exception, never a hang.
 *
 * In the suite: a fixed seed and few runs (SOVSCAN_FUZZ_RUNS, default 15). `npm run fuzz` sets many
 * runs and a random seed (SOVSCAN_FUZZ_SEED=random); fast-check prints the seed and the shrunk input
 * of a failure, which then becomes a plain table entry in the reader's regression test.
 */
import fc from 'fast-check';
import { isSovscanError, type ErrorCode } from '../../src/errors.js';

const seedSetting = process.env.SOVSCAN_FUZZ_SEED;
const seed = seedSetting === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedSetting ?? 20261205);
if (seedSetting === 'random') console.log(`fuzz seed ${seed}`);

export const FUZZ: fc.Parameters<unknown> = { seed, numRuns: Number(process.env.SOVSCAN_FUZZ_RUNS ?? 15), interruptAfterTimeLimit: Number(process.env.SOVSCAN_FUZZ_MS ?? 20_000) };
/** A reader that takes longer than this on one input counts as hanging. */
export const ONE_INPUT_MS = 5_000;

/** Runs the reader; resolves when it parsed or refused with an allowed code, rejects with anything else. */
export async function parsesOrRefuses(read: () => unknown, codes: readonly ErrorCode[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ONE_INPUT_MS} ms`)), ONE_INPUT_MS);
  });
  try {
    await Promise.race([Promise.resolve().then(read), hang]);
  } catch (error) {
    if (isSovscanError(error) && codes.includes(error.code)) return;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Arrays nested `depth` deep, built without recursion. */
export function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A value that readers find hard: random JSON, deep nesting, huge or control-character strings, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', 'NOASSERTION', 'pkg:npm/%', 'git+ssh://git@:x', 'npm:', '@/', '../../x', 'link:', 'file:', '\u0000\u001b[31m\n::error::x', '*'),
  fc.integer({ min: 1, max: 200 }).map((n) => 'x'.repeat(n * 1_000)),
  fc.constantFrom(100, 300, 1_000).map(nested),
  fc.constantFrom(...PROTOTYPE_KEYS).map((key) => JSON.parse(`{"${key}": {"polluted": true}}`) as unknown),
);

type Container = Record<string, unknown> | unknown[];

/** Every object and array inside `doc`, found without recursion. */
function containers(doc: unknown): Container[] {
  const out: Container[] = [];
  const pending = [doc];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    out.push(value as Container);
    pending.push(...Object.values(value));
  }
  return out;
}

const edit = fc.record({ where: fc.nat(), key: fc.nat(), value: hostileValue, newKey: fc.option(fc.constantFrom(...PROTOTYPE_KEYS, 'dependencies', 'components', 'packages', 'version', 'name')) });

/** A copy of `doc` with a few of its values replaced (or keys added) at random places. */
export function mutatedJson(doc: unknown): fc.Arbitrary<unknown> {
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const copy = structuredClone(doc);
    for (const { where, key, value, newKey } of edits) {
      const all = containers(copy);
      const target = all[where % all.length]!;
      const keys = Object.keys(target);
      const name = newKey ?? (keys.length > 0 ? keys[key % keys.length]! : '0');
      // defineProperty: an own key even when it is `__proto__`, as JSON.parse would make it.
      // A copy: one generated value placed twice could end up inside itself.
      Object.defineProperty(target, Array.isArray(target) && newKey ? String(key % 3) : name, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });
}

/** Text edits for the line-based formats: random insertions, deletions, repeated and re-indented lines. */
export function mutatedText(text: string): fc.Arbitrary<string> {
  const lineEdit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'delete', 'repeat', 'indent', 'value'),
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('  - ', '{', '[', ': ', '&a x', '*a', '? ', '"', '#', '\t', '__proto__:', 'lockfileVersion: 5.4', 'x'.repeat(20_000))),
  });
  return fc.array(lineEdit, { minLength: 1, maxLength: 5 }).map((edits) => {
    const lines = text.split('\n');
    for (const { at, kind, text: piece } of edits) {
      const i = at % Math.max(lines.length, 1);
      const line = lines[i] ?? '';
      if (kind === 'insert') lines.splice(i, 0, piece);
      else if (kind === 'delete') lines.splice(i, 1);
      else if (kind === 'repeat') lines.splice(i, 0, line);
      else if (kind === 'indent') lines[i] = `${' '.repeat(at % 7)}${line}`;
      else lines[i] = line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${piece}` : `${line}${piece}`;
    }
    return lines.join('\n');
  });
}
