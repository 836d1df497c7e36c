/**
 * Proxies and certificates as npm reads them (`proxy`, `https-proxy`, `noproxy`, `ca`, `cafile`,
 * `strict-ssl` and the proxy environment variables), against a real proxy and a real HTTPS registry on
 * loopback (the registry's certificate is signed by the test CA in test/fixtures/tls).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proxyFor } from '../../src/enrich/network.js';
import { loadRegistryConfig } from '../../src/enrich/registry-config.js';
import { SovscanError } from '../../src/errors.js';
import { FIXTURES, runCli, tempDir } from '../helpers.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startProxy, type ProxyServer } from './proxy-server.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const TLS = join(FIXTURES, 'tls');
const CA_FILE = join(TLS, 'ca.pem');
const CA = readFileSync(CA_FILE, 'utf8');
const SERVER_TLS = { key: readFileSync(join(TLS, 'server.key'), 'utf8'), cert: readFileSync(join(TLS, 'server.pem'), 'utf8') };
const PASSWORD = 'pr0xy-SECRET-pass';
const CLIENT_CERT = join(TLS, 'client.pem');
const CLIENT_KEY = join(TLS, 'client.key');
/** A registry that only answers clients with a certificate from the test client CA. */
const MUTUAL_TLS = { ...SERVER_TLS, requestCert: true, rejectUnauthorized: true, ca: readFileSync(join(TLS, 'client-ca.pem'), 'utf8') };

function npmrc(text: string): string {
  const file = join(tempDir(), 'npmrc');
  writeFileSync(file, text);
  return file;
}

const none = '/nonexistent/npmrc';
const configWith = (text: string, env: NodeJS.ProcessEnv = {}) => loadRegistryConfig({ userConfig: npmrc(text), globalConfig: none, env, registry: 'https://r.example.test/' });

describe('which proxy a request goes through, as npm chooses it', () => {
  it.each<[string, string, NodeJS.ProcessEnv, string, string | undefined]>([
    ['nothing configured', '', {}, 'https://r.example.test/x', undefined],
    ['https-proxy', 'https-proxy=http://p1.test:3128\n', {}, 'https://r.example.test/x', 'http://p1.test:3128'],
    ['proxy, when https-proxy is not set', 'proxy=http://p2.test:8080\n', {}, 'https://r.example.test/x', 'http://p2.test:8080'],
    ['https-proxy over proxy', 'proxy=http://p2.test:8080\nhttps-proxy=http://p1.test:3128\n', {}, 'http://r.example.test/x', 'http://p1.test:3128'],
    ['the configuration over the environment', 'proxy=http://p2.test:8080\n', { HTTPS_PROXY: 'http://env.test:1' }, 'https://r.example.test/x', 'http://p2.test:8080'],
    ['HTTPS_PROXY for https', '', { HTTPS_PROXY: 'http://env.test:1', HTTP_PROXY: 'http://plain.test:2' }, 'https://r.example.test/x', 'http://env.test:1'],
    ['https_proxy (any case) for http too', '', { https_proxy: 'http://env.test:1', HTTP_PROXY: 'http://plain.test:2' }, 'http://r.example.test/x', 'http://env.test:1'],
    ['http_proxy for http only', '', { http_proxy: 'http://plain.test:2' }, 'http://r.example.test/x', 'http://plain.test:2'],
    ['http_proxy is not used for https', '', { http_proxy: 'http://plain.test:2' }, 'https://r.example.test/x', undefined],
    ['proxy=false falls back to the environment', 'proxy=false\n', { HTTPS_PROXY: 'http://env.test:1' }, 'https://r.example.test/x', 'http://env.test:1'],
    ['noproxy names the host', 'https-proxy=http://p1.test:3128\nnoproxy=r.example.test\n', {}, 'https://r.example.test/x', undefined],
    ['noproxy names a parent domain (with a leading dot)', 'https-proxy=http://p1.test:3128\nnoproxy=other.test, .example.test\n', {}, 'https://r.example.test/x', undefined],
    ['noproxy entries with a port or *.', 'https-proxy=http://p1.test:3128\nnoproxy=*.example.test:443\n', {}, 'https://r.example.test/x', undefined],
    ['noproxy does not match a longer name', 'https-proxy=http://p1.test:3128\nnoproxy=ample.test\n', {}, 'https://r.example.test/x', 'http://p1.test:3128'],
    ['NO_PROXY from the environment', '', { HTTPS_PROXY: 'http://env.test:1', NO_PROXY: 'localhost,example.test' }, 'https://r.example.test/x', undefined],
    ['NO_PROXY=* bypasses everything', '', { HTTPS_PROXY: 'http://env.test:1', no_proxy: '*' }, 'https://r.example.test/x', undefined],
    ['noproxy in the configuration over NO_PROXY', 'noproxy=elsewhere.test\n', { HTTPS_PROXY: 'http://env.test:1', NO_PROXY: 'example.test' }, 'https://r.example.test/x', 'http://env.test:1'],
    ['npm_config_https_proxy', '', { npm_config_https_proxy: 'http://npmenv.test:9' }, 'https://r.example.test/x', 'http://npmenv.test:9'],
  ])('%s', async (_name, text, env, url, expected) => {
    const config = await configWith(text, env);
    expect(proxyFor(config.network, url)).toBe(expected);
  });

  it('keeps a proxy password out of every printable form of the configuration', async () => {
    const config = await configWith(`https-proxy=http://alice:${PASSWORD}@p1.test:3128\n`);
    expect(proxyFor(config.network, 'https://r.example.test/x')).toContain(PASSWORD);
    expect(JSON.stringify(config)).not.toContain(PASSWORD);
  });

  it.each([
    ['a proxy that is not a URL', 'https-proxy=p1.test:3128\n', /The proxy set in .*npmrc is not a URL/],
    ['a SOCKS proxy', 'proxy=socks5://p1.test:1080\n', /uses socks5, which sovscan does not support/],
    ['strict-ssl that is not a boolean', 'strict-ssl=maybe\n', /strict-ssl in .*npmrc is "maybe"; it must be true or false/],
  ])('refuses %s, naming the file', async (_name, text, message) => {
    const error = await configWith(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SovscanError);
    expect((error as SovscanError).code).toBe('E_USAGE');
    expect((error as SovscanError).message).toMatch(message);
    expect((error as SovscanError).file).toMatch(/npmrc$/);
  });
});

