/**
 * The one options type and its defaults, read by the CLI and (later) the GitHub Action alike.
 */
import type { CycloneDxFormat, SpecVersion } from './emit/cyclonedx/index.js';
import type { RiskLevel } from './assess/levels.js';
import type { OmitKind } from './resolve/lockgraph.js';

export interface ScanOptions {
  /** Directory, lockfile, or package spec. */
  target: string;
  /** SBOM path; `-` writes to stdout. */
  output: string;
  format: CycloneDxFormat;
  specVersion: SpecVersion;
  omit: OmitKind[];
  workspace?: string;
  reproducible: boolean;
  quiet: boolean;
  /** Use only the cache; report what is missing. */
  offline: boolean;
  /** sovscan's cache directory (`--cache-dir`, `SOVSCAN_CACHE_DIR`, else the user cache directory). */
  cacheDir?: string;
  /** Requests in flight and sockets per registry host. */
  concurrency: number;
  /** Overrides the registry from npm's configuration. */
  registry?: string;
  /** Environment variables the scanned project's `.npmrc` / `.yarnrc(.yml)` may read, besides NODE_AUTH_TOKEN. */
  allowEnv?: string[];
  /** Registry or proxy URLs (or hosts) that the scanned project's configuration may use with its credentials. */
  allowedRegistries?: string[];
  /** Exit 3 when results are incomplete. */
  strict: boolean;
  /** Fetch full packuments for publish times and maintainer / publisher changes. */
  history: boolean;
  /** Leave personal names and e-mail addresses out of every output. */
  redact: boolean;
  /** Preset id or policy file. */
  policy: string;
  /** Exit 1 when any finding is at this level or above (`none`: never). */
  failOn: RiskLevel;
  /** Reports to write besides the SBOM: kind and file. */
  reports: { kind: string; file: string }[];
  /** Compare with this base (lockfile path or git ref): only what the change adds or raises is gated. */
  base?: string;
}

export const DEFAULTS = {
  target: '.',
  output: 'sbom.cdx.json',
  format: 'cyclonedx-json',
  specVersion: '1.6',
  omit: [],
  reproducible: false,
  quiet: false,
  offline: false,
  // 16 sockets per host was the sweet spot measured against the registry; more only queues (DESIGN.md §8).
  concurrency: 16,
  strict: false,
  history: false,
  redact: false,
  policy: 'neutral',
  failOn: 'none',
  reports: [],
} as const satisfies Omit<ScanOptions, 'workspace' | 'cacheDir' | 'registry'>;

export const FORMATS: readonly CycloneDxFormat[] = ['cyclonedx-json', 'cyclonedx-xml'];
export const OMIT_KINDS: readonly OmitKind[] = ['dev', 'optional', 'peer'];
