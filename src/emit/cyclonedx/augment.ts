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

export interface Augmentation {
  compositions: Composition[];
}

interface JsonBom {
  compositions?: Composition[];
  [key: string]: unknown;
}

export function augmentJson(doc: JsonBom, extra: Augmentation): JsonBom {
  if (extra.compositions.length > 0) doc.compositions = extra.compositions;
  return doc;
}

/**
 * XML keeps the XSD's element order: `compositions` follows `dependencies` (and nothing the library
 * writes comes after it).
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
