/** `sovscan explain`, end to end on a loopback registry serving recorded documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderExplanation } from '../../src/emit/explain.js';
import { emitCsv } from '../../src/emit/reports/csv.js';
import { pathFromRoot } from '../../src/graph-paths.js';
import { analyse } from '../../src/pipeline.js';
import { DEFAULTS } from '../../src/options.js';
import { REPO, runCli, SHARED_FIXTURES, tempDir } from '../helpers.js';
import { projectWith } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';

let server: RegistryServer;
beforeEach(async () => {
  const core = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', 'core-js.json'), 'utf8')) as { versions: Record<string, Record<string, unknown>> };
  const pop = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'eval', '@alicloud__pop-core.json'), 'utf8')) as Record<string, unknown>;
  server = await startRegistry({
    '/core-js/3.6.5': { kind: 'json', body: { ...core.versions['3.6.5'], description: 'evil \u001b[31mred\u001b[0m \u202etext' } },
    '/@alicloud/pop-core/1.8.0': { kind: 'json', body: pop },
    '/lodash/4.17.21': { kind: 'json', body: JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'eval', 'lodash.json'), 'utf8')) as Record<string, unknown> },
  });
});
afterEach(async () => {
  await server.close();
});

describe('explain', () => {
  it('shows observations, the data entries they matched with their sources, and the result', async () => {
    const dir = projectWith([['@alicloud/pop-core', '1.8.0'], ['core-js', '3.6.5']]);
    const scan = await analyse({ ...DEFAULTS, target: dir, registry: server.url, cacheDir: tempDir() });
    const pop = [...scan.graph.nodes.values()].find((n) => n.name === '@alicloud/pop-core')!;
    const text = renderExplanation(scan, pop);
    expect(text).toContain('How it gets into app@1.0.0: app@1.0.0 → @alicloud/pop-core@1.8.0');
    expect(text).toMatch(/vendor: CN, strong \(0\.95\), from npm-scope: @alicloud\n\s+matched vendors\.json entry "alibaba-cloud" \(Alibaba Cloud\); source https:\/\/github\.com\/aliyun, as of \d{4}-\d\d-\d\d/);
    expect(text).toContain('Named vendor: Alibaba Cloud, CN; ultimately controlled by Alibaba Group Holding, CN');
    // The vendor and its parent rest on the scope: one fact, the parent's claim merged into the vendor's.
    expect(text).toMatch(/CN: counted #\d \(npm-scope:@alicloud\) and #\d \(repo-owner:repository github\.com\/aliyun\), independent facts combined/);
    expect(text).toMatch(/#\d merged into #\d: the same evidence \(npm-scope:@alicloud\), counted once/);
    // The recorded document names its author without an e-mail: nothing to read a country from, and explain says so.
    expect(text).toContain('Maintainers (the people and accounts who can publish it): unknown (no evidence: the registry document names no maintainer, publisher or author e-mail or website)');

    const core = [...scan.graph.nodes.values()].find((n) => n.name === 'core-js')!;
    const coreText = renderExplanation(scan, core);
    // A free-mail provider (inbox.ru, the publisher's) says nothing about its user; the author's own .ru domain is one hint.
    expect(coreText).toContain('2. maintainer: RU, weak (0.40), from email-cctld: maintainer e-mail domain zloirock.ru (under .ru, open registration)');
    expect(coreText).not.toContain('inbox.ru');
    expect(coreText).toContain('Maintainers (the people and accounts who can publish it): RU (0.40, weak, an indication)');
    expect(coreText).toContain('means the law that reaches the people who can publish it: where they live or are employed; read from email-domain, email-cctld, person-site-cctld');
    expect(coreText).toContain('RU: counted #2 (personal-domain:zloirock.ru)');
    expect(coreText).toContain('not rated: RU rests on one personal hint alone (personal-domain:zloirock.ru); a policy rates it only when an independent fact corroborates it');
    expect(coreText).toContain('install scripts: postinstall');
  });

  it('names the steward of a community project, and claims no vendor country for it', async () => {
    const dir = projectWith([['lodash', '4.17.21']]);
    const scan = await analyse({ ...DEFAULTS, target: dir, registry: server.url, cacheDir: tempDir() });
    const text = renderExplanation(scan, [...scan.graph.nodes.values()].find((n) => n.name === 'lodash')!);
    expect(text).toMatch(/Vendor \(the organisation that controls the package\): unknown \(no evidence\)/);
    // Its author's address is at a global provider: there was something to read, and it names no country.
    expect(text).toContain('Maintainers (the people and accounts who can publish it): unknown (no evidence: the e-mail domains and websites of its maintainers, publisher and author belong to global providers or name no country)');
    const [header, row] = emitCsv(scan).split('\r\n');
    expect(Object.fromEntries(header!.split(',').map((h, i) => [h, row!.split(',')[i]]))).toMatchObject({ name: 'lodash', vendor: '', steward: 'OpenJS Foundation', 'vendor countries': 'unknown' });
    expect(text).toMatch(/Steward \(no vendor\): OpenJS Foundation, a foundation in US, hosts this community project without controlling it, so no vendor country is claimed\n\s+found from repository github\.com\/lodash; matched vendors\.json entry "openjs"; source https:\/\/openjsf\.org\/projects/);
  });

  it('finds the path from the root through the graph', async () => {
    const scan = await analyse({ ...DEFAULTS, target: join(REPO, 'test', 'fixtures', 'lockfiles', 'npm-v3'), offline: true, cacheDir: tempDir() });
    const ms = [...scan.graph.nodes.values()].find((n) => n.name === 'ms' && n.version === '2.0.0')!;
    expect(pathFromRoot(scan.graph, ms.id)!.map((n) => n.name)).toEqual(['kitchen', '@scope/pkg-a', 'ms']);
  });

  it('runs from the command line, and names near matches for an unknown package', async () => {
    const dir = projectWith([['@alicloud/pop-core', '1.8.0']]);
    const cache = tempDir();
    const ok = await runCli(['explain', '@alicloud/pop-core@1.8.0', '--in', dir, '--registry', server.url, '--cache-dir', cache]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Named vendor: Alibaba Cloud');
    const missing = await runCli(['explain', 'pop-core', '--in', dir, '--registry', server.url, '--cache-dir', cache, '--offline']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("No package 'pop-core' in");
    expect(missing.stderr).toContain("did you mean '@alicloud/pop-core'?");
  });
});
