/**
 * Which registry serves a package, and with what credentials, resolved the way npm does
 * (see npm docs: configuring-npm/npmrc, using-npm/scope, and the `registry` config):
 * `--registry` > `npm_config_*` environment > project `.npmrc` > user `~/.npmrc` > global npmrc,
 * with `@scope:registry` for scoped packages and `//host/path/:_authToken` credentials that are sent
 * only to URLs under that host and path. Tokens never leave this module except as a request header.
 * Proxy and certificate settings are read from the same layers (network.ts). A yarn 2+ project's
 * `.yarnrc.yml` takes the place of npm's files; a yarn 1 project's `.yarnrc` files add to them (yarnrc.ts).
 * Files that come from the scanned project read only allowed variables, and their credentials and proxy
 * serve only hosts the user configured (config-trust.ts).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { parse as parseIni } from 'ini';
import { SovscanError } from '../errors.js';
import type { Issue } from '../model.js';
import { ConfigTrust, hostOf, hostsNamedBy, projectRootOf, type EnvLookup, type TrustSources } from './config-trust.js';
import { readOptionalInput } from '../resolve/input-file.js';
import { defaultRegistry } from './default-registry.js';
import { readNetworkConfig, type NetworkConfig, type Setting } from './network.js';
import { readYarnClassicLayers, readYarnLayers, type ConfigLayer } from './yarnrc.js';


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
  /** Proxy, trusted roots and certificate checking; kept out of printable representations too. */
  network: NetworkConfig;
  /** Client certificates by nerf-darted prefix (`//host/:certfile` and `:keyfile`); never printed. */
  clientCertificates: readonly ClientCertificate[];
  /** What the scanned project's configuration asked for and did not get (config-trust.ts). */
  issues: Issue[];
}

export interface ClientCertificate {
  /** `//host[:port]/path/` */
  prefix: string;
  cert: string;
  key: string;
}

