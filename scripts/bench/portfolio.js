// Bench section: `sovscan portfolio` on N copies of big-app's SBOM (N = SOVSCAN_BENCH_PORTFOLIO, 50 by
// default; 500 to check the 1 GiB target at scale): wall time and peak memory. The SBOM is written by an
// offline scan with an empty cache (every package unknown but its vendor where the name says it), which
// is the size of the real one; its content does not change what the portfolio costs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { measure, median } from './run.js';

export function portfolioBench({ sovscan, bench, temp, copies = Number(process.env.SOVSCAN_BENCH_PORTFOLIO ?? 50) }) {
  const dir = mkdtempSync(join(temp, 'portfolio-'));
  const first = join(dir, 'sbom-0.cdx.json');
  const scan = spawnSync(sovscan, ['scan', join(bench, 'big-app'), '--offline', '--cache-dir', mkdtempSync(join(temp, 'empty-')), '--policy', 'us-ictsc', '-o', first, '-q'], { encoding: 'utf8' });
  if (scan.status !== 0) throw new Error(`scan for the portfolio bench failed: ${scan.stderr}`);
  const files = [first];
  for (let i = 1; i < copies; i++) {
    files.push(join(dir, `sbom-${i}.cdx.json`));
    copyFileSync(first, files[i]);
  }
  const result = measure(sovscan, ['portfolio', ...files, '--report', `json=${join(dir, 'org.json')}`, '--report', `html=${join(dir, 'org.html')}`, '-q'], { cwd: dir, runs: 3 });
  console.log(`  ${copies} SBOMs of big-app (1,292 components each): ${median(result.times).toFixed(0)} ms, peak ${result.peakMiB.toFixed(0)} MiB (target at 500: within 1024 MiB)`);
}
