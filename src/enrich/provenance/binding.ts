/**
 * Does the lockfile install the tarball the registry describes? Everything sovscan verifies (the registry
 * signature, the attestations) is about the registry's `dist.integrity`; a package manager installs what
 * the lockfile names: its `integrity`, fetched from its `resolved`. A lockfile entry that names other
 * bytes, or another host, would otherwise carry a stamp that does not cover what gets installed (the
 * lockfile-injection pull request). A lockfile without `integrity` or `resolved` is normal input.
 */
import type { LockfileInfo, PackageNode } from '../../model.js';
import { withSlash } from '../registry-config.js';
import { compareIntegrity, parseIntegrity, type Algorithm } from './integrity.js';

export interface InstallMismatch {
  kind: 'integrity' | 'resolved';
  /** What the lockfile says: its integrity on the compared algorithm, or its `resolved` URL's origin and path. */
  lockfile: string;
  /** What the registry says: its integrity on that algorithm, or the registry configured for the package. */
  registry: string;
}

export interface InstallBinding {
  /** The algorithm the lockfile's integrity was compared on; undefined when nothing could be compared. */
  algorithm?: Algorithm;
  mismatches: InstallMismatch[];
}

export interface BindingContext {
  /** The registry configured for this package (its scope's, else the default one). */
  registry: string;
  /** npm's own default registry, when known (default-registry.ts). */
  defaultRegistry?: string;
  lockfileFormat?: LockfileInfo['format'];
}

/** The lockfile's digests: its `integrity`, and yarn 1's `#<sha1>` suffix on `resolved` (older yarn 1 wrote only that). */
function lockfileDigests(node: PackageNode): Map<Algorithm, string> {
  const digests = parseIntegrity(node.integrity);
  const suffix = /#([0-9a-f]{40})$/i.exec(node.resolved ?? '');
  if (suffix && !digests.has('sha1')) digests.set('sha1', suffix[1]!.toLowerCase());
  return digests;
}

/** The registry's digests: `dist.integrity` and `dist.shasum` (sha1, hex; the only digest of old versions). */
export function registryDigests(integrity: string | undefined, shasum: string | undefined): Map<Algorithm, string> {
  const digests = parseIntegrity(integrity);
  if (shasum && /^[0-9a-f]{40}$/i.test(shasum) && !digests.has('sha1')) digests.set('sha1', shasum.toLowerCase());
  return digests;
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Same origin, and the path under the registry's path (`https://host/npm/` covers `https://host/npm/x/-/x-1.tgz`). */
function under(url: URL, registry: string | undefined): boolean {
  const base = registry ? parsed(withSlash(registry)) : undefined;
  return base !== undefined && url.origin === base.origin && url.pathname.startsWith(base.pathname);
}

function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * Is `resolved` on the registry configured for the package? Two equivalences are npm's and yarn's own:
 * npm fetches a `resolved` on its default registry from the configured one (`replace-registry-host`,
 * default `npmjs`), and yarn 1 writes its own host for the default registry, which sovscan does not name:
 * that entry is accepted only when the lockfile's integrity is the registry's (`integrityBound`), so the
 * bytes yarn will accept are the ones the registry describes.
 */
function resolvedOnRegistry(url: URL, context: BindingContext, integrityBound: boolean): boolean {
  if (under(url, context.registry)) return true;
  if (context.lockfileFormat === 'npm' && under(url, context.defaultRegistry)) return true;
  const configuredIsDefault = context.defaultRegistry !== undefined && withSlash(context.registry) === withSlash(context.defaultRegistry);
  return context.lockfileFormat === 'yarn-classic' && configuredIsDefault && integrityBound;
}

export function checkBinding(node: PackageNode, registryIntegrity: Map<Algorithm, string>, context: BindingContext): InstallBinding {
  const mismatches: InstallMismatch[] = [];
  const comparison = compareIntegrity(lockfileDigests(node), registryIntegrity);
  if (comparison && !comparison.equal) mismatches.push({ kind: 'integrity', lockfile: comparison.left, registry: comparison.right });
  const resolved = node.resolved && /^https?:\/\//i.test(node.resolved) ? parsed(node.resolved) : undefined;
  if (resolved && !resolvedOnRegistry(resolved, context, comparison?.equal === true)) {
    mismatches.push({ kind: 'resolved', lockfile: shown(resolved), registry: withSlash(context.registry) });
  }
  return { algorithm: comparison?.algorithm, mismatches };
}

/** One sentence per mismatch, naming both values. */
export function describeMismatch(mismatch: InstallMismatch): string {
  return mismatch.kind === 'integrity'
    ? `the lockfile's integrity ${mismatch.lockfile} is not the registry's ${mismatch.registry}`
    : `the lockfile resolves it from ${mismatch.lockfile}, not from the registry configured for it (${mismatch.registry})`;
}
