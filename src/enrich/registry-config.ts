/**
 * Which registry serves a package, and with what credentials, resolved the way npm does
 * (see npm docs: configuring-npm/npmrc, using-npm/scope, and the `registry` config):
 * `--registry` > `npm_config_*` environment > project `.npmrc` > user `~/.npmrc` > global npmrc,
 * with `@scope:registry` for scoped packages and `//host/path/:_authToken` credentials that are sent
 * only to URLs under that host and path. Tokens never leave this module except as a request header.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseIni } from 'ini';
import { SovscanError } from '../errors.js';
import { defaultRegistry } from './default-registry.js';


interface Credential {
  /** `//host[:port]/path/` */
  prefix: string;
  header: string;
}

export interface RegistryConfig {
  /** The registry for unscoped packages (always ends in `/`). */
  registry: string;
  /** `@scope` → registry URL. */
  scopes: Map<string, string>;
  /** Credentials by nerf-darted prefix; kept out of every printable representation. */
  credentials: readonly Credential[];
}

export interface ConfigSources {
  /** Project directory whose `.npmrc` applies. */
  projectDir?: string;
  /** `--registry` on the command line. */
  registry?: string;
  env?: NodeJS.ProcessEnv;
  /** Override the user and global config files (tests). */
  userConfig?: string;
  globalConfig?: string;
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `https://host:8080/path/` → `//host:8080/path/` (npm's "nerf dart"). */
export function nerfDart(url: string): string {
  const u = new URL(url);
  return `//${u.host}${withSlash(u.pathname)}`;
}

async function readNpmrc(path: string | undefined, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  if (!path) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseIni(text) as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    // `${VAR}` and `${VAR?}` expand from the environment, as npm does.
    out[key] = value.replace(/\$\{([^}?]+)\??\}/g, (_m, name: string) => env[name] ?? '');
  }
  return out;
}

function envConfig(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || !/^npm_config_/i.test(key)) continue;
    const name = key.slice('npm_config_'.length);
    // npm lower-cases the name and turns `_` into `-`, except in `//host/:_authToken`-style keys.
    out[name.startsWith('//') ? name : name.toLowerCase().replace(/_/g, '-')] = value;
  }
  return out;
}

export async function loadRegistryConfig(sources: ConfigSources = {}): Promise<RegistryConfig> {
  const env = sources.env ?? process.env;
  const envValues = envConfig(env);
  const prefix = envValues.prefix ?? (process.platform === 'win32' ? dirname(process.execPath) : dirname(dirname(process.execPath)));
  const globalPath = sources.globalConfig ?? envValues.globalconfig ?? join(prefix, 'etc', 'npmrc');
  const userPath = sources.userConfig ?? envValues.userconfig ?? join(homedir(), '.npmrc');
  const layers = [
    await readNpmrc(globalPath, env),
    await readNpmrc(userPath, env),
    sources.projectDir ? await readNpmrc(join(sources.projectDir, '.npmrc'), env) : {},
    envValues,
  ];
  const merged: Record<string, string> = Object.assign({}, ...layers);
  const credentials: Credential[] = [];
  const configured = sources.registry ?? merged.registry ?? defaultRegistry();
  if (!configured) throw new SovscanError('E_USAGE', "Cannot find npm's default registry (no npm installation was found): pass --registry URL or set registry in .npmrc");
  const registry = withoutUserInfo(withSlash(configured), credentials);
  const scopes = new Map<string, string>();
  for (const [key, value] of Object.entries(merged)) {
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope) scopes.set(scope[1]!.toLowerCase(), withoutUserInfo(withSlash(value), credentials));
    const cred = /^(\/\/.+?):(_authToken|_auth)$/.exec(key);
    if (cred && value) credentials.push({ prefix: withSlash(cred[1]!), header: cred[2] === '_authToken' ? `Bearer ${value}` : `Basic ${value}` });
  }
  for (const [key, value] of Object.entries(merged)) {
    const user = /^(\/\/.+?):username$/.exec(key);
    const password = user ? merged[`${user[1]}:_password`] : undefined;
    if (user && password && !credentials.some((c) => c.prefix === withSlash(user[1]!))) {
      const decoded = Buffer.from(password, 'base64').toString('utf8');
      credentials.push({ prefix: withSlash(user[1]!), header: `Basic ${Buffer.from(`${value}:${decoded}`).toString('base64')}` });
    }
  }
  credentials.sort((a, b) => b.prefix.length - a.prefix.length);
  return hideCredentials({ registry, scopes, credentials });
}

/**
 * `https://user:pass@host/` is valid npm configuration: the user info becomes a Basic credential for that
 * host and leaves the URL, so that no output that names the registry can carry it.
 */
function withoutUserInfo(url: string, credentials: Credential[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.username && !parsed.password) return url;
  const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  const clean = parsed.toString();
  credentials.push({ prefix: nerfDart(clean), header: `Basic ${Buffer.from(user).toString('base64')}` });
  return clean;
}

/** Keep tokens out of JSON dumps, logs and error reports of the config object. */
function hideCredentials(config: RegistryConfig): RegistryConfig {
  Object.defineProperty(config, 'credentials', { enumerable: false, value: config.credentials });
  return config;
}

export function registryFor(config: RegistryConfig, name: string): string {
  if (name.startsWith('@')) {
    const scope = name.slice(0, name.indexOf('/')).toLowerCase();
    const scoped = config.scopes.get(scope);
    if (scoped) return scoped;
  }
  return config.registry;
}

/** The Authorization header for `url`, only when a credential was configured for its host and path. */
export function authorizationFor(config: RegistryConfig, url: string): string | undefined {
  const dart = nerfDart(url);
  return config.credentials.find((c) => dart.startsWith(c.prefix))?.header;
}

/** `<registry>/<@scope%2fname>/<version>` (npm-registry-fetch's escaping). */
export function versionDocumentUrl(registry: string, name: string, version: string): string {
  return `${withSlash(registry)}${name.replace('/', '%2f')}/${encodeURIComponent(version)}`;
}
