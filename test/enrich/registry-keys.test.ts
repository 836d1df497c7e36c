/**
 * A malformed key in the registry's keys endpoint stopped the run with an uncaught error (exit 1). It is
 * skipped with an issue; signatures that need it are unknown, the run finishes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseRegistryKeys } from '../../src/enrich/provenance/trust.js';
import { SHARED_FIXTURES } from '../helpers.js';
import { enrichProject, isolated, projectWith } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

const packument = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', 'has-package-exports.json'), 'utf8')) as { versions: Record<string, Record<string, unknown>> };
const signed = packument.versions['1.3.0']!;
const keyid = (signed.dist as { signatures: { keyid: string }[] }).signatures[0]!.keyid;

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry({ '/has-package-exports/1.3.0': { kind: 'json', body: signed } });
});
afterEach(async () => {
  await server.close();
});

it.each<[string, unknown]>([
  ['base64 that is not a key', 'bm90IGEga2V5'],
  ['not base64 at all', '%%%'],
  ['an empty key', ''],
])('a served key that is %s: skipped with an issue, the signature it made is unknown, the run finishes', async (_name, key) => {
  server.routes.set('/-/npm/v1/keys', { kind: 'json', body: { keys: [{ keyid, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key, expires: null }] } });
  const result = await enrichProject(projectWith([['has-package-exports', '1.3.0']]), isolated(server.url));
  const facts = result.facts.get('pkg:npm/has-package-exports@1.3.0');
  expect(facts?.provenance.signature).toBe('unknown');
  expect(result.complete).toBe(true);
  expect(result.issues).toEqual([expect.objectContaining({ code: 'W_REGISTRY_KEY', message: expect.stringContaining(keyid) })]);
  expect(result.issues[0]!.message).toContain(`${server.url}-/npm/v1/keys`);
});

it('keeps the good keys of a document that also holds a malformed one, in either shape', () => {
  const bundled = JSON.parse(readFileSync(join('data', 'trust', 'npm-registry-keys.json'), 'utf8')) as { keys: Record<string, unknown>[] };
  const skipped: string[] = [];
  const keys = parseRegistryKeys({ keys: [...bundled.keys, { keyId: 'SHA256:broken', keyUsage: 'npm:signatures', publicKey: { rawBytes: 'AAAA' } }, { keyid: 'SHA256:broken2', key: 'AAAA' }] }, (id) => skipped.push(id));
  expect(skipped).toEqual(['SHA256:broken', 'SHA256:broken2']);
  expect(keys.map((k) => k.keyid)).toEqual(parseRegistryKeys(bundled).map((k) => k.keyid));
  expect(keys.length).toBeGreaterThan(0);
});
