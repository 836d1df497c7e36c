/**
 * A yarn 2+ project's registries, tokens, proxy and certificates come from `.yarnrc.yml` (and `YARN_*`),
 * as yarn reads them, not from `.npmrc`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proxyFor } from '../../src/enrich/network.js';
import { authorizationFor, loadRegistryConfig, registryFor } from '../../src/enrich/registry-config.js';
import { FIXTURES, runCli, tempDir } from '../helpers.js';
import { versionDoc } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const TOKEN = 'yarn_SECRETtoken0123456789';
const bearer = `Bearer ${TOKEN}`;

/** A home and a project two folders below a parent, each with the given `.yarnrc.yml` text (if any). */
function layout(rc: { home?: string; parent?: string; project?: string; npmrc?: string }) {
  const home = tempDir();
  const parent = tempDir();
  const project = join(parent, 'repo');
  mkdirSync(project);
  if (rc.home) writeFileSync(join(home, '.yarnrc.yml'), rc.home);
  if (rc.parent) writeFileSync(join(parent, '.yarnrc.yml'), rc.parent);
  if (rc.project) writeFileSync(join(project, '.yarnrc.yml'), rc.project);
  if (rc.npmrc) writeFileSync(join(project, '.npmrc'), rc.npmrc);
  return { home, project };
}

/** The hosts and variables these projects' own files use, allowed as a user who trusts them would. */
const TRUSTED = { allowedRegistries: ['corp.test', 'https://one.test/', 'two.test', 'http://proxy.test:3128'], allowEnv: ['CORP_TOKEN', 'MISSING'] };

const load = (rc: Parameters<typeof layout>[0], env: NodeJS.ProcessEnv = {}, trust: { allowedRegistries?: string[]; allowEnv?: string[] } = TRUSTED) => {
  const { home, project } = layout(rc);
  return loadRegistryConfig({ projectDir: project, lockfileFormat: 'yarn-berry', home, env, userConfig: '/nonexistent/npmrc', globalConfig: '/nonexistent/npmrc', ...trust });
};

