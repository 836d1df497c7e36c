/**
 * Evidence in time end to end: a scan through a loopback registry serving real recorded documents, read
 * as `explain` shows it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderExplanation } from '../../src/emit/explain.js';
import { analyse } from '../../src/pipeline.js';
import { DEFAULTS } from '../../src/options.js';
import { tempDir } from '../helpers.js';
import { projectWith } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';
import { fixture } from './helpers.js';

let server: RegistryServer;
beforeEach(async () => {
  server = await startRegistry({
    '/ms/0.6.1': { kind: 'json', body: fixture('ms@0.6.1.json') },
    '/ms/latest': { kind: 'json', body: fixture('ms@latest.json') },
    '/nanoid/3.3.20': { kind: 'json', body: fixture('nanoid@3.3.20.json') },
    '/nanoid/latest': { kind: 'json', body: fixture('nanoid@latest.json') },
  });
});
afterEach(async () => {
  await server.close();
});

describe('a scan reads other versions where the resolved one leaves a question open', () => {
  it('explain shows the other version, and each claim from it says so', async () => {
    const scan = await analyse({ ...DEFAULTS, target: projectWith([['ms', '0.6.1'], ['nanoid', '3.3.20']]), registry: server.url, cacheDir: tempDir() });
    const node = (name: string) => [...scan.graph.nodes.values()].find((n) => n.name === name)!;
    const ms = renderExplanation(scan, node('ms'));
    expect(ms).toContain('another version: 2.1.3 names github.com/vercel/ms (this version names no repository, homepage or author)');
    expect(ms).toMatch(/vendor: US, medium \(0\.60\), from repo-owner: repository github\.com\/vercel \(from version 2\.1\.3\)/);
    const nanoid = renderExplanation(scan, node('nanoid'));
    expect(nanoid).toMatch(/maintainer: RU, weak \(0\.20\), from email-cctld: author e-mail domain sitnik\.ru \(under \.ru, open registration\) \(in version 3\.3\.20 only; the newest version 6\.0\.2 names another\)/);
    expect(nanoid).toMatch(/maintainer: ES, weak \(0\.40\), from email-cctld: author e-mail domain sitnik\.es \(under \.es, registration rule not recorded\) \(from the newest version 6\.0\.2\)/);
    // nanoid's people were read because attribution reads them; ms's because it names nothing.
    expect(server.requests.map((r) => r.path).filter((p) => p.endsWith('/latest')).sort()).toEqual(['/ms/latest', '/nanoid/latest']);
  });
});
