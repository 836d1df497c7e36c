// `npm run bench`: sovscan next to the reference figures, in the same run, on the shared benchmark
// projects. Figures, not a test: machines here are small and noisy, so read the ratios.
//
//   1. resolve + emit, nothing cached and --offline, next to `npm sbom --package-lock-only`;
//   2. enrichment on big-app, against npm's configured registry and against a loopback registry that
//      replays the recorded documents with 40 ms latency: the floor (a plain script fetching the same
//      documents at the same concurrency), sovscan cold (empty cache), sovscan warm, and npm sbom.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, row } from './bench/run.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH = process.env.SOVSCAN_BENCH_DIR ?? join(REPO, '..', 'shared', 'bench');
const RUNS = Number(process.env.SOVSCAN_BENCH_RUNS ?? 5);
const NET_RUNS = Number(process.env.SOVSCAN_BENCH_NET_RUNS ?? 3);
const CONCURRENCY = 16;
const sovscan = join(REPO, 'bin', 'sovscan.js');
const temp = mkdtempSync(join(tmpdir(), 'sovscan-bench-'));

function copy(project) {
  const dir = join(mkdtempSync(join(temp, 'p-')), project);
  cpSync(join(BENCH, project), dir, { recursive: true });
  return dir;
}

const ratio = (a, b) => `${(median(a.times) / median(b.times)).toFixed(2)}×`;
const scanArgs = (dir, extra) => [sovscan, 'scan', '.', '--reproducible', '-o', join(dir, 'sbom.cdx.json'), '-q', ...extra];

console.log(`sovscan benchmark — median wall time of ${RUNS} runs (${NET_RUNS} for network runs), node ${process.version}\n`);

console.log('1. resolve + emit, --offline with nothing cached (target: ≤ 0.5× npm sbom, peak ≤ 120 MiB on big-app)');
for (const project of ['big-app', 'medium-app']) {
  const dir = copy(project);
  const npm = measure('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: dir, runs: RUNS });
  const ours = measure(process.execPath, scanArgs(dir, ['--offline', '--cache-dir', mkdtempSync(join(temp, 'empty-'))]), { cwd: dir, runs: RUNS });
  console.log(`  ${project}`);
  console.log(`    ${row('npm sbom --package-lock-only', npm)}`);
  console.log(`    ${row('sovscan scan --offline (empty cache)', ours)}`);
  console.log(`    sovscan / npm sbom: ${ratio(ours, npm)}`);
}
for (const project of ['medium-app-yarn', 'medium-app-pnpm']) {
  const dir = copy(project);
  const ours = measure(process.execPath, scanArgs(dir, ['--offline', '--cache-dir', mkdtempSync(join(temp, 'empty-'))]), { cwd: dir, runs: RUNS });
  console.log(`  ${project}\n    ${row('sovscan scan --offline (empty cache)', ours)}`);
}

function enrichment(label, registry, dir, runs) {
  const lockfile = join(dir, 'package-lock.json');
  const floor = measure(process.execPath, [join(REPO, 'scripts', 'bench', 'floor.js'), lockfile, registry, String(CONCURRENCY)], { cwd: dir, runs });
  const coldCaches = [];
  const cold = measure(process.execPath, scanArgs(dir, ['--registry', registry, '--concurrency', String(CONCURRENCY), '--cache-dir', '{cache}']), {
    cwd: dir,
    runs,
    args: () => {
      const cache = mkdtempSync(join(temp, 'cold-'));
      coldCaches.push(cache);
      return cache;
    },
  });
  const warmCache = coldCaches[0];
  const warm = measure(process.execPath, scanArgs(dir, ['--registry', registry, '--cache-dir', warmCache]), { cwd: dir, runs: RUNS });
  const npm = measure('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: dir, runs: RUNS });
  console.log(`  ${label}`);
  console.log(`    ${row('(a) floor: plain fetch of the same documents', floor)}`);
  console.log(`    ${row('(b) sovscan cold (empty cache)', cold)}`);
  console.log(`    ${row('(c) sovscan warm', warm)}`);
  console.log(`    ${row('(d) npm sbom --package-lock-only', npm)}`);
  console.log(`    cold / floor: ${ratio(cold, floor)} (target ≤ 1.10×)   warm / npm sbom: ${ratio(warm, npm)} (target ≤ 0.33×)   peak cold ${cold.peakMiB.toFixed(0)} MiB, warm ${warm.peakMiB.toFixed(0)} MiB (target ≤ 150)`);
}

console.log('\n2. enrichment on big-app, 1,292 per-version documents, concurrency 16');
const big = copy('big-app');
const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
const recording = join(temp, 'recording');
execFileSync(process.execPath, [join(REPO, 'scripts', 'bench', 'floor.js'), join(big, 'package-lock.json'), registry, String(CONCURRENCY), recording], { stdio: 'inherit' });
enrichment("npm's configured registry", registry, big, NET_RUNS);

const replay = spawn(process.execPath, [join(REPO, 'scripts', 'bench', 'replay-registry.js'), recording, '40'], { stdio: ['ignore', 'pipe', 'inherit'] });
const replayUrl = await new Promise((resolve) => replay.stdout.once('data', (d) => resolve(String(d).trim())));
try {
  enrichment('loopback registry replaying the recording, 40 ms latency', replayUrl, big, RUNS);
} finally {
  replay.kill();
  rmSync(temp, { recursive: true, force: true });
}
