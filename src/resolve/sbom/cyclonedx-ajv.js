// How @cyclonedx/cyclonedx-library's JSON validator sets up Ajv, written once: its options, the schemas
// its bom schemas reference, and its formats. The build (scripts/build-validators.js) precompiles the
// validators of sovscan's own SBOMs with it; reading a vendor's SBOM (schema.ts) compiles with it at run
// time. Plain JavaScript with its types beside it (cyclonedx-ajv.d.ts), so that the build script can
// import it as it is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const CDX_SCHEMA_DIR = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');

const REFERENCED = ['spdx.SNAPSHOT.schema.json', 'cryptography-defs.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json'];

export function readCdxSchema(file) {
  return JSON.parse(readFileSync(join(CDX_SCHEMA_DIR, file), 'utf8'));
}

export async function cycloneDxAjv(options = {}) {
  const [ajv, formats, draft2019] = await Promise.all([import('ajv'), import('ajv-formats'), import('ajv-formats-draft2019')]);
  const Ajv = ajv.default.default;
  const instance = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    schemas: Object.fromEntries(REFERENCED.map((file) => [`http://cyclonedx.org/schema/${file}`, readCdxSchema(file)])),
    ...options,
  });
  formats.default.default(instance);
  draft2019.default(instance, { formats: ['idn-email'] });
  instance.addFormat('iri-reference', true);
  return instance;
}
