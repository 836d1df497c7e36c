/**
 * Acceptance: every SBOM in ../shared/fixtures/sboms/ is enriched without loss. The annotated document,
 * with sovscan's additions taken out again, equals the input: every component and every field is still
 * there and nothing else changed. The annotated document also passes its format's schema, and `--redact`
 * leaves none of the people of the input in it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { childElements, type XmlElement } from '../../../src/resolve/sbom/xml-dom.js';
import { cycloneDxJsonProblems, cycloneDxXmlProblems, spdxJsonProblems } from '../../../src/resolve/sbom/schema.js';
import { runSbomPipeline } from '../../../src/sbom-pipeline.js';
import { SHARED_FIXTURES, tempDir } from '../../helpers.js';

const SBOMS = join(SHARED_FIXTURES, 'sboms');
const FILES = readdirSync(SBOMS).sort();

async function annotate(file: string, redact = false): Promise<string> {
  const { document } = await runSbomPipeline({ target: join(SBOMS, file), offline: true, cacheDir: tempDir('sovscan-cache-'), concurrency: 4, history: false, policy: 'neutral', redact, reproducible: true });
  return document;
}

type Json = Record<string, unknown>;
const isSovscan = (name: unknown) => typeof name === 'string' && name.startsWith('sovscan');

/** sovscan's additions to a CycloneDX JSON document, taken out. */
function stripJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value as Json)) out[key] = stripJson(v);
  if (Array.isArray(out.properties)) {
    out.properties = (out.properties as Json[]).filter((p) => !isSovscan(p.name));
    if ((out.properties as unknown[]).length === 0) delete out.properties;
  }
  return out;
}

function stripCycloneDxJson(doc: Json): Json {
  const out = stripJson(doc) as Json;
  const metadata = out.metadata as Json;
  const tools = metadata.tools as Json[] | Json;
  if (Array.isArray(tools)) metadata.tools = tools.filter((t) => t.name !== 'sovscan');
  else tools.components = (tools.components as Json[]).filter((t) => t.name !== 'sovscan');
  out.version = (out.version as number) - 1;
  return out;
}

function stripSpdx(doc: Json): Json {
  const out = structuredClone(doc);
  const strip = (target: Json) => {
    if (!Array.isArray(target.annotations)) return;
    target.annotations = (target.annotations as Json[]).filter((a) => !String(a.annotator).startsWith('Tool: sovscan-'));
    if ((target.annotations as unknown[]).length === 0) delete target.annotations;
  };
  strip(out);
  for (const pkg of out.packages as Json[]) strip(pkg);
  const creation = out.creationInfo as Json;
  creation.creators = (creation.creators as string[]).filter((c) => !c.startsWith('Tool: sovscan-'));
  return out;
}

function stripXml(text: string): string {
  const doc = create(text);
  const bom = doc.root().node as unknown as XmlElement;
  const walk = (element: XmlElement) => {
    for (const child of childElements(element)) {
      if (child.localName === 'property' && isSovscan(child.getAttribute('name'))) element.removeChild(child);
      else if ((child.localName === 'tool' || (child.localName === 'component' && element.localName === 'components' && element.parentNode?.localName === 'tools')) && childElements(child, 'name')[0]?.textContent === 'sovscan') element.removeChild(child);
      else walk(child);
    }
    if (element.localName === 'properties' && childElements(element).length === 0) element.parentNode!.removeChild(element);
  };
  walk(bom);
  bom.setAttribute('version', String(Number(bom.getAttribute('version')) - 1));
  return doc.end({ prettyPrint: true });
}

describe.each(FILES)('%s', (file) => {
  const input = readFileSync(join(SBOMS, file), 'utf8');

  it('keeps every component and field of the input, and passes its schema', async () => {
    const output = await annotate(file);
    expect(output).toContain('sovscan:jurisdiction:vendor');
    if (file.endsWith('.xml')) {
      expect(stripXml(output)).toBe(create(input).end({ prettyPrint: true }));
      expect(await cycloneDxXmlProblems(output, /schema\/bom\/(1\.\d)/.exec(output)![1]!)).toEqual([]);
    } else if (file.startsWith('spdx')) {
      expect(stripSpdx(JSON.parse(output) as Json)).toEqual(JSON.parse(input));
      expect(await spdxJsonProblems(JSON.parse(output))).toEqual([]);
    } else {
      expect(stripCycloneDxJson(JSON.parse(output) as Json)).toEqual(JSON.parse(input));
      expect(await cycloneDxJsonProblems(JSON.parse(output), (JSON.parse(output) as Json).specVersion as string)).toEqual([]);
    }
  });

  it('--redact leaves none of its people', async () => {
    const output = await annotate(file, true);
    const emails = [...new Set(input.match(/[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}\b/gi) ?? [])];
    const matches = [
      ...input.matchAll(/"author"\s*:\s*"([^"<]+?)\s*(?:<[^"]*)?"/g),
      ...input.matchAll(/"name"\s*:\s*"([^"]+)"(?=\s*,\s*"email")/g),
      ...input.matchAll(/<(?:author|publisher)>([^<&]+?)\s*(?:&lt;[^<]*)?<\//g),
      ...input.matchAll(/"Person: ([^"(]+?)\s*(?:\([^"]*)?"/g),
    ].map((m) => m[1]!.trim());
    for (const email of emails) expect(output).not.toContain(email);
    // A person's handle may also be part of a repository URL, which stays: only the person fields go.
    const count = (text: string, needle: string) => text.split(needle).length - 1;
    for (const name of new Set(matches)) {
      const asPerson = matches.filter((m) => m === name).length;
      expect(count(output, name), name).toBeLessThanOrEqual(count(input, name) - asPerson);
    }
    expect(output).not.toMatch(/"(author|authors|publisher|contact)"\s*:|<(author|authors|publisher|contact)>|"Person: (?!\[redacted\])/);
  });
});