export interface ConfigSources extends TrustSources {
  /** Project directory whose `.npmrc` applies. */
  projectDir?: string;
  /** `--registry` on the command line. */
  registry?: string;
  env?: NodeJS.ProcessEnv;
  /** Override the user and global config files (tests). */
  userConfig?: string;
  globalConfig?: string;
  /**
   * The project's lockfile: yarn 2+ reads `.yarnrc.yml` instead of `.npmrc`, and yarn 1 reads `.yarnrc`
   * beside it (yarnrc.ts).
   */
  lockfileFormat?: 'npm' | 'yarn-classic' | 'yarn-berry' | 'pnpm';
  /** The home directory whose yarn files apply (tests). */
  home?: string;
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `https://host:8080/path/` → `//host:8080/path/` (npm's "nerf dart"). */
export function nerfDart(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `//${u.host}${withSlash(u.pathname)}`;
}

/** Values are strings, booleans (`strict-ssl=false`) or arrays (`ca[]=…`), as the ini parser gives them. */
async function readNpmrc(path: string | undefined, env: EnvLookup, project?: string): Promise<Record<string, unknown>> {
  if (!path) return {};
  // The project's .npmrc is the repository's: a regular file inside it, or refused (never a FIFO that hangs).
  const text = await readOptionalInput(path, project);
  if (text === undefined) return {};
  // `${VAR}` and `${VAR?}` expand from the environment, as npm does (a project's file: allowed names only).
  const expand = (key: string) => (value: string) => value.replace(/\$\{([^}?]+)\??\}/g, (_m, name: string) => env(name, key) ?? '');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseIni(text) as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = expand(key)(value);
    else if (typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string').map(expand(key));
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

/** npm's configuration, weakest first: global npmrc, user npmrc, project npmrc, `npm_config_*`. */
async function npmLayers(sources: ConfigSources, env: NodeJS.ProcessEnv, trust: ConfigTrust): Promise<ConfigLayer[]> {
  const envValues = envConfig(env);
  const prefix = envValues.prefix ?? (process.platform === 'win32' ? dirname(process.execPath) : dirname(dirname(process.execPath)));
  const globalPath = sources.globalConfig ?? envValues.globalconfig ?? join(prefix, 'etc', 'npmrc');
  const userPath = sources.userConfig ?? envValues.userconfig ?? join(homedir(), '.npmrc');
  const projectPath = sources.projectDir ? join(sources.projectDir, '.npmrc') : undefined;
  // Scanning one's home folder makes ~/.npmrc the project's file too: it stays the user's.
  const project = projectPath !== undefined && ![globalPath, userPath].map((p) => resolvePath(p)).includes(resolvePath(projectPath)) && trust.fromProject(projectPath);
  const users = (name: string) => env[name];
  return [
    { from: globalPath, values: await readNpmrc(globalPath, users) },
    { from: userPath, values: await readNpmrc(userPath, users) },
    { from: projectPath ?? '', values: await readNpmrc(projectPath, project ? trust.envFor(projectPath) : users, sources.projectDir), project },
    { from: 'the npm_config_* environment', values: envValues },
  ];
}

export async function loadRegistryConfig(sources: ConfigSources = {}): Promise<RegistryConfig> {
  const env = sources.env ?? process.env;
  const { projectDir, lockfileFormat } = sources;
  const home = sources.home ?? homedir();
  const trust = new ConfigTrust(env, projectDir === undefined ? undefined : projectRootOf(projectDir, env), home, sources);
  const berry = lockfileFormat === 'yarn-berry' && projectDir !== undefined;
  const npm = berry ? [] : await npmLayers(sources, env, trust);
  const yarn = berry ? await readYarnLayers(projectDir, trust, defaultRegistry() ?? '', home) : lockfileFormat === 'yarn-classic' && projectDir !== undefined ? await readYarnClassicLayers(projectDir, trust, home) : [];
  // Yarn 1 asks npm's settings for registries and tokens first and its own for the network first.
  const layers = [...yarn, ...npm];
  const networkLayers = [...npm, ...yarn];
  const merged: Record<string, unknown> = Object.assign({}, ...layers.map((l) => l.values));
  const text = (key: string) => (typeof merged[key] === 'string' ? (merged[key] as string) : undefined);
  const credentials: Credential[] = [];
  const layerOf = (key: string) => layers.findLast((l) => key in l.values);
  const origin = (key: string) => layerOf(key)?.from ?? '';
  // The hosts the user configured; a project's credential or proxy serves no other. npm's default
  // registry is not among them unless named: a NODE_AUTH_TOKEN meant for GitHub Packages is not its.
  trust.configure([sources.registry && hostOf(sources.registry)]);
  for (const layer of layers) if (!layer.project) trust.configure(hostsNamedBy(layer.values));
  const keep = (key: string, host: string | undefined, what: string) => {
    const layer = layerOf(key);
    if (!layer?.project || trust.allows(host)) return true;
    trust.warn('W_CONFIG_CREDENTIAL', `${layer.from} sets ${what} for ${host ?? key}, a host that your own configuration does not name: not sent (packages there are fetched without it). If it is a registry you use, add it with --allowed-registries (Action input allowed-registries)`);
    return false;
  };
  const configured = sources.registry ?? text('registry') ?? defaultRegistry();
  if (!configured) throw new SovscanError('E_USAGE', "Cannot find npm's default registry (no npm installation was found): pass --registry URL or set registry in .npmrc");
  const from = sources.registry !== undefined ? '--registry' : text('registry') !== undefined ? origin('registry') : "npm's defaults";
  const registry = withoutUserInfo(withSlash(registryUrl(configured, from)), credentials, (host) => sources.registry !== undefined || keep('registry', host, 'a user and password'));
  const scopes = new Map<string, string>();
  for (const key of Object.keys(merged)) {
    const value = text(key);
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope && value) scopes.set(scope[1]!.toLowerCase(), withoutUserInfo(withSlash(registryUrl(value, origin(key), key)), credentials, (host) => keep(key, host, 'a user and password')));
    const cred = /^(\/\/.+?):(_authToken|_auth)$/.exec(key);
    if (cred && value && keep(key, hostOf(cred[1]!), cred[2] === '_authToken' ? 'a token' : 'a user and password')) credentials.push({ prefix: withSlash(cred[1]!), header: cred[2] === '_authToken' ? `Bearer ${value}` : `Basic ${value}` });
  }
  for (const key of Object.keys(merged)) {
    const user = /^(\/\/.+?):username$/.exec(key);
    const value = text(key);
    const password = user ? text(`${user[1]}:_password`) : undefined;
    if (user && value && password && !credentials.some((c) => c.prefix === withSlash(user[1]!)) && keep(key, hostOf(user[1]!), 'a user and password')) {
      const decoded = Buffer.from(password, 'base64').toString('utf8');
      credentials.push({ prefix: withSlash(user[1]!), header: `Basic ${Buffer.from(`${value}:${decoded}`).toString('base64')}` });
    }
  }
  credentials.sort((a, b) => b.prefix.length - a.prefix.length);
  const setting = (key: string) => {
    const layer = networkLayers.findLast((l) => key in l.values && (!l.project || trust.mayUse(key, l.values[key], l.from)));
    return layer && { value: layer.values[key], from: layer.from, project: layer.project };
  };
  // Yarn reads no proxy environment variables (its own YARN_HTTPS_PROXY is a setting, in the layers).
  const network = readNetworkConfig(setting, berry ? {} : env);
  const clientCertificates = readClientCertificates(Object.keys(merged), setting, (key, prefix) => keep(key, hostOf(prefix), 'a client certificate'));
  return hideSecrets({ registry, scopes, credentials, network, clientCertificates, issues: trust.issues });
}

/** npm's per-registry client certificates: `//host/path/:certfile` with `:keyfile` beside it, PEM files. */
function readClientCertificates(keys: string[], setting: (key: string) => Setting, keep: (key: string, prefix: string) => boolean): ClientCertificate[] {
  const out: ClientCertificate[] = [];
  for (const key of keys) {
    const match = /^(\/\/.+?):certfile$/.exec(key);
    if (!match) continue;
    const prefix = withSlash(match[1]!);
    // Read only when it may be used: a project's setting can name any file.
    if (!keep(key, prefix)) continue;
    const certfile = setting(key)!;
    const keyfile = setting(`${match[1]}:keyfile`);
    if (!keyfile) throw new SovscanError('E_USAGE', `${key} is set in ${certfile.from} without ${match[1]}:keyfile. Set both, or neither`, { file: certfile.from.startsWith('/') ? certfile.from : undefined });
    const read = (file: { value: unknown; from: string }, what: string) => {
      const path = String(file.value).replace(/^~(?=$|[/\\])/, homedir());
      try {
        return readFileSync(resolvePath(path), 'utf8');
      } catch (error) {
        throw new SovscanError('E_USAGE', `The ${what} for ${prefix} (set in ${file.from}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Fix the path or remove the setting`, { cause: error });
      }
    };
    out.push({ prefix, cert: read(certfile, 'client certificate'), key: read(keyfile, 'client key') });
  }
  return out.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The client certificate for `url`, only when one was configured for its host and path. */
export function clientCertificateFor(config: RegistryConfig, url: string | URL): ClientCertificate | undefined {
  const dart = nerfDart(url);
  return config.clientCertificates.find((c) => dart.startsWith(c.prefix));
}

/** A registry must be an http(s) URL; anything else is refused naming where it was set (user info hidden). */
function registryUrl(value: string, from: string, key = 'registry'): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return value;
  const shown = value.replace(/\/\/[^/@]*@/, '//…@').slice(0, 80);
  throw new SovscanError('E_USAGE', `${key} "${shown}" (set in ${from}) is not an http(s) URL. Write it as https://host/path/`, { file: from.startsWith('/') ? from : undefined });
}

/**
 * `https://user:pass@host/` is valid npm configuration: the user info becomes a Basic credential for that
 * host and leaves the URL, so that no output that names the registry can carry it.
 */
function withoutUserInfo(url: string, credentials: Credential[], keep: (host: string) => boolean): string {
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
  if (keep(parsed.host.toLowerCase())) credentials.push({ prefix: nerfDart(clean), header: `Basic ${Buffer.from(user).toString('base64')}` });
  return clean;
}

/** Keep tokens (and a proxy URL's user info) out of JSON dumps, logs and error reports of the config object. */
function hideSecrets(config: RegistryConfig): RegistryConfig {
  Object.defineProperty(config, 'credentials', { enumerable: false, value: config.credentials });
  Object.defineProperty(config, 'network', { enumerable: false, value: config.network });
  Object.defineProperty(config, 'clientCertificates', { enumerable: false, value: config.clientCertificates });
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
export function authorizationFor(config: RegistryConfig, url: string | URL): string | undefined {
  const dart = nerfDart(url);
  return config.credentials.find((c) => dart.startsWith(c.prefix))?.header;
}

/** `<registry>/<@scope%2fname>`, the packument (npm-registry-fetch's escaping). */
export function packumentUrl(registry: string, name: string): string {
  return `${withSlash(registry)}${name.replace('/', '%2f')}`;
}

/** `<registry>/<@scope%2fname>/<version>` */
export function versionDocumentUrl(registry: string, name: string, version: string): string {
  return `${packumentUrl(registry, name)}/${encodeURIComponent(version)}`;
}
