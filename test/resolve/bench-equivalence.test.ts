/**
 * Acceptance: on the shared benchmark projects, sovscan lists exactly the (name, version) pairs that
 * `npm sbom --package-lock-only` lists, and the yarn and pnpm twins of medium-app list the same set.
 * Pairs are read from purls on both sides, so that an alias counts as the package it installs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import { emitCycloneDx } from '../../src/emit/cyclonedx/index.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { BENCH, tempDir } from '../helpers.js';

interface Bom {
  components: { purl: string }[];
}

function pairs(bom: Bom): string[] {
  return bom.components
    .map((c) => {
      const p = PackageURL.fromString(c.purl);
      return `${p.namespace ? `${p.namespace}/` : ''}${p.name}@${p.version}`;
    })
    .sort();
}

async function sovscanPairs(dir: string): Promise<string[]> {
  const { graph, issues } = await resolveTarget(dir);
  const { text } = await emitCycloneDx({ graph, issues, complete: true, facts: new Map() }, { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false });
  return [...new Set(pairs(JSON.parse(text) as Bom))];
}

function npmSbomPairs(project: string): string[] {
  const dir = join(tempDir(), project);
  cpSync(join(BENCH, project), dir, { recursive: true });
  const out = execFileSync('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: dir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return [...new Set(pairs(JSON.parse(out) as Bom))];
}

describe('same packages as npm sbom', () => {
  it.each(['big-app', 'medium-app'])('%s', async (project) => {
    const ours = await sovscanPairs(join(BENCH, project));
    const npm = npmSbomPairs(project);
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(npm);
  });

  it('yarn classic and pnpm 9 twins of medium-app give the npm set', async () => {
    const npm = await sovscanPairs(join(BENCH, 'medium-app'));
    expect(await sovscanPairs(join(BENCH, 'medium-app-yarn'))).toEqual(npm);
    expect(await sovscanPairs(join(BENCH, 'medium-app-pnpm'))).toEqual(npm);
  });
});
