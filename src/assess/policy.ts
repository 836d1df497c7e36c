/**
 * Policies (DESIGN.md §5): a preset id from data/policies/ or a YAML / JSON file, validated against the
 * published schema (data/schemas/policy.schema.json) with every error reported, `extends` resolved, and
 * country groups (data/country-groups.json) expanded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { didYouMean } from '../suggest.js';
import { SovscanError } from '../errors.js';
import { terminalSafe } from '../emit/text.js';
import { readInputFile } from '../resolve/input-file.js';
import { DATA_DIR } from '../paths.js';
import type { Dimension } from '../attribute/claim.js';
import { DIMENSIONS } from '../attribute/claim.js';
import type { Level, RiskLevel } from './levels.js';

export interface Waiver {
  id: string;
  match: { package?: string; vendor?: string; country?: string };
  reason: string;
  owner: string;
  expires: string;
}

export interface PolicyRule {
  countries: string[];
  dimensions?: Dimension[];
  level: Level;
  why?: string;
}

export type SignalLevels = Partial<Record<'installScript' | 'provenanceAbsent' | 'provenanceInvalid' | 'integrityMismatch' | 'deprecated' | 'incident', Level>>;

export interface PolicyDocument {
  id: string;
  title?: string;
  instrument?: string;
  source?: string;
  asOf?: string;
  description?: string;
  extends?: string;
  minConfidence?: number;
  rules?: PolicyRule[];
  caps?: Partial<Record<Dimension, Level>>;
  signals?: SignalLevels;
  unknown?: RiskLevel;
  waivers?: Waiver[];
}

export interface CompiledRule extends PolicyRule {
  dimensions: Dimension[];
  /** Expanded countries; undefined = any. */
  members?: Set<string>;
}

export interface Policy {
  id: string;
  title: string;
  instrument?: string;
  source?: string;
  asOf?: string;
  minConfidence: number;
  rules: CompiledRule[];
  caps: Partial<Record<Dimension, Level>>;
  signals: SignalLevels;
  unknown: RiskLevel;
  waivers: Waiver[];
  /** The chain of policies it was built from, itself first. */
  lineage: string[];
}

const POLICIES = join(DATA_DIR, 'policies');

export function presetIds(): string[] {
  return readdirSync(POLICIES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

interface Group {
  id: string;
  members: string[];
}

let groups: Map<string, Group> | undefined;
function countryGroups(): Map<string, Group> {
  groups ??= new Map((JSON.parse(readFileSync(join(DATA_DIR, 'country-groups.json'), 'utf8')) as { groups: Group[] }).groups.map((g) => [g.id, g]));
  return groups;
}

async function parseFile(file: string): Promise<unknown> {
  // A policy file may be committed in the scanned repository: a regular file only (a FIFO would hang).
  const text = await readInputFile(file);
  if (extname(file) === '.json') {
    const { parseJson } = await import('../resolve/parse-text.js');
    return parseJson(text, file, 'Fix the JSON syntax of the policy');
  }
  const { parseYaml } = await import('../resolve/parse-text.js');
  return parseYaml(text, file, 'Fix the YAML syntax of the policy');
}

/** Every schema error, as `file: /path: what was expected`. */
export async function validatePolicy(doc: unknown, file: string): Promise<string[]> {
  const [ajvModule, formatsModule] = await Promise.all([import('ajv'), import('ajv-formats')]);
  const ajv = new ajvModule.default.default({ allErrors: true, strict: false });
  formatsModule.default.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(DATA_DIR, 'schemas', 'policy.schema.json'), 'utf8')) as object);
  const errors = validate(doc) ? [] : (validate.errors ?? []);
  return [...errors.map((e) => {
    const where = e.instancePath || '/';
    const detail = e.keyword === 'enum' ? `expected one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : e.keyword === 'additionalProperties' ? `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"` : (e.message ?? 'invalid');
    return `${file}: ${where}: ${detail}`;
  }), ...meaningErrors(doc, file)];
}

