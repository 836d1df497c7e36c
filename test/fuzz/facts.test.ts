/** Fuzzing the facts read from registry documents: mutated real per-version documents never throw. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { extractFacts } from '../../src/enrich/facts.js';
import { SHARED_FIXTURES } from '../helpers.js';
import { FUZZ, mutatedJson, parsesOrRefuses } from './fuzz.js';

const DIR = join(SHARED_FIXTURES, 'registry', 'packuments');

describe('extractFacts', () => {
  // One version of each recorded packument: the latest, as the registry serves it per version.
  const documents = readdirSync(DIR).map((file) => {
    const packument = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { 'dist-tags'?: { latest?: string }; versions: Record<string, unknown> };
    return packument.versions[packument['dist-tags']?.latest ?? Object.keys(packument.versions).at(-1)!];
  });

  it('mutated documents: facts or nothing, never an exception', async () => {
    const input = fc.nat().chain((i) => mutatedJson(documents[i % documents.length]));
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom(undefined, 'https://tarballs.example.test/x-1.0.0.tgz', 'git+ssh://git@:x', '%'), (doc, resolved) =>
        parsesOrRefuses(() => extractFacts(typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {}, 'http://registry.test/', resolved), []),
      ),
      FUZZ,
    );
  });
});
