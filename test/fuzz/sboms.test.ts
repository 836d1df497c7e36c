/** Fuzzing the vendor SBOM readers (CycloneDX JSON and XML, SPDX JSON) and the graph built from them. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { ErrorCode } from '../../src/errors.js';
import { parentsFromRoot } from '../../src/graph-paths.js';
import { sbomGraph } from '../../src/resolve/sbom/graph.js';
import { readVendorSbom } from '../../src/resolve/sbom/index.js';
import { SHARED_FIXTURES, tempDir } from '../helpers.js';
import { FUZZ, mutatedJson, mutatedText, parsesOrRefuses } from './fuzz.js';

const CODES: ErrorCode[] = ['E_PARSE', 'E_TOO_DEEP'];
const SBOMS = join(SHARED_FIXTURES, 'sboms');
const dir = tempDir('sovscan-fuzz-');
let n = 0;

async function read(name: string, text: string): Promise<void> {
  const file = join(dir, `${n++}-${name}`);
  writeFileSync(file, text);
  parentsFromRoot(sbomGraph((await readVendorSbom(file)).sbom));
}

describe.each(['cyclonedx-1.4_npm_dev-dependencies.cdx.json', 'cyclonedx-1.6_npm_bundled-dependencies.cdx.json', 'spdx-2.3_example.spdx.json'])('%s', (name) => {
  const doc = JSON.parse(readFileSync(join(SBOMS, name), 'utf8')) as unknown;
  it('mutated: read or refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(mutatedJson(doc), (mutated) => parsesOrRefuses(() => read(name, JSON.stringify(mutated)), CODES)), FUZZ);
  });
});

describe('cyclonedx-1.5_npm_bundled-dependencies.cdx.xml', () => {
  const name = 'cyclonedx-1.5_npm_bundled-dependencies.cdx.xml';
  const text = readFileSync(join(SBOMS, name), 'utf8');
  const markup = fc.constantFrom('<!DOCTYPE bom>', '<!ENTITY x "y">', '&xxe;', '&amp;', '<![CDATA[<x>]]>', '<!-- <x> -->', '<?pi x?>', '<component>', '</components>', '<a b=">">', '\u0000', '\u001b', '<'.repeat(300), '<x>'.repeat(300));
  it('mutated: read or refused with a known code', async () => {
    const edits = fc.array(fc.tuple(fc.nat(), fc.oneof(markup, fc.string({ unit: 'binary', maxLength: 20 }))), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(edits, (list) => {
        let mutated = text;
        for (const [at, piece] of list) {
          const i = at % mutated.length;
          mutated = `${mutated.slice(0, i)}${piece}${mutated.slice(i)}`;
        }
        return parsesOrRefuses(() => read(name, mutated), CODES);
      }),
      FUZZ,
    );
  });
  it('line edits: read or refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(mutatedText(text), (mutated) => parsesOrRefuses(() => read(name, mutated), CODES)), FUZZ);
  });
});

describe('arbitrary text', () => {
  it('read or refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? '')), (text) => parsesOrRefuses(() => read('x.json', text), CODES)), FUZZ);
  });
});
