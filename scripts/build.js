// `npm run build`: bundle the CLI into one ES module (lib/sovscan.mjs; one file loads much faster than
// hundreds), then precompile the CycloneDX validators (lib/generated/). Type-checking is `npm run typecheck`.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const actionAt = process.argv.indexOf('--action');

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

/**
 * Two dependencies name the public registry in code sovscan never runs: npm-package-arg as the default of
 * `toPurl`, and @cyclonedx/cyclonedx-library as `defaultRegistryMatcher`, an export nothing calls. The
 * bundles leave those two values out, so that no registry host ships in them (DESIGN.md §8); everything
 * else in both files is unchanged. A build fails if either file stops matching.
 */
const UNUSED_REGISTRY_DEFAULTS = [
  { file: /npm-package-arg[\\/]lib[\\/]npa\.js$/, value: /^const defaultRegistry = '[^']*'$/m, replacement: "const defaultRegistry = 'https://registry.invalid'" },
  { file: /cyclonedx-library[\\/]dist\.node[\\/]contrib[\\/]fromNodePackageJson[\\/]utils\.js$/, value: /^exports\.defaultRegistryMatcher = \/.*\/;$/m, replacement: 'exports.defaultRegistryMatcher = /^https?:\\/\\/registry\\.invalid(:?\\/|$)/;' },
];
const withoutRegistryHost = {
  name: 'without-registry-host',
  setup(b) {
    for (const { file, value, replacement } of UNUSED_REGISTRY_DEFAULTS) {
      b.onLoad({ filter: file }, async (args) => {
        const text = readFileSync(args.path, 'utf8');
        const contents = text.replace(value, replacement);
        if (contents === text) throw new Error(`${args.path} changed: update the without-registry-host build step`);
        return { loader: 'js', contents };
      });
    }
  },
};

const common = {
  plugins: [lazyXmlStringifier, withoutRegistryHost],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Loaded from node_modules (they are dependencies) rather than bundled: libxmljs2 is native and
  // optional; the library's validators read their schema files next to themselves; the YAML, yarn.lock,
  // glob, XML and JSON Schema libraries, registry resolution's and the HTML report's map, and the proxy
  // agents are only imported when a project or an option needs them, and left out of the bundle a scan
  // does not have to parse them.
  external: [
    ...['libxmljs2', '@cyclonedx/cyclonedx-library/Validation', 'yaml', '@yarnpkg/parsers', 'ajv', 'ajv-formats', 'ajv-formats-draft2019', 'tinyglobby', 'xmlbuilder2'],
    ...['npm-package-arg', 'npm-pick-manifest', 'd3-geo', 'topojson-client', 'world-atlas', 'http-proxy-agent', 'https-proxy-agent'],
  ],
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __sovscanRequire } from 'node:module'; const require = __sovscanRequire(import.meta.url);" },
};
if (actionAt < 0) {
  rmSync(`${root}/lib`, { recursive: true, force: true });
  await build({ ...common, entryPoints: [`${root}/src/cli.ts`], outfile: `${root}/lib/sovscan.mjs` });
// `npm run eval`: the vendor evaluation (not part of the command line).
  await build({ ...common, entryPoints: [`${root}/src/eval.ts`], outfile: `${root}/lib/eval.mjs`, sourcemap: false });
  await import('./build-validators.js');
}

/**
 * The GitHub Action: one bundle with every dependency inside (a runner installs nothing), next to the
 * data, the generated validators and a package.json that marks the folder as sovscan's root.
 * `node scripts/build.js --action DIR` writes it to DIR (dist/ is committed); it needs lib/generated from
 * the main build first (`npm run build:action` does both).
 */
if (actionAt >= 0) {
  const out = process.argv[actionAt + 1] ?? `${root}/dist`;
  rmSync(out, { recursive: true, force: true });
  await build({ ...common, external: ['libxmljs2'], sourcemap: false, entryPoints: [`${root}/src/action-main.ts`], outfile: `${out}/index.mjs`, legalComments: 'none' });
  cpSync(`${root}/data`, `${out}/data`, { recursive: true });
  // The generated validators require Ajv's runtime and the format checkers: bundle each with them.
  for (const version of ['1.5', '1.6', '1.7']) {
    await build({ entryPoints: [`${root}/lib/generated/cdx-validate-${version}.cjs`], outfile: `${out}/lib/generated/cdx-validate-${version}.cjs`, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none' });
  }
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  writeFileSync(`${out}/package.json`, `${JSON.stringify({ name: 'sovscan', version, private: true, type: 'module', description: 'Bundled GitHub Action: built by npm run build:action, do not edit' }, null, 2)}\n`);
}