/** What the schema cannot say: country codes must be ISO 3166-1, groups must exist. */
function meaningErrors(doc: unknown, file: string): string[] {
  const rules = (doc as PolicyDocument | undefined)?.rules;
  if (!Array.isArray(rules)) return [];
  const iso = new Set((JSON.parse(readFileSync(join(DATA_DIR, 'iso3166-1.json'), 'utf8')) as { codes: string[] }).codes);
  const out: string[] = [];
  rules.forEach((rule, i) => {
    (Array.isArray(rule?.countries) ? rule.countries : []).forEach((c, j) => {
      if (typeof c !== 'string' || c === '*') return;
      if (c.startsWith('group:') && !countryGroups().has(c.slice(6))) out.push(`${file}: /rules/${i}/countries/${j}: unknown group ${c}; expected one of ${[...countryGroups().keys()].map((g) => `group:${g}`).join(', ')}`);
      else if (/^[A-Z]{2}$/.test(c) && !iso.has(c)) out.push(`${file}: /rules/${i}/countries/${j}: ${c} is not an ISO 3166-1 alpha-2 country code`);
    });
  });
  return out;
}

async function readPolicy(ref: string, seen: string[]): Promise<{ doc: PolicyDocument; name: string }> {
  const preset = join(POLICIES, `${ref}.json`);
  if (/^[a-z0-9-]+$/.test(ref) && existsSync(preset)) {
    return { doc: JSON.parse(readFileSync(preset, 'utf8')) as PolicyDocument, name: ref };
  }
  const file = resolve(ref);
  if (!existsSync(file)) {
    throw new SovscanError('E_POLICY', `Unknown policy ${ref}: not a preset and not a file. ${didYouMean(ref, presetIds())}The presets are ${presetIds().join(', ')}; or give a YAML or JSON policy file`, { file: ref });
  }
  if (seen.includes(file)) throw new SovscanError('E_POLICY', `Policy ${ref} extends itself (through ${seen.join(' → ')})`, { file: ref });
  const doc = await parseFile(file);
  const errors = await validatePolicy(doc, ref);
  // One error a line: each is escaped here (it quotes the file's keys and values), the layout is sovscan's.
  if (errors.length > 0) throw new SovscanError('E_POLICY', `Invalid policy ${terminalSafe(ref)} (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ${errors.map(terminalSafe).join('\n  ')}\nSee data/schemas/policy.schema.json`, { file: ref, lines: true });
  return { doc: doc as PolicyDocument, name: file };
}

function compileRule(rule: PolicyRule, policy: string): CompiledRule {
  const members = new Set<string>();
  let any = false;
  for (const c of rule.countries) {
    if (c === '*') any = true;
    else if (c.startsWith('group:')) {
      const group = countryGroups().get(c.slice(6));
      if (!group) throw new SovscanError('E_POLICY', `Policy ${policy} names an unknown country group ${c}. The groups are ${[...countryGroups().keys()].map((g) => `group:${g}`).join(', ')}`);
      for (const m of group.members) members.add(m);
    } else members.add(c);
  }
  return { ...rule, dimensions: rule.dimensions ?? [...DIMENSIONS], members: any ? undefined : members };
}

export async function loadPolicy(ref: string, seen: string[] = []): Promise<Policy> {
  const { doc, name } = await readPolicy(ref, seen);
  const base = doc.extends ? await loadPolicy(doc.extends, [...seen, name]) : undefined;
  return {
    id: doc.id,
    title: doc.title ?? doc.id,
    instrument: doc.instrument ?? base?.instrument,
    source: doc.source ?? base?.source,
    asOf: doc.asOf ?? base?.asOf,
    minConfidence: doc.minConfidence ?? base?.minConfidence ?? 0.6,
    rules: [...(doc.rules ?? []).map((r) => compileRule(r, doc.id)), ...(base?.rules ?? [])],
    caps: { ...base?.caps, ...doc.caps },
    signals: { ...base?.signals, ...doc.signals },
    unknown: doc.unknown ?? base?.unknown ?? 'unknown',
    waivers: [...(doc.waivers ?? []), ...(base?.waivers ?? [])],
    lineage: [doc.id, ...(base?.lineage ?? [])],
  };
}
