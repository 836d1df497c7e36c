/**
 * What the scanned project's own configuration may do. In CI the project's `.npmrc`, `.yarnrc` and
 * `.yarnrc.yml` are written by whoever opened the pull request, so they are untrusted (docs/security.md),
 * while the user's own files (`~/.npmrc`, npm's global npmrc, `npm_config_*`, `YARN_*`) are the user's.
 * A project file:
 * - reads only the environment variables the user allows (`NODE_AUTH_TOKEN`, the GitHub Packages pattern
 *   that actions/setup-node documents, and `--allow-env` names); any other `${NAME}` is left unset, with
 *   a warning naming the file, the key and the variable (never a value);
 * - gets its credentials and its proxy used only for hosts the user configured: a registry host named by
 *   the user's own configuration, `--registry` or `--allowed-registries` (npm's default registry only
 *   when one of them names it);
 * - cannot turn certificate checks off (`strict-ssl=false`, `enableStrictSsl: false`).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve } from 'node:path';
import { SovscanError } from '../errors.js';
import type { Issue } from '../model.js';

/** Always readable by a project's configuration: the token actions/setup-node hands to npm. */
export const DEFAULT_ALLOWED_ENV: readonly string[] = ['NODE_AUTH_TOKEN'];

export interface TrustSources {
  /** Environment variables, besides NODE_AUTH_TOKEN, that the project's configuration may read. */
  allowEnv?: readonly string[];
  /** Registry (or proxy) URLs or hosts that the project's configuration may use with credentials. */
  allowedRegistries?: readonly string[];
}

/** `${NAME}` as a configuration file may read it: its value, or undefined (unset, or not allowed). */
export type EnvLookup = (name: string, key: string) => string | undefined;

const inside = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The outermost folder whose configuration files come from the scanned project: the GitHub workspace
 * when the project is in it (everything the checkout wrote), else the repository the project is in
 * (the nearest folder with `.git`), else the project folder itself.
 */
export function projectRootOf(projectDir: string, env: NodeJS.ProcessEnv): string {
  const dir = resolve(projectDir);
  const workspace = env.GITHUB_WORKSPACE ? resolve(env.GITHUB_WORKSPACE) : undefined;
  if (workspace && inside(dir, workspace)) return workspace;
  for (let folder = dir; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (folder === parsePath(folder).root) return dir;
  }
}

/** `https://host:8080/path`, `//host:8080/path/` or `host:8080` → `host:8080` (lower case); undefined if none. */
export function hostOf(text: string): string | undefined {
  const url = text.startsWith('//') ? `https:${text}` : /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** The hosts that one of the user's own configuration layers names as a registry, a credential's or a proxy. */
export function hostsNamedBy(values: Record<string, unknown>): string[] {
  const hosts: (string | undefined)[] = [];
  for (const [key, value] of Object.entries(values)) {
    if ((key === 'registry' || /^@[^:]+:registry$/.test(key) || key === 'proxy' || key === 'https-proxy') && typeof value === 'string') hosts.push(hostOf(value));
    const credential = /^(\/\/[^/]+)\/.*:[^/]+$/.exec(key);
    if (credential) hosts.push(hostOf(credential[1]!));
  }
  return hosts.filter((h): h is string => h !== undefined);
}

export class ConfigTrust {
  /** Warnings for the scan: what the project's configuration asked for and did not get. */
  readonly issues: Issue[] = [];
  private readonly allowedEnv: Set<string>;
  private readonly hosts = new Set<string>();
  private readonly said = new Set<string>();

  constructor(
    /** The environment (the user's: their own files and YARN_* read all of it). */
    readonly environment: NodeJS.ProcessEnv,
    /** Undefined: no project (every file is the user's). */
    private readonly root: string | undefined,
    private readonly home: string,
    sources: TrustSources,
  ) {
    this.allowedEnv = new Set([...DEFAULT_ALLOWED_ENV, ...(sources.allowEnv ?? [])]);
    for (const entry of sources.allowedRegistries ?? []) {
      const host = entry.trim() === '' ? undefined : hostOf(entry.trim());
      if (!host) throw new SovscanError('E_USAGE', `--allowed-registries takes registry URLs or hosts, and "${entry.slice(0, 80)}" is neither. Write it as https://host/path/ or host:port`);
      this.hosts.add(host);
    }
  }

  /** Whether a configuration file was written by the scanned project (not the user's home file). */
  fromProject(file: string): boolean {
    const folder = dirname(resolve(file));
    return this.root !== undefined && inside(folder, this.root) && folder !== resolve(this.home);
  }

  /** How `file` reads the environment: everything for the user's files, the allowed names for the project's. */
  envFor(file: string): EnvLookup {
    if (!this.fromProject(file)) return (name) => this.environment[name];
    return (name, key) => {
      if (this.allowedEnv.has(name)) return this.environment[name];
      this.warn('W_CONFIG_ENV', `${key} in ${file} reads the environment variable ${name}, which the scanned project may not read: left unset. If you trust this project's configuration, allow it with --allow-env ${name} (Action input allow-env)`);
      return undefined;
    };
  }

  /** A host the user configured (their own files, --registry, --allowed-registries). */
  configure(hosts: Iterable<string | undefined>): void {
    for (const host of hosts) if (host) this.hosts.add(host.toLowerCase());
  }

  allows(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /**
   * A project's proxy only when its host is one the user configured (through it go the requests and, over
   * plain HTTP, their tokens); a project never turns certificate checks off: the user's own configuration
   * (`npm_config_strict_ssl=false`) does that. Other network settings are the project's to make.
   */
  mayUse(key: string, value: unknown, from: string): boolean {
    const off = value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false');
    if ((key === 'proxy' || key === 'https-proxy') && !off && !(value === null || value === '' || value === 'null')) {
      const host = hostOf(String(value));
      if (this.allows(host)) return true;
      this.warn('W_CONFIG_PROXY', `${key} in ${from} names a proxy (${host ?? 'not a URL'}) that your own configuration does not: ignored. If it is your proxy, add it with --allowed-registries (Action input allowed-registries)`);
      return false;
    }
    if (key === 'strict-ssl' && off) {
      this.warn('W_CONFIG_STRICT_SSL', `strict-ssl is off in ${from}: ignored, certificates are still checked. The scanned project cannot turn the check off; set cafile to your CA, or npm_config_strict_ssl=false in your own environment`);
      return false;
    }
    return true;
  }

  warn(code: string, message: string): void {
    if (this.said.has(message)) return;
    this.said.add(message);
    this.issues.push({ severity: 'warning', code, message });
  }
}
