/**
 * Acceptance: `sovscan scan express@4` and `sovscan scan @angular/core@latest` list the (name, version)
 * pairs npm's lockfile lists for the same spec, both resolved against the same recorded registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/resolve/index.js';
import type { RegistryServer } from '../../enrich/registry-server.js';
import { npmPairs, startReplay } from './replay.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startReplay();
});
afterAll(() => server.close());

describe('registry resolution of a package spec', () => {
  it.each(['express@4', '@angular/core@latest'])('%s gives the set npm gives', async (spec) => {
    const expected = await npmPairs(spec, server.url);
    const { graph, issues } = await resolveTarget(spec, { registry: server.url });
    expect(issues).toEqual([]);
    const actual = [...graph.nodes.values()].map((n) => `${n.name}@${n.version}`).sort();
    expect(actual).toEqual(expected);
    expect(graph.lockfile).toBeUndefined();
    expect(graph.resolution).toMatchObject({ kind: 'registry', registry: server.url });
  }, 60_000);
});
