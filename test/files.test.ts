/**
 * Files the scanned repository provides, through the built CLI: a lockfile that is a symlink out of the
 * project or a FIFO is refused by name (exit 2) and never read; an output path committed as a symlink is
 * refused and its target is left as it was; a failed write keeps the previous SBOM.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, tempDir } from './helpers.js';

const SECRET_LINE = 'root:$6$Zm9vYmFy$secret-password-hash:19000:0:99999:7:::';

function sovscan(args: string[], cwd: string) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(REPO, 'bin', 'sovscan.js'), ...args, '--offline', '--cache-dir', tempDir('sovscan-cache-')], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

/** A file outside the project, standing in for the system's password file. */
function secretFile(): string {
  const file = join(tempDir(), 'shadow');
  writeFileSync(file, `${SECRET_LINE}\ndaemon:*:19000:0:99999:7:::\n`);
  return file;
}

describe('inputs from the repository', () => {
  it.each(['yarn.lock', 'package-lock.json', 'pnpm-lock.yaml'])('%s as a symlink to a file outside the project: refused by name, nothing of the file printed', (name) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"app","version":"1.0.0"}');
    symlinkSync(secretFile(), join(dir, name));
    const result = sovscan(['scan', '.', '-o', 'sbom.cdx.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^sovscan: Cannot read '.*${name.replace('.', '\\.')}': a symlink to a file outside the project`));
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/root:|secret-password-hash|daemon/);
  });

  it('package.json as a symlink out of the project: refused, not read', () => {
    const dir = tempDir();
    cpSync(join(FIXTURES, 'lockfiles', 'npm-v3', 'package-lock.json'), join(dir, 'package-lock.json'));
    symlinkSync(secretFile(), join(dir, 'package.json'));
    const result = sovscan(['scan', '.'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('package.json');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/root:|secret-password-hash/);
  });

  it('a FIFO lockfile is refused at once, not waited on', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'package-lock.json')]);
    const result = sovscan(['scan', '.'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot read '.*package-lock\.json': a FIFO/);
    expect(result.ms).toBeLessThan(15_000);
  });
});

describe('configuration files in the project', () => {
  it.each([
    ['.npmrc as a FIFO', (dir: string) => execFileSync('mkfifo', [join(dir, '.npmrc')]), /Cannot read '.*\.npmrc': a FIFO/],
    ['.npmrc as a symlink out of the project', (dir: string) => symlinkSync(secretFile(), join(dir, '.npmrc')), /Cannot read '.*\.npmrc': a symlink to a file outside the project/],
  ])('%s: refused by name, quickly, nothing of it printed', (_, plant, message) => {
    const dir = tempDir();
    cpSync(join(FIXTURES, 'lockfiles', 'npm-v3'), dir, { recursive: true });
    plant(dir);
    const result = sovscan(['scan', '.'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/root:|secret-password-hash/);
    expect(result.ms).toBeLessThan(15_000);
  });
});

describe('outputs', () => {
  const project = () => {
    const dir = tempDir();
    cpSync(join(FIXTURES, 'lockfiles', 'npm-v3'), dir, { recursive: true });
    return dir;
  };

  it.each([
    ['the SBOM', ['-o', 'sbom.cdx.json'], 'sbom.cdx.json'],
    ['a report', ['-o', 'sbom.cdx.json', '--report', 'markdown=report.md'], 'report.md'],
  ])('%s committed as a symlink to a file outside: refused, the target unchanged', (_, args, name) => {
    const dir = project();
    const victim = join(tempDir(), 'victim.sh');
    writeFileSync(victim, '#!/bin/sh\necho kept\n', { mode: 0o755 });
    symlinkSync(victim, join(dir, name));
    const result = sovscan(['scan', '.', ...args], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`Cannot write '${name.replace('.', '\\.')}': it is a symlink`));
    expect(readFileSync(victim, 'utf8')).toBe('#!/bin/sh\necho kept\n');
  });

  it('-o - writes stdout, whatever files are around', () => {
    const dir = project();
    symlinkSync(secretFile(), join(dir, '-'));
    const result = sovscan(['scan', '.', '-o', '-'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ bomFormat: 'CycloneDX' });
  });
});
