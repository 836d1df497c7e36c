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
  /** Supplier country by bom-ref: written as `supplier.address.country`, and `manufacturer` (1.6+). */
  organisations: Map<string, { country: string }>;
  /** The human explanation for every component at `low` or above (annotations, 1.5+). */
  annotations: Annotation[];
}

export interface Annotation {
  subject: string;
  timestamp: string;
  text: string;
  tool: { name: string; version: string };
}

interface JsonOrganisation {
  name?: string;
  url?: string[];
  address?: { country: string };
}

interface JsonComponent {
  'bom-ref'?: string;
  authors?: Contact[];
  supplier?: JsonOrganisation;
  manufacturer?: JsonOrganisation;
  [key: string]: unknown;
}

interface JsonBom {
  components?: JsonComponent[];
  compositions?: Composition[];
  annotations?: { subjects?: string[] }[];
  [key: string]: unknown;
}

/** `postalAddress` and component `manufacturer` exist from CycloneDX 1.6 on. */
export function augmentJson(doc: JsonBom, extra: Augmentation, specVersion: string): JsonBom {
  const addresses = specVersion !== '1.5';
  for (const component of doc.components ?? []) {
    const ref = component['bom-ref'];
    if (ref === undefined) continue;
    const authors = extra.authors.get(ref);
    if (authors) component.authors = authors;
    const organisation = extra.organisations.get(ref);
    if (organisation && component.supplier && addresses) {
      component.supplier = { ...component.supplier, address: { country: organisation.country } };
      component.manufacturer = component.supplier;
    }
  }
  if (extra.compositions.length > 0) doc.compositions = extra.compositions;
  if (extra.annotations.length > 0) {
    doc.annotations = extra.annotations.map((a) => ({
      subjects: [a.subject],
      annotator: { component: { type: 'application', name: a.tool.name, version: a.tool.version } },
      timestamp: a.timestamp,
      text: a.text,
    }));
  }
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
  // XSD order: … dependencies, compositions, properties, vulnerabilities, annotations.
  if (extra.annotations.length > 0) {
    const annotations = bom.ele('annotations');
    for (const a of extra.annotations) {
      const el = annotations.ele('annotation');
      el.ele('subjects').ele('subject', { ref: a.subject });
      el.ele('annotator').ele('component', { type: 'application' }).ele('name').txt(a.tool.name).up().ele('version').txt(a.tool.version);
      el.ele('timestamp').txt(a.timestamp);
      el.ele('text').txt(a.text);
    }
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
