/**
 * One project of a portfolio: what a sovscan SBOM (CycloneDX JSON, as `scan` and the Action write it)
 * already records, read without the network and without judging anything again: the project, the policy
 * and data date it was assessed under, and per component its risk, vendor, countries per dimension and
 * first reason (the `sovscan:` properties of docs/taxonomy.md). Only this summary is kept: the document
 * itself is dropped as soon as it is read, so that hundreds of SBOMs fit in memory one after another.
 */
import { stat } from 'node:fs/promises';
import { DIMENSIONS, type Dimension } from '../attribute/claim.js';
import { RISK_LEVELS, type RiskLevel } from '../assess/levels.js';
import { SovscanError } from '../errors.js';
import { readInputFile } from '../resolve/input-file.js';
import { parseJson, isRecord } from '../resolve/parse-text.js';
import { walkNested } from '../resolve/sbom/walk.js';

export interface ComponentSummary {
  /** purl without qualifiers, else name@version. */
  id: string;
  label: string;
  risk?: RiskLevel;
  reason?: string;
  vendor?: string;
  controller?: string;
  countries: Record<Dimension, string[]>;
}

export interface ProjectSummary {
  file: string;
  name: string;
  version: string;
  /** `sovscan:policy` ("id asOf"), absent in an SBOM sovscan did not assess. */
  policy?: string;
  /** `sovscan:data`: the date of the data the attributions used. */
  data?: string;
  components: ComponentSummary[];
}

/** Larger than any real SBOM sovscan writes (big-app's is 4 MB); a bound, since the files are others'. */
export const MAX_SBOM_BYTES = 256 * 1024 * 1024;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function properties(value: unknown): [string, string][] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((p) => (typeof p.name === 'string' && typeof p.value === 'string' ? [[p.name, p.value] as [string, string]] : []));
}

function component(c: Record<string, unknown>): ComponentSummary {
  const props = properties(c.properties);
  const one = (name: string) => props.find(([n]) => n === name)?.[1];
  const risk = one('sovscan:risk');
  const countries = Object.fromEntries(DIMENSIONS.map((d) => [d, props.filter(([n, v]) => n === `sovscan:jurisdiction:${d}` && /^[A-Z]{2}$/.test(v)).map(([, v]) => v)])) as Record<Dimension, string[]>;
  const name = [str(c.group), str(c.name)].filter(Boolean).join('/');
  const label = `${name}${str(c.version) ? `@${str(c.version)}` : ''}`;
  return {
    id: str(c.purl)?.split('?')[0] ?? label,
    label,
    ...(risk && (RISK_LEVELS as readonly string[]).includes(risk) ? { risk: risk as RiskLevel } : {}),
    ...(one('sovscan:risk:reason') ? { reason: one('sovscan:risk:reason') } : {}),
    ...(one('sovscan:vendor') ? { vendor: one('sovscan:vendor') } : {}),
    ...(one('sovscan:vendor:controller') ? { controller: one('sovscan:vendor:controller') } : {}),
    countries,
  };
}

export async function readProject(file: string): Promise<ProjectSummary> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new SovscanError('E_NOT_FOUND', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path`, { file });
  }
  if (size > MAX_SBOM_BYTES) throw new SovscanError('E_INVALID_SBOM', `${file} is larger than ${MAX_SBOM_BYTES / 1024 / 1024} MiB; a portfolio reads sovscan's own SBOMs`, { file });
  // A regular file, or refused by name (a FIFO would wait for ever)
  const text = await readInputFile(file);
  if (text.trimStart().startsWith('<')) throw new SovscanError('E_INVALID_SBOM', `${file} is XML; the portfolio reads CycloneDX JSON as sovscan scan and the Action write it. Write the SBOMs with --format cyclonedx-json`, { file });
  const doc = parseJson(text, file, 'Give the SBOMs that sovscan scan or the Action wrote');
  if (!isRecord(doc) || doc.bomFormat !== 'CycloneDX') throw new SovscanError('E_INVALID_SBOM', `${file} is not a CycloneDX JSON document`, { file });
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const root = isRecord(metadata.component) ? metadata.component : {};
  const meta = properties(metadata.properties);
  const out: ComponentSummary[] = [];
  // A vendor's SBOM may nest components: the readers' walk, never recursion.
  walkNested<unknown>([{ items: Array.isArray(doc.components) ? doc.components : [], path: '' }], (c) => {
    if (!isRecord(c)) return [];
    out.push(component(c));
    return [{ items: Array.isArray(c.components) ? c.components : [], path: '' }];
  });
  return {
    file,
    name: [str(root.group), str(root.name)].filter(Boolean).join('/') || file,
    version: str(root.version) ?? '',
    ...(meta.find(([n]) => n === 'sovscan:policy') ? { policy: meta.find(([n]) => n === 'sovscan:policy')![1] } : {}),
    ...(meta.find(([n]) => n === 'sovscan:data') ? { data: meta.find(([n]) => n === 'sovscan:data')![1] } : {}),
    components: out.sort((a, b) => a.id.localeCompare(b.id)),
  };
}
