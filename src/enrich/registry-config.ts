/**
 * Which registry serves a package, and with what credentials, resolved the way npm does
 * (see npm docs: configuring-npm/npmrc, using-npm/scope, and the `registry` config):
 * `--registry` > `npm_config_*` environment > project `.npmrc` > user `~/.npmrc` > global npmrc,
 * with `@scope:registry` for scoped packages and `//host/path/:_authToken` credentials that are sent
 * only to URLs under that host and path. Tokens never leave this module except as a request header.
 * Proxy and certificate settings are read from the same layers (network.ts). A yarn 2+ project's
 * `.yarnrc.yml` takes the place of npm's files; a yarn 1 project's `.yarnrc` files add to them (yarnrc.ts).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { parse as parseIni } from 'ini';
import { SovscanError } from '../errors.js';
import { readOptionalInput } from '../resolve/input-file.js';
import { defaultRegistry } from './default-registry.js';
import { readNetworkConfig, type NetworkConfig } from './network.js';
import { readYarnClassicLayers, readYarnLayers } from './yarnrc.js';


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
}

export interface ClientCertificate {
  /** `//host[:port]/path/` */
  prefix: string;
  cert: string;
  key: string;
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
async function readNpmrc(path: string | undefined, env: NodeJS.ProcessEnv, project?: string): Promise<Record<string, unknown>> {
  if (!path) return {};
  // The project's .npmrc is the repository's: a regular file inside it, or refused (never a FIFO that hangs).
  const text = await readOptionalInput(path, project);
  if (text === undefined) return {};
  // `${VAR}` and `${VAR?}` expand from the environment, as npm does.
  const expand = (value: string) => value.replace(/\$\{([^}?]+)\??\}/g, (_m, name: string) => env[name] ?? '');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseIni(text) as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = expand(value);
    else if (typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string').map(expand);
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
async function npmLayers(sources: ConfigSources, env: NodeJS.ProcessEnv): Promise<{ from: string; values: Record<string, unknown> }[]> {
  const envValues = envConfig(env);
  const prefix = envValues.prefix ?? (process.platform === 'win32' ? dirname(process.execPath) : dirname(dirname(process.execPath)));
  const globalPath = sources.globalConfig ?? envValues.globalconfig ?? join(prefix, 'etc', 'npmrc');
  const userPath = sources.userConfig ?? envValues.userconfig ?? join(homedir(), '.npmrc');
  const projectPath = sources.projectDir ? join(sources.projectDir, '.npmrc') : undefined;
  return [
    { from: globalPath, values: await readNpmrc(globalPath, env) },
    { from: userPath, values: await readNpmrc(userPath, env) },
    { from: projectPath ?? '', values: await readNpmrc(projectPath, env, sources.projectDir) },
    { from: 'the npm_config_* environment', values: envValues },
  ];
}

export async function loadRegistryConfig(sources: ConfigSources = {}): Promise<RegistryConfig> {
  const env = sources.env ?? process.env;
  const { projectDir, lockfileFormat } = sources;
  const berry = lockfileFormat === 'yarn-berry' && projectDir !== undefined;
  const npm = berry ? [] : await npmLayers(sources, env);
  const yarn = berry ? await readYarnLayers(projectDir, env, defaultRegistry() ?? '', sources.home) : lockfileFormat === 'yarn-classic' && projectDir !== undefined ? await readYarnClassicLayers(projectDir, env, sources.home) : [];
  // Yarn 1 asks npm's settings for registries and tokens first and its own for the network first.
  const layers = [...yarn, ...npm];
  const networkLayers = [...npm, ...yarn];
  const merged: Record<string, unknown> = Object.assign({}, ...layers.map((l) => l.values));
  const text = (key: string) => (typeof merged[key] === 'string' ? (merged[key] as string) : undefined);
  const credentials: Credential[] = [];
  const origin = (key: string) => layers.findLast((l) => key in l.values)?.from ?? '';
  const configured = sources.registry ?? text('registry') ?? defaultRegistry();
  if (!configured) throw new SovscanError('E_USAGE', "Cannot find npm's default registry (no npm installation was found): pass --registry URL or set registry in .npmrc");
  const from = sources.registry !== undefined ? '--registry' : text('registry') !== undefined ? origin('registry') : "npm's defaults";
  const registry = withoutUserInfo(withSlash(registryUrl(configured, from)), credentials);
  const scopes = new Map<string, string>();
  for (const key of Object.keys(merged)) {
    const value = text(key);
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope && value) scopes.set(scope[1]!.toLowerCase(), withoutUserInfo(withSlash(registryUrl(value, origin(key), key)), credentials));
    const cred = /^(\/\/.+?):(_authToken|_auth)$/.exec(key);
    if (cred && value) credentials.push({ prefix: withSlash(cred[1]!), header: cred[2] === '_authToken' ? `Bearer ${value}` : `Basic ${value}` });
  }
  for (const key of Object.keys(merged)) {
    const user = /^(\/\/.+?):username$/.exec(key);
    const value = text(key);
    const password = user ? text(`${user[1]}:_password`) : undefined;
    if (user && value && password && !credentials.some((c) => c.prefix === withSlash(user[1]!))) {
      const decoded = Buffer.from(password, 'base64').toString('utf8');
      credentials.push({ prefix: withSlash(user[1]!), header: `Basic ${Buffer.from(`${value}:${decoded}`).toString('base64')}` });
    }
  }
  credentials.sort((a, b) => b.prefix.length - a.prefix.length);
  const setting = (key: string) => {
    const layer = networkLayers.findLast((l) => key in l.values);
    return layer && { value: layer.values[key], from: layer.from };
  };
  // Yarn reads no proxy environment variables (its own YARN_HTTPS_PROXY is a setting, in the layers).
  const network = readNetworkConfig(setting, berry ? {} : env);
  const clientCertificates = readClientCertificates(Object.keys(merged), setting);
  return hideSecrets({ registry, scopes, credentials, network, clientCertificates });
}

/** npm's per-registry client certificates: `//host/path/:certfile` with `:keyfile` beside it, PEM files. */
function readClientCertificates(keys: string[], setting: (key: string) => { value: unknown; from: string } | undefined): ClientCertificate[] {
  const out: ClientCertificate[] = [];
  for (const key of keys) {
    const match = /^(\/\/.+?):certfile$/.exec(key);
    if (!match) continue;
    const prefix = withSlash(match[1]!);
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
