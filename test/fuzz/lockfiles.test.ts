/** Fuzzing the lockfile readers (npm v1–v3, yarn classic and berry, pnpm 5/6/9) and the graph built from them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parse } from 'yaml';
import type { ErrorCode } from '../../src/errors.js';
import { parentsFromRoot } from '../../src/graph-paths.js';
import { buildGraph } from '../../src/resolve/lockgraph.js';
import { npmLockReader } from '../../src/resolve/npm-lock.js';
import { pnpmLockReader } from '../../src/resolve/pnpm-lock.js';
import type { LockfileReader, PackageManifest } from '../../src/resolve/reader.js';
import { yarnBerryReader, yarnClassicReader } from '../../src/resolve/yarn-lock.js';
import { FIXTURES } from '../helpers.js';
import { FUZZ, mutatedJson, mutatedText, parsesOrRefuses } from './fuzz.js';

const CODES: ErrorCode[] = ['E_PARSE', 'E_LOCKFILE_VERSION', 'E_TOO_DEEP'];

const LOCKFILES: { fixture: string; file: string; reader: LockfileReader; json: boolean }[] = [
  { fixture: 'npm-v1', file: 'package-lock.json', reader: npmLockReader, json: true },
  { fixture: 'npm-v2', file: 'package-lock.json', reader: npmLockReader, json: true },
  { fixture: 'npm-v3', file: 'package-lock.json', reader: npmLockReader, json: true },
  { fixture: 'yarn-classic', file: 'yarn.lock', reader: yarnClassicReader, json: false },
  { fixture: 'yarn-berry', file: 'yarn.lock', reader: yarnBerryReader, json: false },
  { fixture: 'pnpm-v5', file: 'pnpm-lock.yaml', reader: pnpmLockReader, json: false },
  { fixture: 'pnpm-v6', file: 'pnpm-lock.yaml', reader: pnpmLockReader, json: false },
  { fixture: 'pnpm-v9', file: 'pnpm-lock.yaml', reader: pnpmLockReader, json: false },
];

/** What resolution does with a lockfile's text: read it, build the graph, find the paths from the root. */
async function read(reader: LockfileReader, file: string, text: string, manifest: PackageManifest | undefined): Promise<void> {
  const graph = buildGraph(await reader.parse({ path: file, text, manifest, workspaces: new Map() }), { omit: ['dev'] });
  parentsFromRoot(graph);
}

describe.each(LOCKFILES)('$fixture', ({ fixture, file, reader, json }) => {
  const text = readFileSync(join(FIXTURES, 'lockfiles', fixture, file), 'utf8');
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'lockfiles', fixture, 'package.json'), 'utf8')) as PackageManifest;

  it('mutated: parses or is refused with a known code', async () => {
    // JSON is YAML too: the YAML readers also get the structural mutations, written as JSON. yarn 1's
    // format is not YAML, and gets the line edits only.
    const doc: unknown = json ? JSON.parse(text) : reader === yarnClassicReader ? undefined : parse(text);
    const structural = doc === undefined ? undefined : mutatedJson(doc).map((d) => JSON.stringify(d));
    const inputs = structural ? (json ? structural : fc.oneof(structural, mutatedText(text))) : mutatedText(text);
    await fc.assert(fc.asyncProperty(inputs, fc.boolean(), (input, withManifest) => parsesOrRefuses(() => read(reader, file, input, withManifest ? manifest : undefined), CODES)), FUZZ);
  });

  it('arbitrary text: parses or is refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (input) => parsesOrRefuses(() => read(reader, file, input, undefined), CODES)), FUZZ);
  });

  it('random JSON (also YAML): parses or is refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) => parsesOrRefuses(() => read(reader, file, JSON.stringify(value) ?? 'null', manifest), CODES)), FUZZ);
  });
});
