/** Known protestware and compromised versions (data/incidents.json), matched by name and semver range. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import satisfies from 'semver/functions/satisfies.js';
import { DATA_DIR } from '../paths.js';

export interface Incident {
  id: string;
  kind: 'protestware' | 'compromised' | 'malicious';
  package: string;
  versions: string;
  summary: string;
  source: string;
  asOf: string;
}

let byName: Map<string, Incident[]> | undefined;

export function incidentsFor(name: string, version: string): Incident[] {
  if (!byName) {
    byName = new Map();
    for (const i of (JSON.parse(readFileSync(join(DATA_DIR, 'incidents.json'), 'utf8')) as { incidents: Incident[] }).incidents) {
      byName.set(i.package, [...(byName.get(i.package) ?? []), i]);
    }
  }
  return (byName.get(name) ?? []).filter((i) => version !== '' && satisfies(version, i.versions, { includePrerelease: true }));
}
