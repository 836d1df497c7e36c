import type { Assessment } from './assess/index.js';
import type { Attribution } from './attribute/fuse.js';
import type { Drift } from './drift/index.js';
import type { PackageFacts } from './enrich/facts.js';

/**
 * The carrier that flows through the pipeline (DESIGN.md §1–2). Each stage adds to a `Scan`; none reaches
 * back into an earlier one.
 */

/**
 * Where a package's bytes come from. `alias` targets are recorded as `registry` with `aliases` set;
 * `other` is a component of another ecosystem, read from a vendor's SBOM.
 */
export type SourceType = 'registry' | 'git' | 'tarball' | 'file' | 'link' | 'workspace' | 'root' | 'other';

export interface PackageFlags {
  /** Only reachable through devDependencies. */
  dev: boolean;
  /** Only reachable through optionalDependencies. */
  optional: boolean;
  /** npm's `devOptional`: dev and optional at once (kept unless both are omitted). */
  devOptional: boolean;
  /** Only reachable through peerDependencies. */
  peer: boolean;
  /** Shipped inside another package's tarball (`bundleDependencies`). */
  bundled: boolean;
}

export interface PackageNode {
  /** bom-ref: the purl without qualifiers, made unique when two sources share a name and version. */
  id: string;
  /** The real package name (an alias resolves to its target). */
  name: string;
  version: string;
  /** Full purl, with `vcs_url` / `download_url` qualifiers for git and tarball sources. */
  purl: string;
  source: SourceType;
  /** Names this package is installed under when it differs from `name` (`"lp": "npm:left-pad@1"`). */
  aliases: string[];
  /** Every install path, POSIX, relative to the project root (`node_modules/a/node_modules/b`). */
  paths: string[];
  flags: PackageFlags;
  integrity?: string;
  resolved?: string;
  license?: string;
  /** npm's `extraneous`: installed but needed by nothing (every install of it). */
  extraneous?: boolean;
  /** ids of the packages this one depends on. */
  dependencies: Set<string>;
}

export interface LockfileInfo {
  /** Path as the user gave or we found it. */
  path: string;
  format: 'npm' | 'yarn-classic' | 'yarn-berry' | 'pnpm';
  /** lockfileVersion as written in the file (`3`, `'9.0'`, `1` for yarn classic, `__metadata.version` for berry). */
  version: string;
  /** The lockfile's text, for outputs that point at lines in it (SARIF). */
  text?: string;
}

export interface Graph {
  root: PackageNode;
  /** Every package but the root, keyed by id. */
  nodes: Map<string, PackageNode>;
  lockfile?: LockfileInfo;
  /** Set when there was no lockfile and the tree was resolved from the registry as npm would today. */
  resolution?: { kind: 'registry'; registry: string; requests: number };
  /** Set when the graph is a vendor's SBOM (`sovscan enrich`). */
  sbom?: { file: string; format: string; specVersion: string };
}

export type IssueSeverity = 'warning' | 'error';

/** A non-fatal problem: the run goes on and the result says it is incomplete where it matters. */
export interface Issue {
  severity: IssueSeverity;
  code: string;
  message: string;
  file?: string;
  package?: string;
}

export interface Scan {
  graph: Graph;
  /** Registry facts by package id; a registry package without an entry is `unknown`. */
  facts: Map<string, PackageFacts>;
  /** Jurisdiction claims and their fusion by package id (absent before the attribute stage). */
  attributions?: Map<string, Attribution>;
  /** Snapshot date of the data the attributions used. */
  dataSnapshot?: string;
  /** Findings under the active policy (absent before the assess stage). */
  assessment?: Assessment;
  /** What changed against `--base`. */
  drift?: Drift;
  issues: Issue[];
  /** Whether the component list is known to be complete (feeds CycloneDX `compositions`). */
  complete: boolean;
}
