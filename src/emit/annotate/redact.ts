/**
 * `--redact` for a vendor's SBOM: the fields that hold people (CycloneDX `author`, `authors`, `publisher`,
 * `contact`, `individual`, commit `author` / `committer`; SPDX `Person:` suppliers, originators, creators
 * and annotators) are removed, and any e-mail address left in other text is replaced. A CycloneDX
 * supplier or manufacturer is an organisation by type but is often a person in practice: under --redact
 * its name is kept only when it is an organisation sovscan's data knows (sovscan infers nothing from the
 * name itself).
 *
 * Redacted or not, the user info of every URL (`user:password@`) is removed (../url.ts).
 */
import { loadAttributionData } from '../../attribute/data.js';
import { withoutUserinfo } from '../url.js';

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/gi;
export const REDACTED = '[redacted]';
/** CycloneDX keys that hold a person (or a person's free text). */
export const PERSON_KEYS = new Set(['author', 'authors', 'publisher', 'contact', 'individual', 'committer']);

/** CycloneDX keys that hold an organisational entity, whose `name` may be a person's. */
export const ORGANISATION_KEYS = new Set(['supplier', 'manufacturer', 'manufacture']);

let organisations: Set<string> | undefined;

/** Whether `name` is the name of a vendor in sovscan's data (case and surrounding space aside). */
export function knownOrganisation(name: string): boolean {
  organisations ??= new Set([...loadAttributionData().vendors.values()].map((v) => v.name.trim().toLowerCase()));
  return organisations.has(name.trim().toLowerCase());
}

export function redactText(text: string): string {
  // User info first: in `user:password@host.example` the e-mail rule would keep the user and mangle the URL.
  return withoutUserinfo(text).replace(EMAIL, REDACTED);
}

/** Every string of a JSON document with URL user info removed, in place: done to every annotated SBOM. */
export function withoutCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCredentials);
  if (typeof value === 'string') return withoutUserinfo(value);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = withoutCredentials(record[key]);
  return record;
}

/** CycloneDX JSON, in place. */
export function redactCycloneDx(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactCycloneDx);
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (PERSON_KEYS.has(key)) {
      delete record[key];
      continue;
    }
    const entity = record[key] as Record<string, unknown> | null;
    if (ORGANISATION_KEYS.has(key) && typeof entity === 'object' && entity !== null && typeof entity.name === 'string' && !knownOrganisation(entity.name)) delete entity.name;
    record[key] = redactCycloneDx(record[key]);
  }
  return record;
}

const PERSON = /^Person:/;

/** SPDX JSON, in place. */
export function redactSpdx(doc: Record<string, unknown>): void {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((v) => !(typeof v === 'string' && PERSON.test(v))).map(walk);
    if (typeof value === 'string') return PERSON.test(value) ? 'NOASSERTION' : redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = key === 'annotator' && typeof record[key] === 'string' && PERSON.test(record[key]) ? `Person: ${REDACTED}` : walk(record[key]);
    return record;
  };
  walk(doc);
}
