/**
 * Package URLs for npm (purl-spec `types/npm-definition.json`): the scope is the namespace with its `@`
 * percent-encoded, names are lower-cased, git and tarball sources carry `vcs_url` / `download_url`.
 */
import { PackageURL } from 'packageurl-js';
import type { SourceType } from '../model.js';

export function splitName(name: string): { scope?: string; bare: string } {
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 0) return { scope: name.slice(0, slash), bare: name.slice(slash + 1) };
  }
  return { bare: name };
}

export function purlWithoutQualifiers(name: string, version: string): string {
  const { scope, bare } = splitName(name);
  return new PackageURL('npm', scope?.toLowerCase(), bare.toLowerCase(), version || undefined).toString();
}

export function purlOf(name: string, version: string, source: SourceType, resolved?: string): string {
  const { scope, bare } = splitName(name);
  let qualifiers: Record<string, string> | undefined;
  if (resolved && source === 'git') qualifiers = { vcs_url: resolved };
  if (resolved && source === 'tarball') qualifiers = { download_url: resolved };
  return new PackageURL('npm', scope?.toLowerCase(), bare.toLowerCase(), version || undefined, qualifiers).toString();
}
