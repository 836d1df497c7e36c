// Section 6 of `npm run bench`: the time of a scan should grow with the graph, not with its depth.
// Two generated npm lockfiles of 20,000 packages each: a chain (the root needs p0, p0 needs p1, …) and a
// flat tree (the root needs every package directly). Both scanned --offline with an empty cache, so every
// package is unknown and the figures are resolve, attribute, assess and emit alone.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, median, row } from './run.js';

const PACKAGES = 20_000;

function lockfile(dir, shape) {
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: PACKAGES }, (_, i) => `p${i}`);
  const root = { name: `bench-${shape}`, version: '1.0.0', dependencies: Object.fromEntries((shape === 'chain' ? names.slice(0, 1) : names).map((n) => [n, '1.0.0'])) };
  const packages = { '': root };
  names.forEach((name, i) => {
    const next = shape === 'chain' && i + 1 < PACKAGES ? { dependencies: { [names[i + 1]]: '1.0.0' } } : {};
    packages[`node_modules/${name}`] = { version: '1.0.0', ...next };
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(root));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ ...root, lockfileVersion: 3, requires: true, packages }));
  return dir;
}

export function chainSection({ sovscan, temp, runs }) {
  console.log(`\n7. a ${PACKAGES.toLocaleString('en')}-package chain lockfile next to a flat one of the same size, --offline with nothing cached (target: chain < 2× flat)`);
  const results = {};
  for (const shape of ['flat', 'chain']) {
    const dir = lockfile(join(temp, `lock-${shape}`), shape);
    results[shape] = measure(sovscan, ['scan', '.', '--reproducible', '-o', join(dir, 'sbom.cdx.json'), '-q', '--offline', '--cache-dir', '{cache}'], {
      cwd: dir,
      runs,
      args: () => mkdtempSync(join(temp, 'empty-')),
    });
    console.log(`    ${row(`${shape}, ${PACKAGES.toLocaleString('en')} packages`, results[shape])}`);
  }
  console.log(`    chain / flat: ${(median(results.chain.times) / median(results.flat.times)).toFixed(2)}× (target < 2×)`);
}
