/**
 * Writing an output file (the SBOM, a report, a file the Action writes), for the CLI and the Action alike.
 *
 * Atomic: the text goes to a temporary file in the same directory, is flushed to disk, and then renamed
 * over the target, so that a full disk or a crash leaves the previous good file in place, never a
 * truncated one that a later `upload-artifact` step would publish.
 *
 * Never through a symlink: the scanned repository may commit `sbom.cdx.json` as a link to a file outside
 * it. A target that is a symlink (or not a regular file) is refused by name; inside `root` (the Action's
 * workspace) so is every directory on the way. The rename itself replaces a link that appears after the
 * check rather than following it.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { SovscanError } from '../errors.js';
import { quoted } from './text.js';

export interface WriteOptions {
  /** Every path component below this directory must be a real directory, not a symlink. */
  root?: string;
  /** How the bytes reach the temporary file; a test replaces it to simulate a full disk. */
  write?: (handle: FileHandle, text: string) => Promise<void>;
}

const writeAndSync = async (handle: FileHandle, text: string) => {
  await handle.writeFile(text);
  await handle.sync();
};

async function kind(path: string): Promise<'missing' | 'file' | 'symlink' | 'other'> {
  try {
    const s = await lstat(path);
    return s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function refuse(shown: string, where: string, what: string): never {
  throw new SovscanError('E_UNSAFE_FILE', `Cannot write ${quoted(shown)}: ${where} is ${what}. sovscan writes no output through a symlink or over anything but a regular file; remove it, or choose another path`, { file: shown });
}

/** The directories from just below `root` down to `file`'s parent: each must not be a symlink. */
async function checkDirectories(root: string, file: string, shown: string): Promise<void> {
  const inside = relative(root, dirname(file));
  if (inside === '' || inside.startsWith('..') || resolve(root, inside) !== dirname(file)) return;
  let dir = root;
  for (const part of inside.split(sep)) {
    dir = join(dir, part);
    const found = await kind(dir);
    if (found === 'missing') return;
    if (found === 'symlink') refuse(shown, `the directory ${quoted(relative(root, dir))}`, 'a symlink');
  }
}

export async function writeOutput(path: string, text: string, options: WriteOptions = {}): Promise<void> {
  const absolute = resolve(path);
  if (options.root) await checkDirectories(resolve(options.root), absolute, path);
  const found = await kind(absolute);
  if (found === 'symlink') refuse(path, 'it', 'a symlink');
  if (found === 'other') refuse(path, 'it', 'not a regular file');
  const temporary = join(dirname(absolute), `.${basename(absolute)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    await mkdir(dirname(absolute), { recursive: true });
    // 'wx': created here and now, never an existing file or a link planted under the temporary name.
    handle = await open(temporary, 'wx', 0o644);
    await (options.write ?? writeAndSync)(handle, text);
    await handle.close();
    handle = undefined;
    await rename(temporary, absolute);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SovscanError('E_OUTPUT', `Cannot write ${quoted(path)}: ${code}; the previous file, if any, is unchanged. Free space or choose a writable path with -o, or '-o -' for stdout`, { file: path, cause: error });
  }
}
