/**
 * A lockfile names packages that the registry must never be asked for: `@evil/../../kitx` made the URL
 * `/kitx/…`, and the package was described with kitx's document. Names are checked with npm's rules and
 * versions must be semver before any URL is built.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadNameCheck } from '../../src/enrich/package-name.js';
import { enrichProject, isolated, projectWith, versionDoc } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry();
  // Whatever it is asked for, this registry answers with kitx's document.
  server.fallback = () => ({ kind: 'json', body: versionDoc('kitx', '1.0.0', { license: 'KITX' }) });
});
afterEach(async () => {
  await server.close();
});

describe.each<[string, string, string]>([
  ['@evil/../../kitx', '1.0.0', 'name can only contain URL-friendly characters'],
  ['@evil/kitx%2f..', '1.0.0', 'name can only contain URL-friendly characters'],
  ['..', '1.0.0', 'name cannot start with a period'],
  ['kit\u0007x', '1.0.0', 'name can only contain URL-friendly characters'],
  ['kit\nx', '1.0.0', 'name can only contain URL-friendly characters'],
  ['kitx', '..', 'not a semver version'],
  ['kitx', '1.0.0/../../other', 'not a semver version'],
])('%j at %j in a lockfile', (name, version, why) => {
  it('is never fetched: unknown, with an issue that says the name is invalid', async () => {
    const dir = projectWith([['decoy', version]], { decoy: { name } });
    const result = await enrichProject(dir, isolated(server.url));
    const node = [...result.graph.nodes.values()].find((n) => n.name === name)!;
    expect(node).toBeDefined();
    expect(result.facts.has(node.id)).toBe(false);
    expect(result.complete).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'E_PACKAGE_NAME', package: node.id, message: expect.stringContaining(why) })]);
    expect(server.requests.filter((r) => !r.path.startsWith('/-/npm/v1/keys'))).toEqual([]);
  });
});

it.each(['kitx', '@scope/kitx', 'Kitx', 'kitx.js', 'kit-x_y'])('%s, a valid npm name, is fetched', async (name) => {
  const check = await loadNameCheck();
  expect(check({ name, version: '1.0.0' })).toBeUndefined();
  const result = await enrichProject(projectWith([[name, '1.0.0']]), isolated(server.url));
  expect(result.issues).toEqual([]);
});
