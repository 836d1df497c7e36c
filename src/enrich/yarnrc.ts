/**
 * Yarn 1 reads `.npmrc` and, beside it, `.yarnrc` files (`yarn config set registry …` writes
 * `~/.yarnrc`), in the home directory and every folder down to the project, closest first. They use npm's
 * keys in yarn's lockfile syntax (`registry "https://…"`, `"@scope:registry" "…"`, `strict-ssl false`).
 *
 * Yarn 2+ ("berry") does not read `.npmrc`: its registries, tokens, proxy and certificates live in
 * `.yarnrc.yml` (see yarnpkg.com/configuration/yarnrc): in the home directory and in every folder from the
 * filesystem root down to the project (the closest wins), overridden by `YARN_*` environment variables.
 * For a project with a berry lockfile, these settings are read instead of npm's and translated into
 * npm's keys, so that one configuration model serves both:
 *
 * | .yarnrc.yml                                  | npm key                       |
 * | -------------------------------------------- | ----------------------------- |
 * | npmRegistryServer                            | registry                      |
 * | npmScopes.<scope>.npmRegistryServer          | @scope:registry               |
 * | npmAuthToken / npmAuthIdent (top level)      | //<registry>/:_authToken / _auth |
 * | npmScopes.<scope>.npmAuthToken / …Ident      | //<scope's registry>/:…       |
 * | npmRegistries.<url>.npmAuthToken / …Ident    | //<url>/:…                    |
 * | httpProxy / httpsProxy                       | proxy / https-proxy           |
 * | caFilePath / enableStrictSsl                 | cafile / strict-ssl           |
 *
 * Yarn itself does not read HTTP_PROXY / HTTPS_PROXY / NO_PROXY, and neither does this. A file inside the
 * scanned project reads only the environment variables the user allows (config-trust.ts).
 */
import { homedir } from 'node:os';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { SovscanError } from '../errors.js';
import { readOptionalInput } from '../resolve/input-file.js';
import { isRecord, parseYaml } from '../resolve/parse-text.js';
import type { ConfigTrust, EnvLookup } from './config-trust.js';
import { nerfDart } from './registry-config.js';

interface RegistryInForce {
  url: string;
  /** Set by a file of the scanned project. */
  project: boolean;
}

/** One configuration file (or the environment) in npm's keys. */
export interface ConfigLayer {
  from: string;
  values: Record<string, unknown>;
  /** Written by the scanned project (config-trust.ts), not by the user. */
  project?: boolean;
}

const FILE = '.yarnrc.yml';
const CLASSIC_FILE = '.yarnrc';

/** The folders whose `.yarnrc.yml` apply, weakest first: home, then root … project. */
function rcFolders(projectDir: string, home: string): string[] {
  const folders: string[] = [];
  for (let dir = resolve(projectDir); ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dir === parsePath(dir).root) break;
  }
  return [...new Set([home, ...folders])];
}

/**
 * Yarn's `${NAME}`, `${NAME:-fallback}` and `${NAME-fallback}` in string values; `key` is the setting's
 * path, for the warning about a variable the project may not read (which then counts as unset).
 */
function interpolate(value: unknown, env: EnvLookup, key: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z0-9_]+)(?:(:?-)([^}]*))?\}/g, (_m, name: string, op: string | undefined, fallback: string | undefined) => {
      const set = env(name, key);
      if (op === ':-') return set ? set : (fallback ?? '');
      if (op === '-') return set !== undefined ? set : (fallback ?? '');
      return set ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, key ? `${key}.${k}` : k)]));
  return value;
}

async function readRc(path: string, env: EnvLookup, project: string): Promise<Record<string, unknown> | undefined> {
  // A file in the project is the repository's: a regular file inside it, or refused.
  const text = await readOptionalInput(path, project);
  if (text === undefined) return undefined;
  const doc = await parseYaml(text, path, 'Fix the file (yarn cannot read it either)');
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new SovscanError('E_PARSE', `${path} is not a map of settings. Fix the file (yarn cannot read it either)`, { file: path });
  return interpolate(doc, env, '') as Record<string, unknown>;
}

/** `YARN_NPM_REGISTRY_SERVER` → `npmRegistryServer`, for the settings read here. */
const ENV_SETTINGS = ['npmRegistryServer', 'npmAuthToken', 'npmAuthIdent', 'httpProxy', 'httpsProxy', 'caFilePath', 'enableStrictSsl'];
const envName = (setting: string) => `YARN_${setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** npm's credential key (`//host/path/`) for a registry URL or a `//host/path` key; undefined if neither. */
function nerfDartOf(key: string): string | undefined {
  const url = key.startsWith('//') ? `https:${key}` : key;
  return URL.canParse(url) ? nerfDart(url) : undefined;
}

/** An ident is `user:password`, or already base64 as npm's `_auth`. */
const identAuth = (ident: string) => (ident.includes(':') ? Buffer.from(ident).toString('base64') : ident);

/**
 * One rc file (or the environment) as npm keys; `inForce` gives the registry that top-level tokens go
 * to when the file names none. A registry that is not a URL is reported where it is used as one (registry-config.ts).
 */
