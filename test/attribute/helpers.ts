/** What the attribution tests build their inputs from: registry package nodes and recorded documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageNode } from '../../src/model.js';
import { REPO, SHARED_FIXTURES } from '../helpers.js';

/** A registry package of the graph, as resolve makes it. */
export function registryNode(name: string, version = '1.0.0', extra: Partial<PackageNode> = {}): PackageNode {
  return { id: `pkg:npm/${name}@${version}`, name, version, purl: `pkg:npm/${name}@${version}`, source: 'registry', aliases: [], paths: [], flags: { dev: false, optional: false, devOptional: false, peer: false, bundled: false }, dependencies: new Set(), ...extra };
}

/** One version of a recorded packument (../shared/fixtures/registry/packuments/). */
export function recorded(file: string, version: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as { versions: Record<string, Record<string, unknown>> }).versions[version]!;
}

/** A per-version document recorded from the development registry (test/fixtures/registry/). */
export function fixture(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'registry', file), 'utf8')) as Record<string, unknown>;
}

/** The recorded document of a package of the labelled set (test/fixtures/eval/). */
export function evalDoc(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'eval', `${name.replace('/', '__')}.json`), 'utf8')) as Record<string, unknown>;
}