describe('.yarnrc.yml, as yarn reads it', () => {
  it.each<[string, Parameters<typeof layout>[0], NodeJS.ProcessEnv, Record<string, string>]>([
    ['npmRegistryServer', { project: 'npmRegistryServer: "https://yarn.corp.test/npm"\n' }, {}, { plain: 'https://yarn.corp.test/npm/' }],
    ['the project over its parent over home', { home: 'npmRegistryServer: https://home.test\n', parent: 'npmRegistryServer: https://parent.test\n', project: 'npmScopes:\n  x:\n    npmRegistryServer: https://x.test\n' }, {}, { plain: 'https://parent.test/', '@x/a': 'https://x.test/' }],
    ['YARN_NPM_REGISTRY_SERVER over every file', { project: 'npmRegistryServer: https://file.test\n' }, { YARN_NPM_REGISTRY_SERVER: 'https://env.test' }, { plain: 'https://env.test/' }],
    ['scopes, with or without the @', { project: 'npmScopes:\n  corp:\n    npmRegistryServer: https://corp.test/\n  "@other":\n    npmRegistryServer: https://other.test/\n' }, {}, { '@corp/a': 'https://corp.test/', '@other/b': 'https://other.test/', '@third/c': 'DEFAULT' }],
    ['.npmrc is not read for a yarn project', { npmrc: 'registry=https://npmrc.test/\n' }, {}, { plain: 'DEFAULT' }],
  ])('%s', async (_name, rc, env, expected) => {
    const config = await load(rc, env);
    for (const [name, registry] of Object.entries(expected)) {
      const wanted = registry === 'DEFAULT' ? (await loadRegistryConfig({ env: {}, userConfig: '/nonexistent/npmrc', globalConfig: '/nonexistent/npmrc' })).registry : registry;
      expect(registryFor(config, name === 'plain' ? 'lodash' : name)).toBe(wanted);
    }
  });

  it.each<[string, Parameters<typeof layout>[0], NodeJS.ProcessEnv, [string, string | undefined][]]>([
    ['a top-level token goes to npmRegistryServer only', { project: `npmRegistryServer: https://corp.test/npm\nnpmAuthToken: ${TOKEN}\n` }, {}, [['https://corp.test/npm/a/1.0.0', bearer], ['https://elsewhere.test/a/1.0.0', undefined]]],
    ['a top-level token follows a registry set in a closer file', { parent: `npmAuthToken: ${TOKEN}\n`, project: 'npmRegistryServer: https://corp.test\n' }, {}, [['https://corp.test/a/1.0.0', bearer]]],
    ['a scope token goes to the scope registry', { project: `npmScopes:\n  corp:\n    npmRegistryServer: https://corp.test\n    npmAuthToken: "\${CORP_TOKEN}"\n` }, { CORP_TOKEN: TOKEN }, [['https://corp.test/@corp%2fa/1.0.0', bearer], ['https://other.test/x', undefined]]],
    ['npmRegistries by //host or by URL', { project: `npmRegistries:\n  //one.test/repo:\n    npmAuthToken: ${TOKEN}\n  "https://two.test":\n    npmAuthIdent: "alice:pw"\n` }, {}, [['https://one.test/repo/a/1.0.0', bearer], ['https://one.test/other/a', undefined], ['https://two.test/a/1.0.0', `Basic ${Buffer.from('alice:pw').toString('base64')}`]]],
    ['${NAME:-fallback} when NAME is unset or empty', { project: 'npmRegistryServer: https://corp.test\nnpmAuthToken: "${MISSING:-fallback-token}"\n' }, { MISSING: '' }, [['https://corp.test/a', 'Bearer fallback-token']]],
    ['YARN_NPM_AUTH_TOKEN', { project: 'npmRegistryServer: https://corp.test\n' }, { YARN_NPM_AUTH_TOKEN: TOKEN }, [['https://corp.test/a', bearer]]],
  ])('%s', async (_name, rc, env, expected) => {
    const config = await load(rc, env);
    for (const [url, header] of expected) expect(authorizationFor(config, url)).toBe(header);
    expect(JSON.stringify(config)).not.toContain(TOKEN);
  });

  it('reads the proxy and certificates from yarn settings, and not HTTPS_PROXY, which yarn ignores', async () => {
    const cafile = join(FIXTURES, 'tls', 'ca.pem');
    const config = await load({ project: `httpsProxy: http://proxy.test:3128\ncaFilePath: ${cafile}\n`, home: 'enableStrictSsl: false\n' }, { HTTPS_PROXY: 'http://env.test:1' });
    expect(proxyFor(config.network, 'https://r.test/a')).toBe('http://proxy.test:3128');
    expect(config.network.ca).toHaveLength(1);
    expect(config.network.strictSsl).toBe(false);
    const plain = await load({}, { HTTPS_PROXY: 'http://env.test:1' });
    expect(proxyFor(plain.network, 'https://r.test/a')).toBeUndefined();
  });

  it.each([
    ['an npmRegistries key that is not a URL', 'npmRegistries:\n  "not a url":\n    npmAuthToken: x\n', /npmRegistries in .*repo\/\.yarnrc\.yml has the key "not a url", which is not a registry URL/],
    ['an npmRegistryServer that is not a URL', `npmRegistryServer: "corp registry"\nnpmAuthToken: ${TOKEN}\n`, /registry "corp registry" \(set in .*repo\/\.yarnrc\.yml\) is not an http\(s\) URL/],
  ])('refuses %s, naming the file', async (_name, project, message) => {
    await expect(load({ project })).rejects.toThrow(message);
  });

  it('refuses a .yarnrc.yml that is not YAML, naming it', async () => {
    await expect(load({ project: 'npmRegistryServer: [unclosed\n' })).rejects.toThrow(/Cannot parse .*repo\/\.yarnrc\.yml line \d+ column \d+: .*Fix the file \(yarn cannot read it either\)/);
  });
});

