/**
 * Acceptance: an auth token from .npmrc is sent to its own registry only and never appears in logs,
 * errors, SBOMs or reports; a committed .npmrc sends no secret to a host of its choosing, through no proxy
 * of its choosing. Runs the built CLI against loopback registries, one of them playing the attacker.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startProxy } from './proxy-server.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const TOKEN = 'npm_SECRETtoken0123456789abcdef';
let corp: RegistryServer;
let other: RegistryServer;

beforeEach(async () => {
  corp = await startRegistry({ '/@corp/lib/1.0.0': { kind: 'json', body: versionDoc('@corp/lib', '1.0.0', { homepage: `https://corp.example.test/?t=placeholder` }) } });
  other = await startRegistry({ '/public-lib/2.0.0': { kind: 'json', body: versionDoc('public-lib', '2.0.0') } });
  // a failing package on the token's registry, so that its error paths print the URL
  corp.routes.set('/@corp/broken/1.0.0', { kind: 'status', status: 500 });
});
afterEach(async () => {
  await corp.close();
  await other.close();
});

describe('auth tokens', () => {
  it('go to their own registry only and appear in no output', async () => {
    const dir = projectWith([['@corp/lib', '1.0.0'], ['@corp/broken', '1.0.0'], ['public-lib', '2.0.0']]);
    writeFileSync(join(dir, '.npmrc'), `registry=${other.url}\n@corp:registry=${corp.url}\n//${corp.host}/:_authToken=\${CORP_NPM_TOKEN}\n`);
    const sbom = join(dir, 'out.cdx.json');
    const home = tempDir();
    const result = await runCli(['scan', dir, '-o', sbom, '--cache-dir', join(home, 'cache'), '--allow-env', 'CORP_NPM_TOKEN', '--allowed-registries', corp.url], {
      env: { PATH: process.env.PATH, HOME: home, CORP_NPM_TOKEN: TOKEN, NO_COLOR: '1', npm_config_globalconfig: join(home, 'none') },
    });
    expect(result.code).toBe(0);
    const corpAuth = corp.requests.filter((r) => r.path.includes('@corp')).map((r) => r.headers.authorization);
    expect(corpAuth.length).toBeGreaterThanOrEqual(2);
    expect(new Set(corpAuth)).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(other.requests.length).toBeGreaterThan(0);
    expect(other.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(result.stderr).toMatch(/@corp\/broken@1\.0\.0: HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/@corp%2fbroken\/1\.0\.0/);
    expect(readFileSync(sbom, 'utf8')).toContain('https://corp.example.test/?t=placeholder');
    for (const output of [result.stdout, result.stderr, readFileSync(sbom, 'utf8')]) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain('SECRETtoken');
    }
  });
});

describe('a committed .npmrc that plays the attacker', () => {
  it('gets no secret to its own registry, and its proxy is not used', async () => {
    const evil = await startRegistry({ '/@evil/x/1.0.0': { kind: 'json', body: versionDoc('@evil/x', '1.0.0') } });
    const proxy = await startProxy();
    try {
      const dir = projectWith([['@evil/x', '1.0.0'], ['@corp/lib', '1.0.0']]);
      const refs = '${CORP_NPM_TOKEN}|${GITHUB_TOKEN}|${NODE_AUTH_TOKEN}';
      writeFileSync(join(dir, '.npmrc'), `@evil:registry=${evil.url}\n//${evil.host}/:_authToken=${refs}\n//${evil.host}/:_auth=${refs}\nproxy=${proxy.url}\nhttps-proxy=${proxy.url}\nstrict-ssl=false\n`);
      const home = tempDir();
      // The user's own configuration: the corp registry and its token.
      writeFileSync(join(home, '.npmrc'), `@corp:registry=${corp.url}\n//${corp.host}/:_authToken=\${CORP_NPM_TOKEN}\n`);
      const secrets = { CORP_NPM_TOKEN: TOKEN, GITHUB_TOKEN: 'ghs_SECRETgithub', NODE_AUTH_TOKEN: 'npm_SECRETnodeauth' };
      const result = await runCli(['scan', dir, '-o', join(dir, 'out.cdx.json'), '--cache-dir', join(home, 'cache')], {
        env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', npm_config_globalconfig: join(home, 'none'), ...secrets },
      });
      expect(result.code).toBe(0);
      // Public metadata still comes from the scope's registry, as npm would fetch it, without credentials.
      expect(evil.requests.map((r) => r.path)).toContain('/@evil/x/1.0.0');
      for (const request of evil.requests) {
        expect(request.headers.authorization).toBeUndefined();
        for (const value of Object.values(secrets)) expect(JSON.stringify(request.headers)).not.toContain(value);
      }
      expect(proxy.requests).toEqual([]);
      // The user's own token still reaches the user's own registry.
      expect(corp.requests.find((r) => r.path === '/@corp/lib/1.0.0')?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      for (const warning of [/reads the environment variable GITHUB_TOKEN/, /reads the environment variable CORP_NPM_TOKEN/, /sets a token for 127\.0\.0\.1:\d+, a host that your own configuration does not name: not sent/, /proxy in .*\.npmrc names a proxy \(127\.0\.0\.1:\d+\) that your own configuration does not: ignored/, /strict-ssl is off in .*\.npmrc: ignored/]) {
        expect(result.stderr).toMatch(warning);
      }
      for (const value of Object.values(secrets)) expect(result.stdout + result.stderr).not.toContain(value);
    } finally {
      await evil.close();
      await proxy.close();
    }
  });
});

describe('a registry that redirects', () => {
  it.each([301, 302, 307, 308])('with %i to another origin: not followed, the token goes nowhere else, the package is unknown', async (status) => {
    const elsewhere = await startRegistry({ '/lib/1.0.0': { kind: 'json', body: versionDoc('lib', '1.0.0') } });
    try {
      corp.routes.set('/lib/1.0.0', { kind: 'status', status, headers: { location: `${elsewhere.url}/lib/1.0.0` } });
      corp.routes.set('/lib', { kind: 'status', status, headers: { location: `${elsewhere.url}/lib` } });
      const dir = projectWith([['lib', '1.0.0']]);
      const { facts, issues } = await enrichProject(dir, isolated(corp.url, { env: { npm_config_userconfig: '/nonexistent/.npmrc', [`npm_config_//${corp.host}/:_authToken`]: TOKEN } }));
      expect(corp.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(elsewhere.requests).toEqual([]);
      expect(facts.size).toBe(0);
      expect(issues.map((i) => i.code)).toEqual(['E_REGISTRY_HTTP']);
    } finally {
      await elsewhere.close();
    }
  });
});
