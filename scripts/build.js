// `npm run build`: bundle the CLI into one ES module (lib/sovscan.mjs; one file loads much faster than
// hundreds), then precompile the CycloneDX validators (lib/generated/). Type-checking is `npm run typecheck`.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/lib`, { recursive: true, force: true });

/**
 * @cyclonedx/cyclonedx-library loads its XML stringifier (xmlbuilder2 and its DOM, ~0.6 MB) as soon as
 * its serialisers are imported. This shim defers that load to the first XML serialisation, so that JSON
 * scans do not parse it; the stringifier itself is the library's own, unchanged.
 */
const lazyXmlStringifier = {
  name: 'lazy-xml-stringifier',
  setup(b) {
    b.onLoad({ filter: /cyclonedx-library[\\/]dist\.node[\\/]_optPlug\.node[\\/]xmlStringify\.js$/ }, () => ({
      loader: 'js',
      contents: "'use strict'; let f; Object.defineProperty(exports, '__esModule', { value: true }); exports.default = function (...args) { f ??= require('./_wrapper').default('XmlStringifier', [['xmlbuilder2', () => require('./__xmlStringifiers/xmlbuilder2').default]]); return f(...args); };",
      resolveDir: `${root}/node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node`,
    }));
  },
};

const common = {
  plugins: [lazyXmlStringifier],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Loaded from node_modules (they are dependencies) rather than bundled: libxmljs2 is native and
  // optional; the library's validators read their schema files next to themselves; the YAML, yarn.lock,
  // glob, XML and JSON Schema libraries are only imported when a project or an option needs them, and
  // left out of the bundle a scan does not have to parse them.
  external: ['libxmljs2', '@cyclonedx/cyclonedx-library/Validation', 'yaml', '@yarnpkg/parsers', 'ajv', 'ajv-formats', 'tinyglobby', 'xmlbuilder2'],
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __sovscanRequire } from 'node:module'; const require = __sovscanRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: [`${root}/src/cli.ts`], outfile: `${root}/lib/sovscan.mjs` });
// `npm run eval`: the vendor evaluation (not part of the command line).
await build({ ...common, entryPoints: [`${root}/src/eval.ts`], outfile: `${root}/lib/eval.mjs`, sourcemap: false });

await import('./build-validators.js');
