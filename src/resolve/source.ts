/**
 * Classify where a package comes from, from its lockfile `resolved` value or its spec. A missing
 * `resolved` is normal (npm's `omit-lockfile-registry-resolved`) and means the default registry.
 */
import type { SourceType } from '../model.js';

const GIT = /^(git\+|git:|github:|gitlab:|bitbucket:|gist:)|^[\w.-]+\/[\w.-]+(#|$)/;

export function classifyResolved(resolved: string | undefined): SourceType {
  if (!resolved) return 'registry';
  if (GIT.test(resolved)) return 'git';
  if (resolved.startsWith('file:')) return 'file';
  // yarn and pnpm record GitHub dependencies as codeload tarballs of a commit.
  if (resolved.startsWith('https://codeload.github.com/')) return 'git';
  if (/^https?:\/\//.test(resolved)) return isRegistryTarball(resolved) ? 'registry' : 'tarball';
  return 'file';
}

/** Registry tarballs live at `<registry>/<name>/-/<basename>-<version>.tgz`. */
export function isRegistryTarball(url: string): boolean {
  return /\/-\/[^/]+\.tgz(\?.*)?(#.*)?$/.test(url);
}

/** The git commit a git `resolved` value pins (`…#<sha>`), if any. */
export function gitCommit(resolved: string): string | undefined {
  const hash = resolved.lastIndexOf('#');
  return hash >= 0 ? resolved.slice(hash + 1) : undefined;
}
