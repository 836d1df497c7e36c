// `npm run bench`: sovscan next to the reference tools, in the same run, on the shared benchmark
// projects. Figures, not a test: machines here are small and noisy, so compare the ratios.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, row } from './bench/run.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH = process.env.SOVSCAN_BENCH_DIR ?? join(REPO, '..', 'shared', 'bench');
const RUNS = Number(process.env.SOVSCAN_BENCH_RUNS ?? 5);
const sovscan = join(REPO, 'bin', 'sovscan.js');

function copy(project) {
  const dir = join(mkdtempSync(join(tmpdir(), 'sovscan-bench-')), project);
  cpSync(join(BENCH, project), dir, { recursive: true });
  return dir;
}

console.log(`sovscan benchmark — ${RUNS} runs each, median wall time, node ${process.version}\n`);
console.log('resolve + emit (issue "Foundation"): target sovscan ≤ 0.5× npm sbom, peak ≤ 120 MiB on big-app');
for (const project of ['big-app', 'medium-app']) {
  const dir = copy(project);
  const npm = measure('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: dir, runs: RUNS });
  const ours = measure(process.execPath, [sovscan, 'scan', '.', '--reproducible', '-o', join(dir, 'sbom.cdx.json'), '-q'], { cwd: dir, runs: RUNS });
  console.log(`  ${project}`);
  console.log(`    ${row('npm sbom --package-lock-only', npm)}`);
  console.log(`    ${row('sovscan scan --reproducible', ours)}`);
  console.log(`    ratio sovscan / npm sbom: ${(median(ours.times) / median(npm.times)).toFixed(2)}×`);
}
for (const project of ['medium-app-yarn', 'medium-app-pnpm']) {
  const dir = copy(project);
  const ours = measure(process.execPath, [sovscan, 'scan', '.', '--reproducible', '-o', join(dir, 'sbom.cdx.json'), '-q'], { cwd: dir, runs: RUNS });
  console.log(`  ${project}\n    ${row('sovscan scan --reproducible', ours)}`);
}
