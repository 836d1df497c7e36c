/**
 * Versions compared as sets per package name: added beside, removed beside, replaced (up or down), and
 * the same identity kept; plus the real case that was wrong: big-app's SBOM against its `--omit dev` SBOM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/drift/versions.js';
import type { PackageNode, Scan } from '../../src/model.js';
import { BENCH, runCli, tempDir } from '../helpers.js';

function node(spec: string): PackageNode {
  const at = spec.lastIndexOf('@');
  const [name, version] = [spec.slice(0, at), spec.slice(at + 1)];
  const flags = { dev: false, optional: false, devOptional: false, peer: false, bundled: false };
  return { id: `pkg:npm/${spec}`, name, version, purl: `pkg:npm/${spec}`, source: 'registry', aliases: [], paths: [], flags, dependencies: new Set() };
}

function scan(...specs: string[]): Scan {
  const root = { ...node('root@1.0.0'), source: 'root' as const };
  return { graph: { root, nodes: new Map(specs.map((s) => [`pkg:npm/${s}`, node(s)])) }, facts: new Map(), issues: [], complete: true };
}

const cases: { name: string; before: string[]; after: string[]; added: string[]; removed: string[]; changed: [string, string, string][] }[] = [
  { name: 'a version added beside another is added', before: ['ajv@8.20.0'], after: ['ajv@6.15.0', 'ajv@8.20.0'], added: ['ajv@6.15.0'], removed: [], changed: [] },
  { name: 'a version that goes while another stays is removed', before: ['ajv@6.15.0', 'ajv@8.20.0'], after: ['ajv@8.20.0'], added: [], removed: ['ajv@6.15.0'], changed: [] },
  { name: 'one version replacing one other is an upgrade', before: ['ms@2.1.2'], after: ['ms@2.1.3'], added: [], removed: [], changed: [['ms', '2.1.2→2.1.3', 'upgraded']] },
  { name: 'and the other way a downgrade', before: ['ms@2.1.3'], after: ['ms@2.0.0'], added: [], removed: [], changed: [['ms', '2.1.3→2.0.0', 'downgraded']] },
  { name: 'one replaced beside one kept', before: ['debug@2.6.9', 'debug@4.3.4'], after: ['debug@2.6.9', 'debug@4.4.0'], added: [], removed: [], changed: [['debug', '4.3.4→4.4.0', 'upgraded']] },
  { name: 'two replaced by one: removed and added, not a version change', before: ['semver@5.7.2', 'semver@6.3.1'], after: ['semver@7.7.3'], added: ['semver@7.7.3'], removed: ['semver@5.7.2', 'semver@6.3.1'], changed: [] },
  { name: 'a new name is added, a gone name removed', before: ['left-pad@1.3.0'], after: ['right-pad@1.0.1'], added: ['right-pad@1.0.1'], removed: ['left-pad@1.3.0'], changed: [] },
  { name: 'nothing changed', before: ['a@1.0.0', 'a@2.0.0'], after: ['a@2.0.0', 'a@1.0.0'], added: [], removed: [], changed: [] },
];

describe('compareVersions', () => {
  it.each(cases)('$name', ({ before, after, added, removed, changed }) => {
    const diff = compareVersions(scan(...before), scan(...after));
    expect(diff.added).toEqual(added.map((s) => `pkg:npm/${s}`));
    expect(diff.removed).toEqual(removed.map((s) => `pkg:npm/${s}`));
    expect(diff.changed.map((c) => [c.name, `${c.from.split('@').pop()}→${c.to.split('@').pop()}`, c.direction])).toEqual(changed);
    expect(diff.identities).toEqual({ before: new Set(before).size, after: new Set(after).size });
  });

  it('continues each kept or replaced identity from its counterpart, and nothing else', () => {
    const diff = compareVersions(scan('ajv@8.20.0', 'ms@2.1.2'), scan('ajv@6.15.0', 'ajv@8.20.0', 'ms@2.1.3'));
    expect(Object.fromEntries(diff.counterpart)).toEqual({ 'pkg:npm/ajv@8.20.0': 'pkg:npm/ajv@8.20.0', 'pkg:npm/ms@2.1.3': 'pkg:npm/ms@2.1.2' });
  });
});

describe('sovscan diff on big-app with and without dev dependencies', () => {
  it('removes the dev-only purls, reports no version change for a version that was there already, and counts purls', async () => {
    const dir = tempDir();
    const cache = tempDir('sovscan-cache-');
    const project = join(BENCH, 'big-app');
    const full = join(dir, 'full.cdx.json');
    const prod = join(dir, 'prod.cdx.json');
    expect((await runCli(['scan', project, '--offline', '--cache-dir', cache, '-o', full, '-q'])).code).toBe(0);
    expect((await runCli(['scan', project, '--offline', '--cache-dir', cache, '--omit', 'dev', '-o', prod, '-q'])).code).toBe(0);
    const purls = (file: string) => new Set((JSON.parse(readFileSync(file, 'utf8')) as { components: { purl: string }[] }).components.map((c) => c.purl));
    const [before, after] = [purls(full), purls(prod)];
    const gone = [...before].filter((p) => !after.has(p));
    // big-app installs ajv at 6.15.0 (dev only) and 8.20.0: the first goes, the second stays
    expect(before.has('pkg:npm/ajv@6.15.0') && before.has('pkg:npm/ajv@8.20.0') && !after.has('pkg:npm/ajv@6.15.0') && after.has('pkg:npm/ajv@8.20.0')).toBe(true);

    const result = await runCli(['diff', full, prod, '--offline', '--cache-dir', cache, '--json', '-q'], { cwd: dir });
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as { components: { added: string[]; removed: string[]; changed: { name: string }[]; before: number; after: number } };
    expect(diff.components.before).toBe(before.size);
    expect(diff.components.after).toBe(after.size);
    expect(diff.components.removed).toHaveLength(gone.length);
    expect(diff.components.removed).toContain('ajv@6.15.0');
    expect(diff.components.changed.map((c) => c.name)).not.toContain('ajv');
    expect(diff.components.added).toEqual([]);

    const reverse = JSON.parse((await runCli(['diff', prod, full, '--offline', '--cache-dir', cache, '--json', '-q'], { cwd: dir })).stdout) as typeof diff;
    expect(reverse.components.added).toHaveLength(gone.length);
    expect(reverse.components.added).toContain('ajv@6.15.0');
    expect(reverse.components.changed).toEqual([]);
  }, 60_000);
});
