import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(REPO, 'test', 'fixtures');
/** The shared benchmark projects, beside the checkout. */
export const BENCH = join(REPO, '..', 'shared', 'bench');
export const SHARED_FIXTURES = join(REPO, '..', 'shared', 'fixtures');

export function tempDir(prefix = 'sovscan-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built CLI without blocking this process: tests that serve a loopback registry from the test
 * process itself must keep its event loop free while the CLI runs.
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'sovscan.js'), ...args], { cwd: options.cwd ?? REPO, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
