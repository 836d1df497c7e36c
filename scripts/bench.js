// `npm run bench`: sovscan next to the reference figures, in the same run, on the shared benchmark
// projects. Figures, not a test: machines here are small and noisy, so read the ratios.
//
//   1. resolve + emit, nothing cached and --offline, next to `npm sbom --package-lock-only`;
//   2. enrichment on big-app, against npm's configured registry and against a loopback registry that
//      replays the recorded documents with 40 ms latency: the floor (a plain script fetching the same
//      documents at the same concurrency), sovscan cold (empty cache), sovscan warm, and npm sbom.
//   3. attribution's and assessment's share of a warm scan, and the Action next to the CLI;
//   4. registry resolution of a package spec (`sovscan scan express@4`) next to
//      `npm install --package-lock-only` of the same spec, both cold, on a loopback registry replaying
//      recorded packuments with 40 ms latency;
//   5. the HTML report of big-app: its size, and its time to render in headless Chromium;
//   6. the peak memory of a scan whose loopback registry answers one package with 1 GiB (plain, then gzip);
//   7. a generated 20,000-package chain lockfile next to a flat one (scripts/bench/chain.js);
//   8. `sovscan portfolio` on 50 copies of big-app's SBOM (SOVSCAN_BENCH_PORTFOLIO=500 for the target's
//      scale): wall time and peak memory.
// SOVSCAN_BENCH_SECTIONS=1,4 runs only those sections.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portfolioBench } from './bench/portfolio.js';
import { chainSection } from './bench/chain.js';
import { measure, median, row } from './bench/run.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH = process.env.SOVSCAN_BENCH_DIR ?? join(REPO, '..', 'shared', 'bench');
const RUNS = Number(process.env.SOVSCAN_BENCH_RUNS ?? 5);
const NET_RUNS = Number(process.env.SOVSCAN_BENCH_NET_RUNS ?? 3);
const CONCURRENCY = 16;
// Run as a user does: the executable, so that its shebang's Node options apply.
const sovscan = join(REPO, 'bin', 'sovscan.js');
const temp = mkdtempSync(join(tmpdir(), 'sovscan-bench-'));

function copy(project) {
  const dir = join(mkdtempSync(join(temp, 'p-')), project);
  cpSync(join(BENCH, project), dir, { recursive: true });
  return dir;
}

const ratio = (a, b) => `${(median(a.times) / median(b.times)).toFixed(2)}×`;
const scanArgs = (dir, extra) => ['scan', '.', '--reproducible', '-o', join(dir, 'sbom.cdx.json'), '-q', ...extra];

const SECTIONS = process.env.SOVSCAN_BENCH_SECTIONS?.split(',').map(Number);
const want = (n) => !SECTIONS || SECTIONS.includes(n);

console.log(`sovscan benchmark — median wall time of ${RUNS} runs (${NET_RUNS} for network runs), node ${process.version}\n`);

