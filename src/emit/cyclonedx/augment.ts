/**
 * The one typed layer that adds what `@cyclonedx/cyclonedx-library` v10 cannot model (its models lack
 * `compositions`, `annotations`, component `manufacturer` / `authors` and `address` on organisations;
 * see cyclonedx-javascript-library#1251). It works on the serialised document keyed by bom-ref, and the
 * result is validated as a whole afterwards.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export type Aggregate = 'complete' | 'incomplete' | 'unknown';

export interface Composition {
  aggregate: Aggregate;
  assemblies?: string[];
  dependencies?: string[];
}

export interface Contact {
  name?: string;
  email?: string;
}

export interface Augmentation {
  compositions: Composition[];
  /** Component `authors` (1.6+) by bom-ref. */
  authors: Map<string, Contact[]>;
}

interface JsonComponent {
  'bom-ref'?: string;
  authors?: Contact[];
  [key: string]: unknown;
}

interface JsonBom {
  components?: JsonComponent[];
  compositions?: Composition[];
  [key: string]: unknown;
}

export function augmentJson(doc: JsonBom, extra: Augmentation): JsonBom {
  if (extra.authors.size > 0) {
    for (const component of doc.components ?? []) {
      const authors = component['bom-ref'] ? extra.authors.get(component['bom-ref']) : undefined;
      if (authors) component.authors = authors;
    }
  }
  if (extra.compositions.length > 0) doc.compositions = extra.compositions;
  return doc;
}

/**
 * XML keeps the XSD's element order: `compositions` follows `dependencies` (and nothing the library
 * writes comes after it). People go into the component's `author` text in XML (see build.ts).
 */
export async function augmentXml(xml: string, extra: Augmentation): Promise<string> {
  const { create } = await import('xmlbuilder2');
  const doc = create(xml);
  const bom = doc.root();
  if (extra.compositions.length > 0) {
    const compositions = bom.ele('compositions');
    for (const c of extra.compositions) addComposition(compositions, c);
  }
  return doc.end({ prettyPrint: true });
}

function addComposition(parent: XMLBuilder, composition: Composition): void {
  const el = parent.ele('composition');
  el.ele('aggregate').txt(composition.aggregate);
  if (composition.assemblies) {
    const a = el.ele('assemblies');
    for (const ref of composition.assemblies) a.ele('assembly', { ref });
  }
  if (composition.dependencies) {
    const d = el.ele('dependencies');
    for (const ref of composition.dependencies) d.ele('dependency', { ref });
  }
}
