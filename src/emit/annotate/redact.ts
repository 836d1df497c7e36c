/**
 * `--redact` for a vendor's SBOM: the fields that hold people (CycloneDX `author`, `authors`, `publisher`,
 * `contact`, `individual`, commit `author` / `committer`; SPDX `Person:` suppliers, originators, creators
 * and annotators) are removed, and any e-mail address left in other text is replaced.
 */
const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/gi;
export const REDACTED = '[redacted]';
/** CycloneDX keys that hold a person (or a person's free text). */
export const PERSON_KEYS = new Set(['author', 'authors', 'publisher', 'contact', 'individual', 'committer']);

export function redactText(text: string): string {
  return text.replace(EMAIL, REDACTED);
}

/** CycloneDX JSON, in place. */
export function redactCycloneDx(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactCycloneDx);
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (PERSON_KEYS.has(key)) delete record[key];
    else record[key] = redactCycloneDx(record[key]);
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
