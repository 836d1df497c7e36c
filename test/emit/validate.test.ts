/**
 * The build precompiles the library's CycloneDX schemas (lib/generated/) without the three top-level
 * uniqueItems checks, which the emitter's validateJsonBom makes itself. validateJsonBom must judge
 * documents exactly as the library's own JsonStrictValidator does, and the generated code must too on
 * everything but those three checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { emitCycloneDx } from '../../src/emit/cyclonedx/index.js';
import { validateJsonBom } from '../../src/emit/cyclonedx/validate.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { BENCH, REPO, SHARED_FIXTURES } from '../helpers.js';

const require = createRequire(import.meta.url);

type Doc = Record<string, unknown> & { components: Record<string, unknown>[]; dependencies: ({ ref: string } & Record<string, unknown>)[] };

async function bigAppDoc(): Promise<Doc> {
  const { graph, issues } = await resolveTarget(join(BENCH, 'big-app'));
  const { text } = await emitCycloneDx({ graph, issues, complete: true, facts: new Map() }, { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false });
  return JSON.parse(text) as Doc;
}

/** Mutations that only the uniqueItems checks catch. */
const DUPLICATES = new Set(['duplicate component', 'duplicate dependencies entry', 'two identical annotations']);

const MUTATIONS: [string, (d: Doc) => void][] = [
  ['valid as emitted', () => {}],
  ['unknown component type', (d) => (d.components[700]!.type = 'gadget')],
  ['component without name', (d) => delete d.components[3]!.name],
  ['hash content that is not hex', (d) => (d.components.find((c) => c.hashes)!.hashes = [{ alg: 'SHA-512', content: 'zz' }])],
  ['unknown top-level field', (d) => (d.surprise = true)],
  ['licence id not on the SPDX list', (d) => (d.components[10]!.licenses = [{ license: { id: 'Not-A-Licence-1.0' } }])],
  ['licence id on the SPDX list', (d) => (d.components[10]!.licenses = [{ license: { id: 'Apache-2.0' } }])],
  ['empty bom-ref', (d) => (d.components[11]!['bom-ref'] = '')],
  ['version of 1,024 characters, half of them astral', (d) => (d.components[12]!.version = '😀'.repeat(512))],
  ['version of 1,025 code points', (d) => (d.components[12]!.version = 'v'.repeat(1025))],
  ['version of 700 astral characters (1,400 UTF-16 units)', (d) => (d.components[12]!.version = '😀'.repeat(700))],
  ['property without name', (d) => (d.components[5]!.properties = [{ value: 'x' }])],
  ['duplicate component', (d) => d.components.push(structuredClone(d.components[0]!))],
  ['duplicate dependencies entry', (d) => d.dependencies.push(structuredClone(d.dependencies[1]!))],
  ['two identical annotations', (d) => (d.annotations = [1, 2].map(() => ({ subjects: [d.components[0]!['bom-ref']], annotator: { component: { type: 'application', name: 'sovscan' } }, timestamp: '2026-01-01T00:00:00Z', text: 'x' })))],
  ['an annotation without text', (d) => (d.annotations = [{ subjects: [d.components[0]!['bom-ref']], annotator: { component: { type: 'application', name: 'sovscan' } }, timestamp: '2026-01-01T00:00:00Z' }])],
];

describe('validation agrees with the library', () => {
  it.each(MUTATIONS)('%s', async (name, mutate) => {
    const doc = await bigAppDoc();
    mutate(doc);
    const library = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(JSON.stringify(doc));
    const generated = require(join(REPO, 'lib', 'generated', 'cdx-validate-1.6.cjs')) as (d: unknown) => boolean;
    expect(generated(doc)).toBe(library === null || DUPLICATES.has(name));
    const emitted = await validateJsonBom('1.6', doc).then(
      () => true,
      () => false,
    );
    expect(emitted).toBe(library === null);
  });
});

describe('e-mail addresses: the generated idn-email format agrees with the library', () => {
  const generated = (require(join(REPO, 'lib', 'generated', 'cdx-formats.cjs')) as Record<string, (value: string) => boolean>)['idn-email']!;
  const library = require('ajv-formats-draft2019/formats/idn-email') as (value: string) => boolean;
  const label63 = 'a'.repeat(63);
  const addresses = [
    'dev@example.com', 'first.last+tag@sub.example.co.uk', "o'hara!#$%&*/=?^_`{|}~-@example.org", 'a@b.cd', 'x@1.23', 'x@a-b.example',
    'a@b', 'a@b.c', 'a@-b.com', 'a@b-.com', 'a@b..com', '.a@b.com', 'a.@b.com', 'a..b@c.com', '@b.com', 'a@', 'a@@b.com', 'a b@c.com',
    '"quoted local"@example.com', 'a@[127.0.0.1]', 'a@[IPv6:::1]', 'jörg@example.de', 'a@bücher.example', 'user@example.com.',
    `a@${label63}.com`, `a@${label63}a.com`, `${'l'.repeat(64)}@example.com`, `${'l'.repeat(65)}@example.com`,
    `a@${Array.from({ length: 4 }, () => label63).join('.')}.co`, `a@${Array.from({ length: 4 }, () => label63).join('.')}.com`, `a@example.${'c'.repeat(64)}`,
    'a@example.c0m', 'a@example.-com', 'a@example.com-', 'A@EXAMPLE.COM', 'a@xn--bcher-kva.example',
  ];
  it.each(addresses)('%s', (address) => {
    expect(generated(address)).toBe(library(address));
  });

  it('every address in the recorded registry documents', () => {
    const dir = join(SHARED_FIXTURES, 'registry', 'packuments');
    const found = new Set<string>();
    for (const file of readdirSync(dir)) for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/"email":\s*"((?:[^"\\]|\\.)*)"/g)) found.add(JSON.parse(`"${match[1]!}"`) as string);
    expect(found.size).toBeGreaterThan(50);
    for (const address of found) expect(generated(address), address).toBe(library(address));
  });
});
