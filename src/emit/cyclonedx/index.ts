/**
 * The CycloneDX emitter: models → serialise (sorted, so output is deterministic) → augment → validate
 * with the library's strict validator for the chosen spec version. An invalid document is a bug in
 * sovscan, never written silently.
 */
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import type * as Validation from '@cyclonedx/cyclonedx-library/Validation';
import type { Scan } from '../../model.js';
import { fails } from '../../assess/levels.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { augmentJson, augmentXml, type Annotation, type Augmentation } from './augment.js';
import { buildBom } from './build.js';
import { InvalidSbomError, validateJsonBom } from './validate.js';
import { xmlSafe } from '../text.js';

export type SpecVersion = '1.5' | '1.6' | '1.7';
export type CycloneDxFormat = 'cyclonedx-json' | 'cyclonedx-xml';
export const SPEC_VERSIONS: readonly SpecVersion[] = ['1.5', '1.6', '1.7'];

export interface CycloneDxOptions {
  format: CycloneDxFormat;
  specVersion: SpecVersion;
  reproducible: boolean;
  redact: boolean;
}

const SPECS = { '1.5': Spec.Spec1dot5, '1.6': Spec.Spec1dot6, '1.7': Spec.Spec1dot7 } as const;

export { InvalidSbomError };

/**
 * Annotations carry the explanation of every component at `low` or above. Under --reproducible their
 * timestamp is the data snapshot date, so that output stays byte-identical.
 */
function annotations(scan: Scan, reproducible: boolean): Annotation[] {
  const findings = scan.assessment?.findings;
  if (!findings) return [];
  const timestamp = reproducible ? `${scan.dataSnapshot ?? '1970-01-01'}T00:00:00Z` : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out: Annotation[] = [];
  for (const finding of findings.values()) {
    if (!fails(finding.level, 'low')) continue;
    out.push({ subject: finding.package, timestamp, tool: { name: TOOL_NAME, version: TOOL_VERSION }, text: `Risk ${finding.level} under policy ${scan.assessment!.policy.id}. Path: ${finding.path.join(' > ')}. ${finding.reasons.join(' ')}` });
  }
  return out.sort((a, b) => a.subject.localeCompare(b.subject));
}

function augmentation(scan: Scan, authors: Augmentation['authors'], organisations: Augmentation['organisations'], reproducible: boolean): Augmentation {
  const root = scan.graph.root.id;
  return {
    authors,
    organisations,
    annotations: annotations(scan, reproducible),
    compositions: [{ aggregate: scan.complete ? 'complete' : 'incomplete', assemblies: [root], dependencies: [root] }],
  };
}

export interface Emitted {
  text: string;
  /** Things the reader of the output should know (e.g. XML written without schema validation). */
  notes: string[];
}

export async function emitCycloneDx(scan: Scan, options: CycloneDxOptions): Promise<Emitted> {
  const spec = SPECS[options.specVersion];
  // `authors` exists from CycloneDX 1.6 on, and only the JSON augmenter writes it; XML and 1.5 use `author`.
  const authorsField = options.format === 'cyclonedx-json' && options.specVersion !== '1.5' ? 'authors' : 'author';
  const { bom, authors, organisations } = buildBom(scan, { reproducible: options.reproducible, redact: options.redact, authorsField });
  const extra = augmentation(scan, authors, organisations, options.reproducible);
  if (options.format === 'cyclonedx-xml') {
    // Registry text may hold characters XML cannot carry; the serialiser and the augmenter write them as they are.
    const xml = xmlSafe(await augmentXml(new Serialize.XmlSerializer(new Serialize.XML.Normalize.Factory(spec)).serialize(bom, { sortLists: true, space: 2 }), extra));
    const notes = await validateXml(spec.version, xml);
    return { text: xml.endsWith('\n') ? xml : `${xml}\n`, notes };
  }
  // The normaliser is what JsonSerializer runs before stringifying, minus its bom-ref discriminator,
  // which only rewrites duplicate bom-refs: ours are unique by construction (and checked in validate.ts).
  const normalized = new Serialize.JSON.Normalize.Factory(spec).makeForBom().normalize(bom, { sortLists: true });
  const doc = augmentJson(dropUndefined(normalized) as Record<string, unknown>, extra, options.specVersion);
  await validateJsonBom(spec.version, doc);
  return { text: `${JSON.stringify(doc, null, 2)}\n`, notes: [] };
}

/** XML validation needs the optional native `libxmljs2`; without it the XML is written unvalidated and says so. */
async function validateXml(version: Spec.Version, xml: string): Promise<string[]> {
  const { XmlValidator, MissingOptionalDependencyError } = await import('@cyclonedx/cyclonedx-library/Validation');
  try {
    await validate(new XmlValidator(version), xml);
    return [];
  } catch (error) {
    if (error instanceof MissingOptionalDependencyError) {
      return ['The XML SBOM was not schema-validated: the optional package libxmljs2 is not installed'];
    }
    throw error;
  }
}

/** The normaliser leaves optional fields as keys with `undefined` values; JSON has no such thing. */
function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) dropUndefined(item);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (record[key] === undefined) delete record[key];
      else dropUndefined(record[key]);
    }
  }
  return value;
}

async function validate(validator: Validation.Types.Validator, text: string): Promise<void> {
  const error = await validator.validate(text);
  if (error !== null) throw new InvalidSbomError(error);
}

