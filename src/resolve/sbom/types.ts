/** A third party's SBOM as sovscan reads it: the document itself (kept whole) and what resolution needs. */

export type SbomFormat = 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';

export interface DeclaredPerson {
  /** Kept only to find e-mail domains and to redact; never used to attribute. */
  email?: string;
}

export interface SbomComponent {
  /** Unique in the document: the bom-ref or SPDXID, else where the component sits. */
  key: string;
  name: string;
  group?: string;
  version: string;
  purl?: string;
  /** CycloneDX `scope`: `optional` and `excluded` components are marked optional. */
  optional: boolean;
  people: DeclaredPerson[];
  vcs?: string;
  website?: string;
  distribution?: string;
  /** The component in the document (a JSON object or an XML element), for the annotator. */
  target: unknown;
}

export interface SchemaProblem {
  /** JSON pointer (JSON) or element path (XML) of the problem. */
  pointer: string;
  message: string;
}

export interface VendorSbom {
  file: string;
  format: SbomFormat;
  specVersion: string;
  /** The parsed document: an object for JSON, an XML document builder for XML. */
  doc: unknown;
  root: { key?: string; name: string; version: string; target?: unknown };
  components: SbomComponent[];
  /** Declared edges, by component key (the root's key included). */
  dependsOn: Map<string, string[]>;
}

/** A string field of a parsed document, or undefined. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** An array field of a parsed document, or an empty one. */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** `Name <mail@example.org> (url)` or a bare address: the e-mail only. */
export function emailIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return /<([^<>\s]+@[^<>\s]+)>/.exec(text)?.[1] ?? /(?:^|[\s(])([^\s()<>]+@[^\s()<>]+\.[^\s()<>]+)/.exec(text)?.[1];
}

/** Keys unique in the document: a missing or repeated bom-ref falls back to the component's position. */
export function uniqueKey(used: Set<string>, preferred: string | undefined, position: string): string {
  const key = preferred && !used.has(preferred) ? preferred : position;
  used.add(key);
  return key;
}
