/**
 * Schema validation of every SBOM sovscan writes, with the CycloneDX schemas of
 * @cyclonedx/cyclonedx-library.
 *
 * Two costs of the library's JsonStrictValidator are avoided without changing what is checked:
 * * compiling the schema (~300 ms a run): the build precompiles the same schema files with the same Ajv
 *   options and formats (scripts/build-validators.js → lib/generated/); without them the library's own
 *   validator is used (the tests run that way and compare the two);
 * * `uniqueItems` on `components`, `dependencies` and `annotations`, which Ajv checks pairwise (quadratic:
 *   ~200 ms on 1,300 components, seconds on 1,300 annotations): sovscan checks that bom-refs, refs and
 *   annotation subjects are unique, which makes every item distinct. The precompiled validators leave those
 *   three checks out; the library's validator, which has them, is given the document in slices so that
 *   each pairwise check is small.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GENERATED_DIR } from '../../paths.js';
import type * as Spec from '@cyclonedx/cyclonedx-library/Spec';

export class InvalidSbomError extends Error {
  constructor(readonly details: unknown) {
    super(`sovscan produced an SBOM that fails CycloneDX validation: ${JSON.stringify(details).slice(0, 2000)}`);
  }
}

type Check = ((doc: object) => Promise<unknown[] | null>) & { sliced?: boolean };

const require = createRequire(import.meta.url);
const checks = new Map<string, Check>();

function checkFor(version: string): Check {
  let check = checks.get(version);
  if (check) return check;
  try {
    const validate = require(join(GENERATED_DIR, `cdx-validate-${version}.cjs`)) as { (doc: object): boolean; errors?: unknown[] };
    check = async (doc) => (validate(doc) ? null : (validate.errors ?? ['invalid']));
  } catch {
    const validator = import('@cyclonedx/cyclonedx-library/Validation').then((v) => new v.JsonStrictValidator(version as Spec.Version));
    check = Object.assign(
      async (doc: object) => {
        const errors = await (await validator).validate(JSON.stringify(doc));
        return errors === null ? null : [errors];
      },
      { sliced: true },
    );
  }
  checks.set(version, check);
  return check;
}

export function preloadValidator(version: string): void {
  checkFor(version);
}

interface Doc {
  components?: { 'bom-ref'?: string }[];
  dependencies?: { ref: string }[];
  annotations?: { subjects?: string[] }[];
  [key: string]: unknown;
}

const SLICE = 16;

export async function validateJsonBom(version: string, doc: Doc): Promise<void> {
  const components = doc.components ?? [];
  const dependencies = doc.dependencies ?? [];
  const refs = new Set<string>();
  for (const c of components) {
    const ref = c['bom-ref'];
    if (ref === undefined || refs.has(ref)) throw new InvalidSbomError({ message: 'component bom-ref missing or duplicated', ref });
    refs.add(ref);
  }
  const depRefs = new Set(dependencies.map((d) => d.ref));
  if (depRefs.size !== dependencies.length) throw new InvalidSbomError({ message: 'duplicated dependencies entry' });
  // sovscan writes one annotation per component: distinct subjects make the annotations distinct.
  const annotations = doc.annotations ?? [];
  const subjects = new Set(annotations.map((a) => JSON.stringify(a.subjects)));
  if (subjects.size !== annotations.length) throw new InvalidSbomError({ message: 'two annotations for the same subjects' });
  const check = checkFor(version);
  if (!check.sliced) {
    const errors = await check(doc);
    if (errors) throw new InvalidSbomError(errors);
    return;
  }
  const slices = Math.max(1, Math.ceil(Math.max(components.length, dependencies.length, annotations.length) / SLICE));
  for (let i = 0; i < slices; i++) {
    const part = { ...doc, components: components.slice(i * SLICE, (i + 1) * SLICE), dependencies: dependencies.slice(i * SLICE, (i + 1) * SLICE), annotations: annotations.slice(i * SLICE, (i + 1) * SLICE) };
    if (doc.components === undefined) delete (part as Doc).components;
    if (doc.dependencies === undefined) delete (part as Doc).dependencies;
    if (doc.annotations === undefined || part.annotations.length === 0) delete (part as Doc).annotations;
    const errors = await check(part);
    if (errors) throw new InvalidSbomError(errors);
  }
}
