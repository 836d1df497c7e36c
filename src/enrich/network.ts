/**
 * How requests reach a registry, read from the same settings as npm's (see npm docs: config `proxy`,
 * `https-proxy`, `noproxy`, `ca`, `cafile`, `strict-ssl`): a proxy from `https-proxy`, else `proxy`,
 * else the `https_proxy` / `http_proxy` / `proxy` environment variables (any case); hosts under a
 * `noproxy` (or `NO_PROXY`) entry go direct; `ca` / `cafile` replace the trusted roots, as in npm, and
 * `strict-ssl=false` stops checking certificates.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { SovscanError } from '../errors.js';

export interface NetworkConfig {
  /** `https-proxy`, else `proxy`, from the npm configuration (may carry credentials: never printed). */
  proxy?: string;
  /** The proxy environment variables, by lower-cased name. */
  proxyEnv: { https_proxy?: string; http_proxy?: string; proxy?: string };
  /** Host suffixes that bypass the proxy. */
  noProxy: string[];
  strictSsl: boolean;
  /** PEM certificates that replace the default trusted roots. */
  ca?: string[];
}

/** A setting and the file (or environment) it came from, for error messages. */
export type Setting = { value: unknown; from: string } | undefined;

const END_CERTIFICATE = '-----END CERTIFICATE-----';

export function readNetworkConfig(setting: (key: string) => Setting, env: NodeJS.ProcessEnv): NetworkConfig {
  const proxyEnv: NetworkConfig['proxyEnv'] = {};
  for (const [key, value] of Object.entries(env)) {
    const name = key.toLowerCase();
    if (value && (name === 'https_proxy' || name === 'http_proxy' || name === 'proxy')) proxyEnv[name] = value;
  }
  const proxy = proxySetting(setting('https-proxy')) ?? proxySetting(setting('proxy'));
  const noProxySetting = setting('noproxy');
  const noProxyText = listOf(noProxySetting?.value).join(',') || (Object.entries(env).find(([key]) => key.toLowerCase() === 'no_proxy')?.[1] ?? '');
  const strict = setting('strict-ssl');
  return {
    proxy,
    proxyEnv,
    noProxy: noProxyText
      .split(',')
      .map(noProxyEntry)
      .filter(Boolean),
    strictSsl: strict === undefined ? true : booleanOf(strict),
    ca: caOf(setting('cafile'), setting('ca')),
  };
}

/** The proxy URL for a request to `url`, as npm chooses it; undefined to go direct. */
export function proxyFor(network: NetworkConfig, url: string | URL): string | undefined {
  const target = typeof url === 'string' ? new URL(url) : url;
  const proxy = network.proxy ?? (target.protocol === 'https:' ? network.proxyEnv.https_proxy : (network.proxyEnv.https_proxy ?? network.proxyEnv.http_proxy ?? network.proxyEnv.proxy));
  if (!proxy || bypasses(network.noProxy, target.hostname)) return undefined;
  return proxy;
}

/** `.example.test`, `*.example.test` and `example.test:8080` all name `example.test`; `[::1]` names `::1`. */
function noProxyEntry(text: string): string {
  const entry = text.trim().toLowerCase().replace(/^\*?\./, '');
  if (entry.startsWith('[')) return entry.slice(1, entry.indexOf(']'));
  return entry.split(':').length === 2 ? entry.slice(0, entry.indexOf(':')) : entry;
}

/** `example.test` covers `example.test` and every name under it; `*` covers everything. */
function bypasses(noProxy: readonly string[], hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((entry) => entry === '*' || host === entry || host.endsWith(`.${entry}`));
}

function proxySetting(setting: Setting): string | undefined {
  if (setting === undefined || setting.value === false || setting.value === null || setting.value === '' || setting.value === 'false' || setting.value === 'null') return undefined;
  const value = String(setting.value);
  let url: URL | undefined;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) url = new URL(value);
  } catch {
    // reported below
  }
  if (!url) throw new SovscanError('E_USAGE', `The proxy set in ${setting.from} is not a URL. Write it as http://host:port (or remove it)`, { file: setting.from });
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SovscanError('E_USAGE', `The proxy set in ${setting.from} uses ${url.protocol.slice(0, -1)}, which sovscan does not support. Use an HTTP or HTTPS proxy`, { file: setting.from });
  }
  return value;
}

function booleanOf(setting: NonNullable<Setting>): boolean {
  if (typeof setting.value === 'boolean') return setting.value;
  const text = String(setting.value).trim().toLowerCase();
  if (text === 'true' || text === '') return true;
  if (text === 'false') return false;
  throw new SovscanError('E_USAGE', `strict-ssl in ${setting.from} is "${text.slice(0, 40)}"; it must be true or false`, { file: setting.from });
}

function listOf(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * `cafile` (read and split into certificates; a relative path is taken from the working directory, as
 * npm does), else `ca` (one PEM or `ca[]`, with `\n` for newlines).
 */
function caOf(cafile: Setting, ca: Setting): string[] | undefined {
  if (cafile && cafile.value && cafile.value !== 'null') {
    const path = String(cafile.value).replace(/^~(?=$|[/\\])/, homedir());
    let text: string;
    try {
      text = readFileSync(resolve(path), 'utf8');
    } catch (error) {
      // As npm: a cafile that does not exist is ignored, and the default roots are trusted.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return caOf(undefined, ca);
      throw new SovscanError('E_USAGE', `cafile in ${cafile.from} names ${path}, which cannot be read (${code}). Fix the path or remove the setting`, { file: cafile.from, cause: error });
    }
    return certificates(text, `cafile ${path} (set in ${cafile.from})`);
  }
  const values = listOf(ca?.value).filter((v) => v !== 'null');
  if (!ca || values.length === 0) return undefined;
  return values.flatMap((v) => certificates(v.replace(/\\n/g, '\n'), `ca in ${ca.from}`));
}

function certificates(text: string, where: string): string[] {
  const found = text
    .replace(/\r\n/g, '\n')
    .split(END_CERTIFICATE)
    .map((part) => part.slice(part.indexOf('-----BEGIN CERTIFICATE-----')))
    .filter((part) => part.startsWith('-----BEGIN CERTIFICATE-----'))
    .map((part) => `${part}${END_CERTIFICATE}\n`);
  if (found.length === 0) throw new SovscanError('E_USAGE', `${where} holds no PEM certificate (-----BEGIN CERTIFICATE-----). Point it at a PEM file of CA certificates`);
  return found;
}