function translate(rc: Record<string, unknown>, inForce: () => RegistryInForce, from: string): { values: Record<string, unknown>; directed: Record<string, unknown> } {
  const out: Record<string, unknown> = {};
  // Credentials for the registry in force when a project's file chose it (config-trust.ts).
  const directed: Record<string, unknown> = {};
  const credit = (registry: string | undefined, settings: Record<string, unknown>) => {
    const into = registry === undefined && inForce().project ? directed : out;
    const token = text(settings.npmAuthToken);
    const ident = text(settings.npmAuthIdent);
    const dart = nerfDartOf(registry ?? inForce().url);
    if (!dart || !(token || ident)) return;
    if (token) into[`${dart}:_authToken`] = token;
    else if (ident) into[`${dart}:_auth`] = identAuth(ident);
  };
  const server = text(rc.npmRegistryServer);
  if (server) out.registry = server;
  if (text(rc.npmAuthToken) || text(rc.npmAuthIdent)) credit(server, rc);
  if (isRecord(rc.npmRegistries)) {
    for (const [url, settings] of Object.entries(rc.npmRegistries)) {
      if (!nerfDartOf(url)) throw new SovscanError('E_USAGE', `npmRegistries in ${from} has the key "${url.slice(0, 80)}", which is not a registry URL. Write it as //host/path or https://host/path`, { file: from.startsWith('/') ? from : undefined });
      if (isRecord(settings)) credit(url, settings);
    }
  }
  if (isRecord(rc.npmScopes)) {
    for (const [scope, settings] of Object.entries(rc.npmScopes)) {
      if (!isRecord(settings)) continue;
      const scopeServer = text(settings.npmRegistryServer);
      if (scopeServer) out[`@${scope.replace(/^@/, '')}:registry`] = scopeServer;
      credit(scopeServer ?? server, settings);
    }
  }
  if (text(rc.httpProxy)) out.proxy = rc.httpProxy;
  if (text(rc.httpsProxy)) out['https-proxy'] = rc.httpsProxy;
  if (text(rc.caFilePath)) out.cafile = rc.caFilePath;
  if (rc.enableStrictSsl !== undefined) out['strict-ssl'] = rc.enableStrictSsl;
  return { values: out, directed };
}

/**
 * The yarn settings for a project, weakest first, as npm keys. `defaultRegistry` is where a top-level
 * token goes when no layer names a registry.
 */
export async function readYarnLayers(projectDir: string, trust: ConfigTrust, defaultRegistry: string, home = homedir()): Promise<ConfigLayer[]> {
  const env = trust.environment;
  const rcs: { from: string; rc: Record<string, unknown>; project?: boolean }[] = [];
  for (const folder of rcFolders(projectDir, home)) {
    const path = join(folder, FILE);
    const rc = await readRc(path, trust.envFor(path), projectDir);
    if (rc) rcs.push({ from: path, rc, project: trust.fromProject(path) });
  }
  const fromEnv: Record<string, unknown> = {};
  for (const setting of ENV_SETTINGS) if (env[envName(setting)] !== undefined) fromEnv[setting] = env[envName(setting)];
  rcs.push({ from: 'the YARN_* environment', rc: fromEnv });
  // A top-level token belongs to the registry in force, which a later (stronger) layer may set. When that
  // layer is the project's, the user's token for it is the project's to justify, as its own would be.
  const strongest = [...rcs].reverse().find((l) => text(l.rc.npmRegistryServer));
  const inForce = () => ({ url: strongest ? text(strongest.rc.npmRegistryServer)! : defaultRegistry, project: strongest?.project === true });
  return rcs.flatMap(({ from, rc, project }): ConfigLayer[] => {
    const { values, directed } = translate(rc, inForce, from);
    if (project || Object.keys(directed).length === 0) return [{ from, values: { ...values, ...directed }, project }];
    return [{ from, values, project }, { from: `${from} (for the registry set in ${strongest!.from})`, values: directed, project: true }];
  });
}

/** One `.yarnrc` line: a key and a value, each bare or double-quoted; `#` starts a comment. */
const CLASSIC_LINE = /^\s*("(?:[^"\\]|\\.)*"|[^\s"#]+)\s+("(?:[^"\\]|\\.)*"|[^\s#]+)\s*(?:#.*)?$/;

function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    // An unterminated quote or an escape JSON does not know (`"http:`, `"\x"`): the text as written.
    return text.replace(/^"|"$/g, '');
  }
}

/** Yarn 1's `.yarnrc` files for a project, weakest first, already in npm's keys. */
export async function readYarnClassicLayers(projectDir: string, trust: ConfigTrust, home = homedir()): Promise<ConfigLayer[]> {
  const layers: ConfigLayer[] = [];
  for (const folder of rcFolders(projectDir, home)) {
    const path = join(folder, CLASSIC_FILE);
    const text = await readOptionalInput(path, projectDir);
    if (text === undefined) continue;
    const values: Record<string, unknown> = {};
    const env = trust.envFor(path);
    for (const line of text.split(/\r?\n/)) {
      const match = CLASSIC_LINE.exec(line);
      if (!match) continue;
      const key = unquote(match[1]!);
      const value = interpolate(unquote(match[2]!), env, key);
      values[key] = value === 'true' ? true : value === 'false' ? false : value;
    }
    layers.push({ from: path, values, project: trust.fromProject(path) });
  }
  return layers;
}
