// Time a command over several runs and read the peak RSS of every Node process it started.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./maxrss.cjs', import.meta.url));

/** Runs `command args` `runs` times in `cwd`; returns wall-time samples (ms) and the highest peak RSS (MiB). */
export function measure(command, args, { cwd, runs = 5, env = {}, args: placeholder } = {}) {
  const times = [];
  let peakKiB = 0;
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'sovscan-bench-'));
    const rssFile = join(dir, 'rss');
    // `{cache}` in the arguments is replaced per run (a fresh cache directory for cold runs).
    const runArgs = placeholder ? args.map((a) => (a === '{cache}' ? placeholder() : a)) : args;
    const start = performance.now();
    const result = spawnSync(command, runArgs, {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env, NODE_OPTIONS: `--require=${PRELOAD}`, SOVSCAN_BENCH_RSS_FILE: rssFile },
    });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${command} ${runArgs.join(' ')} failed (${result.status}): ${result.stderr}`);
    try {
      for (const line of readFileSync(rssFile, 'utf8').trim().split('\n')) peakKiB = Math.max(peakKiB, Number(line.split(' ')[1]));
    } catch {
      // the process wrote no figure (not Node): leave the peak at what we have
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { times, peakMiB: peakKiB / 1024 };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function row(label, { times, peakMiB }) {
  return `${label.padEnd(44)} ${median(times).toFixed(0).padStart(7)} ms  (min ${Math.min(...times).toFixed(0).padStart(6)})  peak ${peakMiB.toFixed(0).padStart(4)} MiB`;
}
