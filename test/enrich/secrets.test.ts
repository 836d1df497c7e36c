/**
 * Acceptance: an auth token from .npmrc is sent to its own registry only and never appears in logs,
 * errors, SBOMs or reports. Runs the built CLI against two loopback registries.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { projectWith, versionDoc } from './helpers.js';
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
    const result = await runCli(['scan', dir, '-o', sbom, '--cache-dir', join(home, 'cache')], {
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
