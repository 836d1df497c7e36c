/**
 * Exit 1 means a policy failure and nothing else: sovscan's own errors exit 2, anything it did not
 * foresee exits 4 with a request for a bug report, whether it reaches the entry point's catch or is
 * thrown outside any promise chain (which Node alone would end with 1).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failStep } from '../src/action.js';
import { main } from '../src/cli.js';
import { EXIT, failureReport, SovscanError } from '../src/errors.js';
import { projectWith } from './enrich/helpers.js';
import { startRegistry } from './enrich/registry-server.js';
import { FIXTURES, runCli, tempDir } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('failureReport', () => {
  it.each<[string, unknown, number, RegExp]>([
    ['a usage error', new SovscanError('E_USAGE', 'Give a command'), 2, /^Give a command$/],
    ['an input error', new SovscanError('E_PARSE', 'Cannot parse yarn.lock line 3'), 2, /^Cannot parse/],
    ['a RangeError', new RangeError('Maximum call stack size exceeded'), 4, /^unexpected error \(exit 4\): this is a bug in sovscan; please report it .*RangeError: Maximum call stack/s],
    ['a thrown string', 'boom', 4, /please report it with the command you ran and this message: boom$/],
  ])('%s exits %i', (_name, error, exitCode, message) => {
    const report = failureReport(error);
    expect(report.exitCode).toBe(exitCode);
    expect(report.exitCode).not.toBe(EXIT.policy);
    expect(report.message).toMatch(message);
  });

  it('the codes are the documented ones', () => {
    expect(EXIT).toEqual({ ok: 0, policy: 1, input: 2, incomplete: 3, internal: 4 });
  });
});

it('the CLI: an unexpected error inside a command exits 4, asking for a bug report', async () => {
  const stderr: string[] = [];
  const code = await main(['policy', 'list'], {
    stdout: () => {
      throw new TypeError('stdout is broken');
    },
    stderr: (text) => stderr.push(text),
  });
  expect(code).toBe(4);
  expect(stderr.join('')).toMatch(/^sovscan: unexpected error \(exit 4\): this is a bug in sovscan; please report it .*TypeError: stdout is broken/s);
});

it('the Action: an unexpected error fails the step with 4, an input error with 2', () => {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  expect(failStep(new Error('surprise'))).toBe(4);
  expect(failStep(new SovscanError('E_USAGE', 'Input omit takes dev'))).toBe(2);
  expect(written[0]).toMatch(/^::error::sovscan failed: unexpected error \(exit 4\): this is a bug in sovscan; please report it/);
  expect(written[1]).toBe('::error::Input omit takes dev\n');
});

describe.each(['throw', 'reject'])('the executable, when a bug %ss outside the run', (mode) => {
  it('exits 4, not Node’s 1', async () => {
    const signal = join(tempDir(), 'request-arrived');
    const server = await startRegistry();
    // The scan's first request arrives and is never answered: the crash comes while the run waits.
    server.fallback = () => ({ kind: 'custom', respond: () => writeFileSync(signal, '') });
    try {
      const dir = projectWith([['a', '1.0.0']]);
      const result = await runCli(['scan', '.', '--registry', server.url, '--cache-dir', tempDir(), '-q', '-o', 'sbom.cdx.json'], {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: `--require=${join(FIXTURES, 'crash', 'preload.cjs')}`, SOVSCAN_TEST_CRASH_WHEN: signal, SOVSCAN_TEST_CRASH: mode },
      });
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(new RegExp(`^sovscan: unexpected error \\(exit 4\\): this is a bug in sovscan; please report it .*injected ${mode === 'throw' ? 'crash' : 'rejection'}`, 's'));
    } finally {
      await server.close();
    }
  });
});
