// `npm run build`: bundle the CLI into one ES module (lib/sovscan.mjs; one file loads much faster than
// hundreds), then precompile the CycloneDX validators (lib/generated/). Type-checking is `npm run typecheck`.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/lib`, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // libxmljs2 is native and optional. The library's validators read their schema files next to
  // themselves, so they load from node_modules.
  external: ['libxmljs2', '@cyclonedx/cyclonedx-library/Validation'],
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __sovscanRequire } from 'node:module'; const require = __sovscanRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: [`${root}/src/cli.ts`], outfile: `${root}/lib/sovscan.mjs` });
// `npm run eval`: the vendor evaluation (not part of the command line).
await build({ ...common, entryPoints: [`${root}/src/eval.ts`], outfile: `${root}/lib/eval.mjs`, sourcemap: false });

await import('./build-validators.js');
