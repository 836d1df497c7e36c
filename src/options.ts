/**
 * The one options type and its defaults, read by the CLI and (later) the GitHub Action alike.
 */
import type { CycloneDxFormat, SpecVersion } from './emit/cyclonedx/index.js';
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
}

export const DEFAULTS = {
  target: '.',
  output: 'sbom.cdx.json',
  format: 'cyclonedx-json',
  specVersion: '1.6',
  omit: [],
  reproducible: false,
  quiet: false,
} as const satisfies Omit<ScanOptions, 'workspace'>;

export const FORMATS: readonly CycloneDxFormat[] = ['cyclonedx-json', 'cyclonedx-xml'];
export const OMIT_KINDS: readonly OmitKind[] = ['dev', 'optional', 'peer'];