if (want(1)) console.log('1. resolve + emit, --offline with nothing cached (target: ≤ 0.5× npm sbom, peak ≤ 120 MiB on big-app)');
for (const project of want(1) ? ['big-app', 'medium-app'] : []) {
  const dir = copy(project);
  const npm = measure('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: dir, runs: RUNS });
  const ours = measure(sovscan, scanArgs(dir, ['--offline', '--cache-dir', mkdtempSync(join(temp, 'empty-'))]), { cwd: dir, runs: RUNS });
  console.log(`  ${project}`);
  console.log(`    ${row('npm sbom --package-lock-only', npm)}`);
  console.log(`    ${row('sovscan scan --offline (empty cache)', ours)}`);
  console.log(`    sovscan / npm sbom: ${ratio(ours, npm)}`);
}
for (const project of want(1) ? ['medium-app-yarn', 'medium-app-pnpm'] : []) {
  const dir = copy(project);
  const ours = measure(sovscan, scanArgs(dir, ['--offline', '--cache-dir', mkdtempSync(join(temp, 'empty-'))]), { cwd: dir, runs: RUNS });
  console.log(`  ${project}\n    ${row('sovscan scan --offline (empty cache)', ours)}`);
}

/** Attribution's share of a warm scan (target ≤ 10%), from the stage timings, and its coverage of big-app. */
function attributionShare(dir, registry) {
  const cache = mkdtempSync(join(temp, 'share-'));
  execFileSync(sovscan, scanArgs(dir, ['--registry', registry, '--cache-dir', cache]), { cwd: dir });
  const stages = { attribute: [], assess: [], total: [] };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = spawnSync(sovscan, scanArgs(dir, ['--registry', registry, '--cache-dir', cache]), { cwd: dir, env: { ...process.env, SOVSCAN_TIMINGS: '1' }, encoding: 'utf8' });
    stages.total.push(performance.now() - start);
    stages.attribute.push(Number(/timing attribute ([\d.]+) ms/.exec(result.stderr)?.[1] ?? NaN));
    stages.assess.push(Number(/timing assess ([\d.]+) ms/.exec(result.stderr)?.[1] ?? NaN));
  }
  const bom = JSON.parse(readFileSync(join(dir, 'sbom.cdx.json'), 'utf8'));
  const known = (c, d) => !(c.properties ?? []).some((p) => p.name === `sovscan:jurisdiction:${d}` && p.value === 'unknown');
  const covered = bom.components.filter((c) => known(c, 'vendor') || known(c, 'maintainer')).length;
  console.log(`\n3. attribution on big-app, warm: the attribute stage takes ${median(stages.attribute).toFixed(0)} ms of ${median(stages.total).toFixed(0)} ms (${((median(stages.attribute) / median(stages.total)) * 100).toFixed(1)}%, target ≤ 10%)`);
  console.log(`   the assess stage (default policy) takes ${median(stages.assess).toFixed(0)} ms (${((median(stages.assess) / median(stages.total)) * 100).toFixed(1)}%, target ≤ 5%)`);
  // The Action on the same warm cache, started as a runner starts it.
  const actionTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [join(REPO, 'dist', 'index.mjs')], {
      cwd: dir,
      env: { ...process.env, GITHUB_WORKSPACE: dir, 'INPUT_CACHE-DIR': cache, INPUT_REGISTRY: registry, INPUT_SBOM: 'action.cdx.json' },
      encoding: 'utf8',
    });
    actionTimes.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`the Action failed: ${result.stdout}${result.stderr}`);
  }
  console.log(`   the GitHub Action (dist/index.mjs) on the same warm cache: ${median(actionTimes).toFixed(0)} ms, ${(median(actionTimes) / median(stages.total)).toFixed(2)}× the CLI (target ≤ 1.5×)`);
  const stewarded = bom.components.filter((c) => !known(c, 'vendor') && !known(c, 'maintainer') && (c.properties ?? []).some((p) => p.name === 'sovscan:steward')).length;
  console.log(`   ${covered} of ${bom.components.length} components (${((covered / bom.components.length) * 100).toFixed(1)}%) have a vendor or maintainer country from the registry facts (target ≥ 60%)`);
  console.log(`   of the others, ${stewarded} are community projects with a foundation as steward (no country claimed)\n`);
}

function enrichment(label, registry, dir, runs) {
  const lockfile = join(dir, 'package-lock.json');
  const floor = measure(process.execPath, [join(REPO, 'scripts', 'bench', 'floor.js'), lockfile, registry, String(CONCURRENCY)], { cwd: dir, runs });
  const coldCaches = [];
  const cold = measure(sovscan, scanArgs(dir, ['--registry', registry, '--concurrency', String(CONCURRENCY), '--cache-dir', '{cache}']), {
    cwd: dir,
    runs,
    args: () => {
      const cache = mkdtempSync(join(temp, 'cold-'));
      coldCaches.push(cache);
      return cache;
    },
  });
  const warmCache = coldCaches[0];
  const warm = measure(sovscan, scanArgs(dir, ['--registry', registry, '--cache-dir', warmCache]), { cwd: dir, runs: RUNS });
  const npm = measure('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: dir, runs: RUNS });
  console.log(`  ${label}`);
  console.log(`    ${row('(a) floor: plain fetch of the same documents', floor)}`);
  console.log(`    ${row('(b) sovscan cold (empty cache)', cold)}`);
  console.log(`    ${row('(c) sovscan warm', warm)}`);
  console.log(`    ${row('(d) npm sbom --package-lock-only', npm)}`);
  console.log(`    cold / floor: ${ratio(cold, floor)} (target ≤ 1.10×)   warm / npm sbom: ${ratio(warm, npm)} (target ≤ 0.33×)   peak cold ${cold.peakMiB.toFixed(0)} MiB, warm ${warm.peakMiB.toFixed(0)} MiB (target ≤ 150)`);
}

async function startReplay(recording, script = 'replay-registry.js', args = [recording, '40']) {
  const replay = spawn(process.execPath, [join(REPO, 'scripts', 'bench', script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => replay.stdout.once('data', (d) => resolve(String(d).trim())));
  return { url, stop: () => replay.kill() };
}

/** `sovscan scan SPEC` cold, whole pipeline, with its resolve stage read from the stage timings. */
function specScan(spec, registry) {
  const total = [];
  const resolve = [];
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(join(temp, 'spec-'));
    const start = performance.now();
    const result = spawnSync(sovscan, ['scan', spec, '--registry', registry, '--cache-dir', join(out, 'cache'), '-o', join(out, 'sbom.cdx.json'), '-q'], { cwd: out, env: { ...process.env, SOVSCAN_TIMINGS: '1' }, encoding: 'utf8' });
    total.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`sovscan scan ${spec} failed: ${result.stderr}`);
    resolve.push(Number(/timing resolve ([\d.]+) ms/.exec(result.stderr)?.[1] ?? NaN));
  }
  return { total, resolve };
}

function registryResolution(registry) {
  for (const spec of ['express@4', '@angular/core@latest']) {
    const npm = measure('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--registry', registry, '--prefix', '{cache}', '--cache', '{cache}', spec], {
      cwd: temp,
      runs: RUNS,
      args: () => mkdtempSync(join(temp, 'npm-')),
    });
    const ours = specScan(spec, registry);
    console.log(`  ${spec}`);
    console.log(`    ${row('npm install --package-lock-only (cold)', npm)}`);
    console.log(`    ${'sovscan scan, whole pipeline (cold)'.padEnd(44)} ${median(ours.total).toFixed(0).padStart(7)} ms  (min ${Math.min(...ours.total).toFixed(0).padStart(6)})`);
    console.log(`    ${'  of which resolution'.padEnd(44)} ${median(ours.resolve).toFixed(0).padStart(7)} ms  (min ${Math.min(...ours.resolve).toFixed(0).padStart(6)})`);
    console.log(`    resolution / npm: ${(median(ours.resolve) / median(npm.times)).toFixed(2)}× (target ≤ 0.5×)   whole scan / npm: ${(median(ours.total) / median(npm.times)).toFixed(2)}×`);
  }
}