describe('.yarnrc beside .npmrc, as yarn 1 reads them', () => {
  const loadClassic = (files: { home?: string; project?: string; npmrc?: string }, env: NodeJS.ProcessEnv = {}, lockfileFormat: 'yarn-classic' | 'npm' = 'yarn-classic') => {
    const home = tempDir();
    const project = tempDir();
    if (files.home) writeFileSync(join(home, '.yarnrc'), files.home);
    if (files.project) writeFileSync(join(project, '.yarnrc'), files.project);
    if (files.npmrc) writeFileSync(join(project, '.npmrc'), files.npmrc);
    return loadRegistryConfig({ projectDir: project, lockfileFormat, home, env, userConfig: '/nonexistent/npmrc', globalConfig: '/nonexistent/npmrc', allowedRegistries: ['corp.test', 'yarn-proxy.test:3128', 'npm-proxy.test:8080'], allowEnv: ['CORP_TOKEN'] });
  };

  it('takes the registry `yarn config set` wrote to ~/.yarnrc', async () => {
    const config = await loadClassic({ home: '# yarn lockfile v1\n\n\nlastUpdateCheck 1700000000000\nregistry "https://yarn1.corp.test/npm/"\n' });
    expect(registryFor(config, 'lodash')).toBe('https://yarn1.corp.test/npm/');
  });

  it("asks npm's settings first for registries, and yarn's own for a scope npm does not name", async () => {
    const config = await loadClassic({ project: 'registry "https://yarn.test/"\n"@corp:registry" "https://corp.test/"\n', npmrc: 'registry=https://npm.test/\n' });
    expect(registryFor(config, 'lodash')).toBe('https://npm.test/');
    expect(registryFor(config, '@corp/lib')).toBe('https://corp.test/');
  });

  it("asks yarn's own settings first for the network", async () => {
    const config = await loadClassic({ home: 'strict-ssl false\n', project: 'https-proxy "http://yarn-proxy.test:3128"\n', npmrc: 'https-proxy=http://npm-proxy.test:8080\n' });
    expect(config.network.strictSsl).toBe(false);
    expect(proxyFor(config.network, 'https://r.test/a')).toBe('http://yarn-proxy.test:3128');
  });

  it('sends a token from .yarnrc to its own host only', async () => {
    const config = await loadClassic({ project: '"//corp.test/:_authToken" "${CORP_TOKEN}"\n"@corp:registry" https://corp.test/\n' }, { CORP_TOKEN: TOKEN });
    expect(authorizationFor(config, 'https://corp.test/@corp%2flib/1.0.0')).toBe(bearer);
    expect(authorizationFor(config, 'https://other.test/x')).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain(TOKEN);
  });

  it('is not read for an npm project', async () => {
    const config = await loadClassic({ project: 'registry "https://yarn.test/"\n' }, {}, 'npm');
    expect(registryFor(config, 'lodash')).not.toBe('https://yarn.test/');
  });
});

describe('a yarn 2+ project scanned against loopback registries', () => {
  let corp: RegistryServer | undefined;
  let other: RegistryServer | undefined;
  afterEach(async () => {
    await corp?.close();
    await other?.close();
  });

  it('asks the registries of its .yarnrc.yml, with the token for its scope only, and prints no token', async () => {
    corp = await startRegistry({ '/@corp/lib/1.0.0': { kind: 'json', body: versionDoc('@corp/lib', '1.0.0', { license: 'MIT' }) } });
    other = await startRegistry({ '/public-lib/2.0.0': { kind: 'json', body: versionDoc('public-lib', '2.0.0', { license: 'ISC' }) } });
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { '@corp/lib': '^1.0.0', 'public-lib': '^2.0.0' } }));
    const entry = (name: string, version: string) => `"${name}@npm:^${version}":\n  version: ${version}\n  resolution: "${name}@npm:${version}"\n  checksum: 10c0/00\n  languageName: node\n  linkType: hard\n`;
    const root = '"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n    "@corp/lib": "npm:^1.0.0"\n    public-lib: "npm:^2.0.0"\n  languageName: unknown\n  linkType: soft\n';
    writeFileSync(join(dir, 'yarn.lock'), `__metadata:\n  version: 8\n  cacheKey: 10c0\n\n${entry('@corp/lib', '1.0.0')}\n${root}\n${entry('public-lib', '2.0.0')}`);
    writeFileSync(join(dir, '.yarnrc.yml'), `npmRegistryServer: "${other.url}"\nnpmScopes:\n  corp:\n    npmRegistryServer: "${corp.url}"\n    npmAuthToken: "\${CORP_TOKEN}"\n`);
    writeFileSync(join(dir, '.npmrc'), 'registry=http://127.0.0.1:9/\n');
    const home = tempDir();
    const sbom = join(dir, 'out.cdx.json');
    const run = await runCli(['scan', dir, '-o', sbom, '--cache-dir', join(home, 'cache'), '--allow-env', 'CORP_TOKEN', '--allowed-registries', corp.url], { env: { PATH: process.env.PATH, HOME: home, CORP_TOKEN: TOKEN, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(corp.requests.filter((r) => r.path === '/@corp/lib/1.0.0').map((r) => r.headers.authorization)).toEqual([bearer]);
    expect(other.requests.filter((r) => r.path === '/public-lib/2.0.0')).toHaveLength(1);
    expect(other.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    const document = readFileSync(sbom, 'utf8');
    expect(document).toContain('"aggregate": "complete"');
    for (const output of [run.stdout, run.stderr, document]) expect(output).not.toContain(TOKEN);
  });
});
