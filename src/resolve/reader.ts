import type { LockGraph } from './lockgraph.js';

/** The bits of a package.json that resolution reads. */
export interface PackageManifest {
  name?: string;
  version?: string;
  license?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

/** Everything a reader needs, already read from disk: readers never touch the file system. */
export interface LockfileInput {
  /** Path of the lockfile, for messages. */
  path: string;
  text: string;
  /** The root package.json, when there is one. */
  manifest?: PackageManifest;
  /** Workspace manifests keyed by their directory relative to the root (`packages/a`). */
  workspaces: Map<string, PackageManifest>;
}

export interface LockfileReader {
  /** Stable id, also the `format` recorded on the graph. */
  name: string;
  /** Whether this reader handles the file; `text` is its content. */
  matches(fileName: string, text: string): boolean;
  parse(input: LockfileInput): Promise<LockGraph>;
}
