/**
 * Schema problems of a vendor SBOM, all of them: real SBOMs are often slightly invalid, and the reader
 * wants every problem with its place, not the first. CycloneDX JSON is checked against the library's
 * schema files (the same files and options as its validator, with every error kept), CycloneDX XML with
 * the library's XML validator (needs the optional libxmljs2), SPDX JSON against the SPDX 2.3 schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import { CDX_SCHEMA_DIR, cycloneDxAjv } from './cyclonedx-ajv.js';
import type { SchemaProblem } from './types.js';

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

type Validate = ((doc: unknown) => boolean) & { errors?: AjvError[] | null };

const compiled = new Map<string, Validate>();

/** Every error kept. SPDX documents are checked with the same set-up (its formats; the CycloneDX schemas it adds go unused). */
async function ajvFor(schemaFile: string): Promise<Validate> {
  let validate = compiled.get(schemaFile);
  if (validate) return validate;
  const ajv = await cycloneDxAjv({ allErrors: true });
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object) as unknown as Validate;
  compiled.set(schemaFile, validate);
  return validate;
}

function problems(validate: Validate, doc: unknown): SchemaProblem[] {
  try {
    if (validate(doc)) return [];
  } catch (error) {
    // The validator's deep-equality check calls an object's own `toString` key when the vendor's
    // document has one that is not a function: the document is still read, with the check reported.
    return [{ pointer: '/', message: `could not be checked against the schema: ${(error as Error).message}` }];
  }
  return (validate.errors ?? []).map((e) => ({
    pointer: e.instancePath || '/',
    message: `${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`,
  }));
}

export const CYCLONEDX_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;

export async function cycloneDxJsonProblems(doc: unknown, specVersion: string): Promise<SchemaProblem[]> {
  const validate = await ajvFor(join(CDX_SCHEMA_DIR, `bom-${specVersion}.SNAPSHOT.schema.json`));
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
