/**
 * Output files: written atomically (a failed write keeps the previous good file) and never through a
 * symlink, which the scanned repository could commit in place of an output path.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/emit/write.js';
import { tempDir } from '../helpers.js';

describe('writeOutput', () => {
  it('writes a new file, creating its directory', async () => {
    const dir = tempDir();
    await writeOutput(join(dir, 'out', 'sbom.cdx.json'), '{"a":1}');
    expect(readFileSync(join(dir, 'out', 'sbom.cdx.json'), 'utf8')).toBe('{"a":1}');
    expect(readdirSync(join(dir, 'out'))).toEqual(['sbom.cdx.json']);
  });

  it('keeps the previous good file when the write fails (a full disk), and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'sbom.cdx.json');
    writeFileSync(file, 'previous good SBOM');
    const fullDisk = async (handle: import('node:fs/promises').FileHandle, text: string) => {
      await handle.write(text.slice(0, 3));
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    await expect(writeOutput(file, 'new SBOM that does not fit', { write: fullDisk })).rejects.toMatchObject({ code: 'E_OUTPUT' });
    expect(readFileSync(file, 'utf8')).toBe('previous good SBOM');
    expect(readdirSync(dir)).toEqual(['sbom.cdx.json']);
  });

  it('replaces the file as a new one: the mode of the old file (an executable) is not kept', async () => {
    const dir = tempDir();
    const file = join(dir, 'report.md');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    await writeOutput(file, '# report\n');
    expect(readFileSync(file, 'utf8')).toBe('# report\n');
    expect(statSync(file).mode & 0o111).toBe(0);
  });

  it.each([
    ['the output is a symlink to a file outside', (dir: string, outside: string) => symlinkSync(outside, join(dir, 'sbom.cdx.json')), 'sbom.cdx.json'],
    ['the output is a dangling symlink', (dir: string) => symlinkSync(join(dir, 'nowhere'), join(dir, 'sbom.cdx.json')), 'sbom.cdx.json'],
    ['the output is a directory', (dir: string) => mkdirSync(join(dir, 'sbom.cdx.json')), 'sbom.cdx.json'],
  ])('refuses when %s', async (_, plant, name) => {
    const dir = tempDir();
    const outside = join(tempDir(), 'victim');
    writeFileSync(outside, 'victim content');
    plant(dir, outside);
    await expect(writeOutput(join(dir, name), 'x')).rejects.toMatchObject({ code: 'E_UNSAFE_FILE' });
    expect(readFileSync(outside, 'utf8')).toBe('victim content');
  });

  it('inside a root, refuses a directory on the way that is a symlink (and only then)', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'report.md'), 'victim content');
    symlinkSync(outside, join(root, 'reports'));
    await expect(writeOutput(join(root, 'reports', 'report.md'), 'x', { root })).rejects.toMatchObject({ code: 'E_UNSAFE_FILE', message: expect.stringContaining("'reports'") });
    expect(readFileSync(join(outside, 'report.md'), 'utf8')).toBe('victim content');
    // Without a root (the CLI: the user chose the path), a linked directory is the user's own.
    await writeOutput(join(root, 'reports', 'other.md'), 'y');
    expect(readFileSync(join(outside, 'other.md'), 'utf8')).toBe('y');
  });
});
