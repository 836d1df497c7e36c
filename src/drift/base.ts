/**
 * `--base FILE|GITREF`: the lockfile to compare with, from a file or from git (`git show REF:path`), put
 * into a temporary project directory with its package.json when git has one. A commit that has no
 * lockfile yet (the pull request that adds the project's first one) is an empty project: everything is new.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { clause, SovscanError } from '../errors.js';

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/**
 * A directory (or lockfile path) holding the base project, or undefined when the base commit has no
 * lockfile at that path (an empty project). `lockfile` is the head's lockfile.
 */
export function prepareBase(spec: string, lockfile: string): string | undefined {
  if (existsSync(spec) && statSync(spec).isFile()) return spec;
  // git would read a leading dash as an option (`--output=FILE` writes a file)
  if (spec.startsWith('-')) throw new SovscanError('E_USAGE', `--base ${JSON.stringify(spec)} is neither a file nor a git reference. Give a branch, a commit or a lockfile path`);
  const dir = mkdtempSync(join(tmpdir(), 'sovscan-base-'));
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], dirname(lockfile)).trim();
  } catch {
    throw new SovscanError('E_USAGE', `--base ${spec} is neither a file nor a git reference: ${dirname(lockfile)} is not in a git repository`);
  }
  const path = relative(root, lockfile).split('\\').join('/');
  if (isCommit(spec, root) && !exists(spec, path, root)) return undefined;
  try {
    writeFileSync(join(dir, basename(lockfile)), git(['show', `${spec}:${path}`], root));
  } catch (error) {
    const reason = clause(String((error as { stderr?: string }).stderr ?? '').split('\n')[0] || 'unknown reference');
    throw new SovscanError('E_USAGE', `Cannot read ${path} at ${spec}: ${reason}. Give a base branch or commit that has the lockfile (e.g. origin/main), or a lockfile path`);
  }
  try {
    const manifest = relative(root, join(dirname(lockfile), 'package.json')).split('\\').join('/');
    writeFileSync(join(dir, 'package.json'), git(['show', `${spec}:${manifest}`], root));
  } catch {
    // a base without package.json: the lockfile alone
  }
  return dir;
}

function isCommit(spec: string, root: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${spec}^{commit}`], root);
    return true;
  } catch {
    return false;
  }
}

function exists(spec: string, path: string, root: string): boolean {
  try {
    git(['cat-file', '-e', `${spec}:${path}`], root);
    return true;
  } catch {
    return false;
  }
}