/** The page marks its body `data-ready` with its own performance.now() once everything is drawn. */
async function htmlReport() {
  const { launchChromium } = await import('./chromium.js');
  const dir = copy('big-app');
  const report = join(dir, 'report.html');
  execFileSync(sovscan, scanArgs(dir, ['--offline', '--cache-dir', mkdtempSync(join(temp, 'html-')), '--report', `html=${report}`]), { cwd: dir });
  const browser = await launchChromium();
  try {
    const ready = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage();
      await page.goto(`file://${report}`);
      await page.waitForSelector('body[data-ready]');
      ready.push(Number(await page.getAttribute('body', 'data-ready')));
      await page.close();
    }
    const mb = statSync(report).size / 1e6;
    console.log(`\n5. the HTML report of big-app (1,292 packages): ${mb.toFixed(2)} MB (target ≤ 2.5 MB), ready in ${median(ready).toFixed(0)} ms in headless Chromium (min ${Math.min(...ready).toFixed(0)}; target < 1000 ms)`);
  } finally {
    await browser.close();
  }
}

/** A scan of three packages, one of which the registry answers with 1 GiB: the size cap keeps memory flat. */
async function hugeAnswer() {
  console.log('\n6. a registry answer of 1 GiB for one package, streamed (target: peak under 300 MiB; the package is unknown, the run finishes)');
  const dir = mkdtempSync(join(temp, 'huge-'));
  const packages = { huge: '1.0.0', fine: '1.0.0', other: '1.0.0' };
  const root = { name: 'app', version: '1.0.0', dependencies: packages };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(root));
  const entries = Object.fromEntries(Object.entries(packages).map(([name, version]) => [`node_modules/${name}`, { version }]));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages: { '': root, ...entries } }));
  for (const encoding of ['plain', 'gzip']) {
    const registry = await startReplay(undefined, 'huge-registry.js', [encoding]);
    try {
      const scan = measure(sovscan, scanArgs(dir, ['--registry', registry.url, '--cache-dir', '{cache}']), { cwd: dir, runs: NET_RUNS, args: () => mkdtempSync(join(temp, 'huge-cache-')) });
      console.log(`  ${row(`1 GiB ${encoding === 'gzip' ? 'gzip (inflated)' : 'plain, chunked'}`, scan)}   ${scan.peakMiB < 300 ? 'within' : 'OVER'} the 300 MiB target`);
    } finally {
      registry.stop();
    }
  }
}

try {
  if (want(2) || want(3)) {
    console.log('\n2. enrichment on big-app, 1,292 per-version documents, concurrency 16');
    const big = copy('big-app');
    const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
    const recording = join(temp, 'recording');
    execFileSync(process.execPath, [join(REPO, 'scripts', 'bench', 'floor.js'), join(big, 'package-lock.json'), registry, String(CONCURRENCY), recording], { stdio: 'inherit' });
    enrichment("npm's configured registry", registry, big, NET_RUNS);
    attributionShare(big, registry);
    const replay = await startReplay(recording);
    try {
      enrichment('loopback registry replaying the recording, 40 ms latency', replay.url, big, RUNS);
    } finally {
      replay.stop();
    }
  }
  if (want(4)) {
    console.log('\n4. registry resolution of a package spec, loopback registry replaying recorded packuments, 40 ms latency');
    const replay = await startReplay(join(REPO, 'test', 'fixtures', 'packuments', 'express-angular.json.gz'));
    try {
      registryResolution(replay.url);
    } finally {
      replay.stop();
    }
  }
  if (want(5)) await htmlReport();
  if (want(6)) await hugeAnswer();
  if (want(7)) chainSection({ sovscan, temp, runs: RUNS });
  if (want(8)) {
    console.log('\n8. portfolio across many SBOMs');
    portfolioBench({ sovscan, bench: BENCH, temp });
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
