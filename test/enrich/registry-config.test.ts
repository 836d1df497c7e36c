import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/enrich/default-registry.js';
import { authorizationFor, loadRegistryConfig, registryFor, versionDocumentUrl } from '../../src/enrich/registry-config.js';
import type { SovscanError } from '../../src/errors.js';

const DEFAULT_REGISTRY = defaultRegistry()!;
import { tempDir } from '../helpers.js';

function npmrc(text: string): string {
  const file = join(tempDir(), 'npmrc');
  writeFileSync(file, text);
  return file;
}

const none = '/nonexistent/npmrc';

describe('registry configuration, as npm reads it', () => {
  it("defaults to npm's own registry", async () => {
    const config = await loadRegistryConfig({ env: {}, userConfig: none, globalConfig: none });
    expect(config.registry).toBe(DEFAULT_REGISTRY);
    expect(DEFAULT_REGISTRY).toMatch(/^https:\/\/.+\/$/);
  });

  it('layers global < user < project < environment < --registry', async () => {
    const project = tempDir();
    const globalConfig = npmrc('registry=https://global.example.test/\n@g:registry=https://g.example.test\n');
    const userConfig = npmrc('registry=https://user.example.test/\n@u:registry=https://u.example.test/\n');
    const base = { userConfig, globalConfig, env: {} };
    expect((await loadRegistryConfig(base)).registry).toBe('https://user.example.test/');
    writeFileSync(join(project, '.npmrc'), 'registry=https://project.example.test\n');
    expect((await loadRegistryConfig({ ...base, projectDir: project })).registry).toBe('https://project.example.test/');
    const withEnv = await loadRegistryConfig({ ...base, projectDir: project, env: { npm_config_registry: 'https://env.example.test/' } });
    expect(withEnv.registry).toBe('https://env.example.test/');
    expect((await loadRegistryConfig({ ...base, projectDir: project, env: { NPM_CONFIG_REGISTRY: 'https://env.example.test/' }, registry: 'https://cli.example.test' })).registry).toBe('https://cli.example.test/');
    expect(registryFor(withEnv, '@g/pkg')).toBe('https://g.example.test/');
    expect(registryFor(withEnv, '@U/pkg')).toBe('https://u.example.test/');
    expect(registryFor(withEnv, '@other/pkg')).toBe('https://env.example.test/');
    expect(registryFor(withEnv, 'plain')).toBe('https://env.example.test/');
  });

  it('sends a token only to the host and path it was configured for', async () => {
    const userConfig = npmrc(
      [
        '//npm.corp.example.test/api/npm/:_authToken=${CORP_TOKEN}',
        '//other.example.test/:_auth=dXNlcjpwYXNz',
        '//basic.example.test/:username=alice',
        '//basic.example.test/:_password=c2VjcmV0',
      ].join('\n'),
    );
    const config = await loadRegistryConfig({ userConfig, globalConfig: none, env: { CORP_TOKEN: 'tok-123' } });
    expect(authorizationFor(config, 'https://npm.corp.example.test/api/npm/@corp%2flib/1.0.0')).toBe('Bearer tok-123');
    expect(authorizationFor(config, 'https://npm.corp.example.test/other/path')).toBeUndefined();
    expect(authorizationFor(config, 'https://evil.example.test/api/npm/x')).toBeUndefined();
    expect(authorizationFor(config, 'https://other.example.test/x/1.0.0')).toBe('Basic dXNlcjpwYXNz');
    expect(authorizationFor(config, 'https://basic.example.test/x')).toBe(`Basic ${Buffer.from('alice:secret').toString('base64')}`);
    // Never in a printable form of the configuration.
    expect(JSON.stringify(config)).not.toContain('tok-123');
    expect(JSON.stringify(config)).not.toContain('dXNlcjpwYXNz');
  });

  it('moves user info out of a registry URL into a credential for that host', async () => {
    const config = await loadRegistryConfig({ userConfig: none, globalConfig: none, env: {}, registry: 'https://alice:s3cret@npm.corp.example.test/repo/' });
    expect(config.registry).toBe('https://npm.corp.example.test/repo/');
    expect(authorizationFor(config, 'https://npm.corp.example.test/repo/x/1.0.0')).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(JSON.stringify(config)).not.toContain('s3cret');
  });

  it.each<[string, Parameters<typeof loadRegistryConfig>[0], RegExp]>([
    ['--registry without a scheme', { registry: 'registry.corp.test' }, /^registry "registry\.corp\.test" \(set in --registry\) is not an http\(s\) URL/],
    ['a registry in .npmrc with another scheme', { userConfig: npmrc('registry=ftp://r.example.test/\n') }, /^registry "ftp:\/\/r\.example\.test\/" \(set in .*npmrc\) is not an http\(s\) URL/],
    ['a scope registry that is not a URL, its user info hidden', { userConfig: npmrc('@corp:registry=https://alice:s3cret@bad host/\n') }, /^@corp:registry "https:\/\/…@bad host\/" \(set in .*npmrc\)/],
    ['npm_config_registry', { env: { npm_config_registry: 'not a url' } }, /^registry "not a url" \(set in the npm_config_\* environment\)/],
  ])('refuses %s, naming where it was set', async (_name, sources, message) => {
    const error = await loadRegistryConfig({ env: {}, userConfig: none, globalConfig: none, ...sources }).catch((e: unknown) => e);
    expect((error as SovscanError).code).toBe('E_USAGE');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('s3cret');
  });

  it.each([
    ['https://r.example.test/', 'lodash', '4.18.1', 'https://r.example.test/lodash/4.18.1'],
    ['https://r.example.test', '@scope/name', '1.0.0', 'https://r.example.test/@scope%2fname/1.0.0'],
    ['https://r.example.test/npm/', 'x', '1.0.0-beta.1+build', 'https://r.example.test/npm/x/1.0.0-beta.1%2Bbuild'],
  ])('per-version document URL on %s for %s@%s', (registry, name, version, expected) => {
    expect(versionDocumentUrl(registry, name, version)).toBe(expected);
  });
});
