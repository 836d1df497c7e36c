/**
 * Schema problems of a vendor SBOM, all of them: real SBOMs are often slightly invalid, and the reader
 * wants every problem with its place, not the first. CycloneDX JSON is checked against the library's
 * schema files (the same files and options as its validator, with every error kept), CycloneDX XML with
 * the library's XML validator (needs the optional libxmljs2), SPDX JSON against the SPDX 2.3 schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import type { SchemaProblem } from './types.js';

const require = createRequire(import.meta.url);

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

type Validate = ((doc: unknown) => boolean) & { errors?: AjvError[] | null };

const compiled = new Map<string, Validate>();

async function ajvFor(schemaFile: string, extra: Record<string, string> = {}): Promise<Validate> {
  let validate = compiled.get(schemaFile);
  if (validate) return validate;
  const [ajvModule, formatsModule, draft2019Module] = await Promise.all([
    import('ajv'),
    import('ajv-formats'),
    // @ts-expect-error: the package has no type declarations
    import('ajv-formats-draft2019') as Promise<{ default: (ajv: unknown, options: unknown) => void }>,
  ]);
  const Ajv = ajvModule.default.default;
  const addFormats = formatsModule.default.default;
  const addDraft2019Formats = draft2019Module.default;
  const schemas = Object.fromEntries(Object.entries(extra).map(([id, file]) => [id, JSON.parse(readFileSync(file, 'utf8')) as object]));
  const ajv = new Ajv({ allErrors: true, useDefaults: false, strict: false, strictSchema: false, addUsedSchema: false, schemas });
  addFormats(ajv);
  addDraft2019Formats(ajv, { formats: ['idn-email'] });
  ajv.addFormat('iri-reference', true);
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object) as unknown as Validate;
  compiled.set(schemaFile, validate);
  return validate;
}

function problems(validate: Validate, doc: unknown): SchemaProblem[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => ({
    pointer: e.instancePath || '/',
    message: `${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`,
  }));
}

const CDX_SCHEMA_DIR = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
export const CYCLONEDX_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;

export async function cycloneDxJsonProblems(doc: unknown, specVersion: string): Promise<SchemaProblem[]> {
  const validate = await ajvFor(join(CDX_SCHEMA_DIR, `bom-${specVersion}.SNAPSHOT.schema.json`), {
    'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': join(CDX_SCHEMA_DIR, 'spdx.SNAPSHOT.schema.json'),
    'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': join(CDX_SCHEMA_DIR, 'cryptography-defs.SNAPSHOT.schema.json'),
    'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': join(CDX_SCHEMA_DIR, 'jsf-0.82.SNAPSHOT.schema.json'),
  });
  return problems(validate, doc);
}

export async function spdxJsonProblems(doc: unknown): Promise<SchemaProblem[]> {
  return problems(await ajvFor(join(DATA_DIR, 'schemas', 'spdx-2.3.schema.json')), doc);
}

/** Undefined when the XML validator cannot run here (libxmljs2 is an optional dependency). */
export async function cycloneDxXmlProblems(text: string, specVersion: string): Promise<SchemaProblem[] | undefined> {
  try {
    const { XmlValidator } = await import('@cyclonedx/cyclonedx-library/Validation');
    const result = (await new XmlValidator(specVersion as never).validate(text)) as { line?: number; column?: number; message?: string }[] | null;
    return (result ?? []).map((e) => ({ pointer: `line ${e.line ?? '?'}${e.column ? ` column ${e.column}` : ''}`, message: (e.message ?? 'is invalid').trim() }));
  } catch {
    return undefined;
  }
}
