/** `--history`: changes since the previous publish, on real recorded packuments. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/enrich/facts.js';
import { compareWithPrevious } from '../../src/enrich/history.js';
import { SHARED_FIXTURES } from '../helpers.js';
import { enrichProject, isolated, projectWith } from './helpers.js';
import { startRegistry, type RegistryServer } from './registry-server.js';

type Packument = { versions: Record<string, Record<string, unknown>>; time: Record<string, string> };
const packument = (file: string) => JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as Packument;

/**
 * vite's recording with 8.0.0-beta.6 turned into a takeover-shaped publish (the 2026 axios incident's
 * shape): a token publish by a new account after trusted publishing, with a postinstall script.
 */
function hijackedVite(): Packument {
  const p = packument('vite.json');
  const v = p.versions['8.0.0-beta.6']!;
  p.versions['8.0.0-beta.6'] = { ...v, _npmUser: { name: 'newcomer', email: 'x@example.test' }, scripts: { postinstall: 'node setup.js' } };
  return p;
}

describe('changes since the previous publish (by publish time)', () => {
  it.each([
    { file: 'wrappy.json', version: '1.0.2', previous: '1.0.1', kinds: ['new-maintainer', 'first-time-publisher', 'publisher-not-maintainer'] },
    { file: 'core-js.json', version: '3.6.5', previous: '3.6.4', kinds: ['first-time-publisher', 'publisher-not-maintainer'] },
    // 7.3.1 was published after 8.0.0-beta.5: time order, not semver order
    { file: 'vite.json', version: '7.3.1', previous: '8.0.0-beta.5', kinds: [] },
    { file: 'create-vite.json', version: '7.1.2', previous: '7.1.1', kinds: [] },
    { file: 'update-notifier.json', version: '0.2.0', previous: '0.1.10', kinds: [] },
  ])('$file $version', ({ file, version, previous, kinds }) => {
    const p = packument(file);
    const history = compareWithPrevious(p, version, extractFacts(p.versions[version]!, 'r'), 'r');
    expect(history.previousVersion).toBe(previous);
    expect(history.publishedAt).toBe(p.time[version]);
    expect(history.changes.map((c) => c.kind)).toEqual(kinds);
  });

  it('flags a token publish after trusted publishing, by a new account, with an install script', () => {
    const p = hijackedVite();
    const history = compareWithPrevious(p as never, '8.0.0-beta.6', extractFacts(p.versions['8.0.0-beta.6']!, 'r'), 'r');
    expect(history.changes.map((c) => c.kind)).toEqual(['first-time-publisher', 'publisher-not-maintainer', 'trust-downgrade', 'install-script-added']);
    expect(history.changes.find((c) => c.kind === 'trust-downgrade')!.detail).toMatch(/trusted publishing \(github\) in 7\.3\.1, a token publish in 8\.0\.0-beta\.6/);
  });

  it('says nothing without publish times (the reduced mirror has none for some packages)', () => {
    const p = packument('wrappy.json');
    expect(compareWithPrevious({ ...p, time: {} } as never, '1.0.2', extractFacts(p.versions['1.0.2']!, 'r'), 'r')).toEqual({ changes: [] });
  });
});

describe('--history through the registry', () => {
  let server: RegistryServer;
  beforeEach(async () => {
    server = await startRegistry();
  });
  afterEach(async () => {
    await server.close();
  });

  it('fetches the packument only when asked, and records the changes', async () => {
    const p = packument('wrappy.json');
    server.routes.set('/wrappy/1.0.2', { kind: 'json', body: p.versions['1.0.2'] });
    server.routes.set('/wrappy', { kind: 'json', body: p });
    const dir = projectWith([['wrappy', '1.0.2']]);
    const without = await enrichProject(dir, isolated(server.url));
    expect(without.facts.get('pkg:npm/wrappy@1.0.2')!.history).toBeUndefined();
    expect(server.requests.some((r) => r.path === '/wrappy')).toBe(false);
    const withHistory = await enrichProject(dir, isolated(server.url, { history: true }));
    expect(withHistory.facts.get('pkg:npm/wrappy@1.0.2')!.history).toMatchObject({ previousVersion: '1.0.1', changes: expect.arrayContaining([{ kind: 'new-maintainer', detail: 'zkat' }]) });
  });

  it('a missing packument is a warning, not a failure', async () => {
    const p = packument('wrappy.json');
    server.routes.set('/wrappy/1.0.2', { kind: 'json', body: p.versions['1.0.2'] });
    const result = await enrichProject(projectWith([['wrappy', '1.0.2']]), isolated(server.url, { history: true }));
    expect(result.complete).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'W_HISTORY', severity: 'warning' })]);
  });
});
