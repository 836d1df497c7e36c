/**
 * Files read from the scanned repository: only regular files, and, within a project, no symlink that
 * leaves it. A FIFO is refused at once (opening it would wait for a writer), and nothing of a refused
 * file is read or quoted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputFile } from '../../src/resolve/input-file.js';
import { tempDir } from '../helpers.js';

const SECRET = 'root:$6$secret-hash:19000:0:99999:7:::';

function project(): { dir: string; outside: string } {
  const dir = tempDir();
  const outside = join(tempDir(), 'shadow');
  writeFileSync(outside, `${SECRET}\n`);
  return { dir, outside };
}

describe('readInputFile', () => {
  it('reads a regular file, and a symlink to a file inside the project', async () => {
    const { dir } = project();
    mkdirSync(join(dir, 'locks'));
    writeFileSync(join(dir, 'locks', 'yarn.lock'), 'a');
    symlinkSync(join('locks', 'yarn.lock'), join(dir, 'yarn.lock'));
    expect(await readInputFile(join(dir, 'yarn.lock'), { root: dir })).toBe('a');
  });

  it.each([
    ['a symlink to a file outside the project', (dir: string, outside: string) => symlinkSync(outside, join(dir, 'yarn.lock'))],
    ['a relative symlink that climbs out', (dir: string, outside: string) => symlinkSync(relative(dir, outside), join(dir, 'yarn.lock'))],
    ['a file under a linked directory outside', (dir: string, outside: string) => {
      symlinkSync(join(outside, '..'), join(dir, 'sub'));
      symlinkSync(join('sub', 'shadow'), join(dir, 'yarn.lock'));
    }],
    ['a directory', (dir: string) => mkdirSync(join(dir, 'yarn.lock'))],
  ])('refuses %s by name, reading nothing', async (_, plant) => {
    const { dir, outside } = project();
    plant(dir, outside);
    const error = await readInputFile(join(dir, 'yarn.lock'), { root: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_UNSAFE_FILE', message: expect.stringContaining('yarn.lock') });
    expect((error as Error).message).not.toContain('secret-hash');
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const { dir } = project();
    execFileSync('mkfifo', [join(dir, 'package-lock.json')]);
    const started = Date.now();
    await expect(readInputFile(join(dir, 'package-lock.json'), { root: dir })).rejects.toMatchObject({ code: 'E_UNSAFE_FILE', message: expect.stringContaining('FIFO') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a device', async () => {
    await expect(readInputFile('/dev/zero')).rejects.toMatchObject({ code: 'E_UNSAFE_FILE', message: expect.stringContaining('device') });
  });

  it('a path the user gave (a vendor SBOM) may be a symlink anywhere, to a regular file', async () => {
    const { dir, outside } = project();
    symlinkSync(outside, join(dir, 'vendor.cdx.json'));
    expect(await readInputFile(join(dir, 'vendor.cdx.json'))).toContain('root:');
  });

  it('a missing file is E_NOT_FOUND with the remedy', async () => {
    await expect(readInputFile(join(tempDir(), 'nope.json'), { remedy: 'Give the SBOM' })).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: expect.stringContaining('Give the SBOM') });
  });
});
