/**
 * Acceptance: `npm pack`, then a global install of the tarball, gives a working `sovscan` command with
 * its built code and data inside.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SHARED_FIXTURES, REPO, tempDir } from './helpers.js';

describe('npm pack', () => {
  it('installs globally as a working sovscan command', { timeout: 300_000 }, () => {
    const work = tempDir('sovscan-pack-');
    // lib/ is built by the test run's global setup: packing need not build it again.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/sovscan.js');
    expect(files).toContain('lib/sovscan.mjs');
    expect(files).toContain('lib/generated/cdx-validate-1.6.cjs');
    expect(files).toContain('data/trust/sigstore-trusted-root.json');
    expect(files).toContain('LICENSE');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);

    const prefix = join(work, 'prefix');
    // The dependencies are in npm's cache since `npm ci`: use it rather than revalidate each one. No
    // install script runs: sovscan has none, and the optional native XML validator's would compile for a
    // minute where no prebuilt binary can be downloaded; the command must work without it.
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', join(work, packed[0]!.filename)], { stdio: 'ignore' });
    const bin = join(prefix, 'bin', 'sovscan');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    const scan = spawnSync(bin, ['scan', join(FIXTURES, 'lockfiles', 'pnpm-v9'), '-o', '-', '--reproducible', '-q', '--offline', '--cache-dir', join(work, 'cache')], { encoding: 'utf8' });
    expect(scan.status).toBe(0);
    expect(JSON.parse(scan.stdout)).toMatchObject({ bomFormat: 'CycloneDX', metadata: { component: { name: 'kitchen' } } });
    // What loads on demand from the installed dependencies: the HTML report's map, a vendor SBOM's schema.
    const report = join(work, 'report.html');
    const html = spawnSync(bin, ['scan', join(FIXTURES, 'lockfiles', 'pnpm-v9'), '-o', join(work, 'sbom.json'), '-q', '--offline', '--cache-dir', join(work, 'cache'), '--report', `html=${report}`], { encoding: 'utf8' });
    expect(html.stderr).toBe('');
    expect(readFileSync(report, 'utf8')).toMatch(/<path data-cc="US" d="M/);
    const enrich = spawnSync(bin, ['enrich', join(SHARED_FIXTURES, 'sboms', 'spdx-2.3_example.spdx.json'), '-o', join(work, 'vendor.spdx.json'), '-q', '--offline', '--cache-dir', join(work, 'cache')], { encoding: 'utf8' });
    expect(enrich.stderr).toBe('');
    expect(enrich.status).toBe(0);
  });
});