describe('trusted roots and certificate checking', () => {
  it.each<[string, string, NodeJS.ProcessEnv, boolean, number | undefined]>([
    ['the defaults', '', {}, true, undefined],
    ['strict-ssl=false', 'strict-ssl=false\n', {}, false, undefined],
    ['npm_config_strict_ssl=false', '', { npm_config_strict_ssl: 'false' }, false, undefined],
    ['cafile', `cafile=${CA_FILE}\n`, {}, true, 1],
    ['a cafile that does not exist (ignored, as npm does)', 'cafile=/nonexistent/ca.pem\n', {}, true, undefined],
    ['ca inline, newlines written as \\n', `ca="${CA.trim().replace(/\n/g, '\\n')}"\n`, {}, true, 1],
    ['ca[] twice', `ca[]="${CA.trim().replace(/\n/g, '\\n')}"\nca[]="${CA.trim().replace(/\n/g, '\\n')}"\n`, {}, true, 2],
  ])('%s', async (_name, text, env, strictSsl, certificates) => {
    const { network } = await configWith(text, env);
    expect(network.strictSsl).toBe(strictSsl);
    expect(network.ca?.length).toBe(certificates);
    for (const pem of network.ca ?? []) expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  it('keeps client certificates for their registry, and out of every printable form', async () => {
    const config = await configWith(`//npm.corp.test/repo/:certfile=${CLIENT_CERT}\n//npm.corp.test/repo/:keyfile=${CLIENT_KEY}\n`);
    expect(config.clientCertificates.map((c) => c.prefix)).toEqual(['//npm.corp.test/repo/']);
    expect(JSON.stringify(config)).not.toContain('PRIVATE KEY');
  });

  it.each([
    ['a certfile without its keyfile', `//npm.corp.test/:certfile=${CLIENT_CERT}\n`, /\/\/npm\.corp\.test\/:certfile is set in .*npmrc without \/\/npm\.corp\.test\/:keyfile\. Set both, or neither/],
    ['a keyfile that cannot be read', `//npm.corp.test/:certfile=${CLIENT_CERT}\n//npm.corp.test/:keyfile=/nonexistent/client.key\n`, /The client key for \/\/npm\.corp\.test\/ \(set in .*npmrc\) cannot be read: ENOENT/],
  ])('refuses %s', async (_name, text, message) => {
    await expect(configWith(text)).rejects.toThrow(message);
  });

  it('refuses a cafile that holds no certificate, naming it', async () => {
    const notPem = join(tempDir(), 'ca.txt');
    writeFileSync(notPem, 'not a certificate\n');
    await expect(configWith(`cafile=${notPem}\n`)).rejects.toThrow(/cafile .*ca\.txt \(set in .*npmrc\) holds no PEM certificate/);
  });
});

describe('requests through a proxy and to an HTTPS registry, on loopback', () => {
  let registry: RegistryServer | undefined;
  let proxy: ProxyServer | undefined;
  afterEach(async () => {
    await registry?.close();
    await proxy?.close();
    registry = proxy = undefined;
  });

  const serve = async (tls?: boolean) => {
    registry = await startRegistry({ '/lib/1.0.0': { kind: 'json', body: versionDoc('lib', '1.0.0', { license: 'MIT' }) } }, tls ? { tls: SERVER_TLS } : {});
    return registry;
  };
  const enrichWith = (registryUrl: string, text: string, env: NodeJS.ProcessEnv = {}) => enrichProject(projectWith([['lib', '1.0.0']]), isolated(registryUrl, { userConfig: npmrc(text), env }));

  it('sends plain-HTTP requests through the proxy, with its credentials', async () => {
    const server = await serve();
    proxy = await startProxy({ credentials: `alice:${PASSWORD}` });
    const result = await enrichWith(server.url, `proxy=http://alice:${PASSWORD}@127.0.0.1:${proxy.port}\n`);
    expect(result.issues).toEqual([]);
    expect(result.facts.get('pkg:npm/lib@1.0.0')?.license).toBe('MIT');
    expect(proxy.requests.map((r) => `${r.method} ${r.target}`)).toContain(`GET ${server.url}lib/1.0.0`);
    expect(server.requests.map((r) => r.path)).toContain('/lib/1.0.0');
  });

  it('goes direct to a host under noproxy', async () => {
    const server = await serve();
    proxy = await startProxy();
    const result = await enrichWith(server.url, '', { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect(result.issues).toEqual([]);
    expect(proxy.requests).toEqual([]);
    expect(server.requests.map((r) => r.path)).toContain('/lib/1.0.0');
  });

  it.each<[string, (proxyUrl: string) => string, boolean]>([
    ['without the CA: the certificate is refused', () => '', false],
    ['with cafile', () => `cafile=${CA_FILE}\n`, true],
    ['with strict-ssl=false', () => 'strict-ssl=false\n', true],
    ['through a CONNECT tunnel, with cafile', (p) => `https-proxy=${p}\ncafile=${CA_FILE}\n`, true],
    ['through a CONNECT tunnel, without the CA', (p) => `https-proxy=${p}\n`, false],
  ])('an HTTPS registry %s', async (_name, text, described) => {
    const server = await serve(true);
    proxy = await startProxy();
    const result = await enrichWith(server.url, text(proxy.url));
    if (described) {
      expect(result.issues).toEqual([]);
      expect(result.facts.get('pkg:npm/lib@1.0.0')?.license).toBe('MIT');
    } else {
      expect(result.facts.has('pkg:npm/lib@1.0.0')).toBe(false);
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'E_REGISTRY_CERTIFICATE',
          message: expect.stringMatching(/lib@1\.0\.0: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY) while fetching https:\/\/127\.0\.0\.1:\d+\/lib\/1\.0\.0( through the proxy 127\.0\.0\.1:\d+)?: the registry's certificate is not trusted; set cafile in \.npmrc/),
        }),
      ]);
      // No retry can pass a certificate check: one handshake for the document, one for the registry's keys.
      expect(server.connections).toBeLessThanOrEqual(2);
    }
    const tunnelled = new Set(proxy.requests.filter((r) => r.method === 'CONNECT').map((r) => r.target));
    expect(tunnelled).toEqual(new Set(text(proxy.url).includes('https-proxy') ? [server.host] : []));
  });

  it.each<[string, (host: string) => string, RegExp | undefined]>([
    ['with its certfile and keyfile', (host) => `cafile=${CA_FILE}\n//${host}/:certfile=${CLIENT_CERT}\n//${host}/:keyfile=${CLIENT_KEY}\n`, undefined],
    ['without one: the registry refuses, and the message says what to set', () => `cafile=${CA_FILE}\n`, /lib@1\.0\.0: (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED while fetching https:.*: the registry refused sovscan's client certificate, or wants one: set \/\/127\.0\.0\.1:\d+\/:certfile and :keyfile in \.npmrc|(ECONNRESET|EPIPE) while fetching https:)/],
    ['with one configured for another host only', () => `cafile=${CA_FILE}\n//other.example.test/:certfile=${CLIENT_CERT}\n//other.example.test/:keyfile=${CLIENT_KEY}\n`, /lib@1\.0\.0: (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED|ECONNRESET|EPIPE) while fetching https:/],
  ])('an HTTPS registry that asks for a client certificate, %s', async (_name, text, refused) => {
    registry = await startRegistry({ '/lib/1.0.0': { kind: 'json', body: versionDoc('lib', '1.0.0', { license: 'MIT' }) } }, { tls: MUTUAL_TLS });
    const result = await enrichWith(registry.url, text(registry.host));
    if (!refused) {
      expect(result.issues).toEqual([]);
      expect(result.facts.get('pkg:npm/lib@1.0.0')?.license).toBe('MIT');
    } else {
      expect(result.facts.has('pkg:npm/lib@1.0.0')).toBe(false);
      expect(result.issues).toEqual([expect.objectContaining({ code: 'E_REGISTRY_NETWORK', message: expect.stringMatching(refused) })]);
    }
  });

  it('reaches an HTTPS registry through a proxy that is itself reached over TLS, both checked against cafile', async () => {
    const server = await serve(true);
    proxy = await startProxy({ tls: SERVER_TLS, credentials: `alice:${PASSWORD}` });
    const result = await enrichWith(server.url, `https-proxy=https://alice:${PASSWORD}@127.0.0.1:${proxy.port}\ncafile=${CA_FILE}\n`);
    expect(result.issues).toEqual([]);
    expect(result.facts.get('pkg:npm/lib@1.0.0')?.license).toBe('MIT');
    expect(proxy.requests.filter((r) => r.method === 'CONNECT').map((r) => r.target)).toContain(server.host);
  });

  it.each<[string, (p: ProxyServer) => string, RegExp]>([
    ['refuses the credentials (407)', (p) => `https-proxy=http://alice:wrong-${PASSWORD}@127.0.0.1:${p.port}\n`, /lib@1\.0\.0: HTTP 407 from http:\/\/127\.0\.0\.1:\d+\/lib\/1\.0\.0/],
    ['is not listening', () => `https-proxy=http://alice:${PASSWORD}@127.0.0.1:9\n`, /lib@1\.0\.0: ECONNREFUSED while fetching http:\/\/127\.0\.0\.1:\d+\/lib\/1\.0\.0 through the proxy 127\.0\.0\.1:9\b/],
  ])('a proxy that %s leaves the package unknown, and the run finishes without printing the password', async (_name, text, failure) => {
    const server = await serve();
    proxy = await startProxy({ credentials: `alice:${PASSWORD}` });
    const dir = projectWith([['lib', '1.0.0']]);
    const home = tempDir();
    // The user's own proxy: one that the scanned project names is not used (secrets.test.ts).
    writeFileSync(join(home, '.npmrc'), text(proxy));
    const sbom = join(dir, 'out.cdx.json');
    const run = await runCli(['scan', dir, '--registry', server.url, '-o', sbom, '--cache-dir', join(home, 'cache')], {
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', npm_config_globalconfig: join(home, 'none') },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(failure);
    const document = readFileSync(sbom, 'utf8');
    expect(document).toContain('"aggregate": "incomplete"');
    for (const output of [run.stdout, run.stderr, document]) expect(output).not.toContain(PASSWORD);
  });
});
