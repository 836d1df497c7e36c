/**
 * Reading a file that the scanned repository (or a vendor) provides: a lockfile, a package.json, a
 * workspace file, an SBOM. The repository is untrusted, so the file must be a regular file, and, when
 * `root` is given, a symlink must stay inside it: `yarn.lock` committed as a link to a system file would
 * otherwise be read, and a parse error would quote it into the log. A FIFO, socket or device is refused
 * too: opening a FIFO for reading waits for a writer that never comes. All of this is decided before any
 * byte is read, and checked again on the opened file.
 */
import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { SovscanError } from '../errors.js';
import { quoted } from '../emit/text.js';

export interface InputOptions {
  /** The project directory: the file, once symlinks are followed, must lie inside it. */
  root?: string;
  /** What to do when the file cannot be read at all (no such file, no permission). */
  remedy?: string;
}

function describe(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refuse(path: string, what: string): never {
  throw new SovscanError('E_UNSAFE_FILE', `Cannot read ${quoted(path)}: ${what}. sovscan reads only regular files inside the project; replace it with the file itself`, { file: path });
}

const inside = (root: string, path: string) => {
  const r = relative(root, path);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && resolve(root, r) === path);
};

export async function readInputFile(path: string, options: InputOptions = {}): Promise<string> {
  const notRead = (error: unknown): never => {
    throw new SovscanError('E_NOT_FOUND', `Cannot read ${quoted(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. ${options.remedy ?? 'Check the path and its permissions'}`, { file: path, cause: error });
  };
  const link = await lstat(path).catch(notRead);
  // With a root, the real path is checked whatever the file is: a directory on the way may be the link.
  const target = link.isSymbolicLink() || options.root !== undefined ? await realpath(path).catch(notRead) : resolve(path);
  if (options.root !== undefined) {
    const root = await realpath(options.root).catch(() => resolve(options.root!));
    if (!inside(root, target)) refuse(path, link.isSymbolicLink() ? 'a symlink to a file outside the project' : 'outside the project (a directory on its way is a symlink)');
  }
  const kind = link.isSymbolicLink() ? await stat(target).catch(notRead) : link;
  if (!kind.isFile()) refuse(path, describe(kind));
  // O_NONBLOCK: should the file turn into a FIFO between the check and the open, the open does not wait.
  const handle = await open(target, constants.O_RDONLY | constants.O_NONBLOCK).catch(notRead);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) refuse(path, describe(stats));
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A configuration file that may be absent (`.npmrc`, `.yarnrc`, `.yarnrc.yml`): undefined when it cannot
 * be read, as the package managers skip it; refused like any input when it is unsafe. `project` is the
 * scanned project: a file in it is the repository's and must not leave it; one above it is the user's.
 */
export async function readOptionalInput(path: string, project?: string): Promise<string | undefined> {
  const root = project !== undefined && !relative(resolve(project), resolve(path)).startsWith('..') ? project : undefined;
  try {
    return await readInputFile(path, { root });
  } catch (error) {
    if ((error as SovscanError).code === 'E_NOT_FOUND') return undefined;
    throw error;
  }
}
