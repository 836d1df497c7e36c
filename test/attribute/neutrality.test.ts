/**
 * Neutrality and privacy (DESIGN.md §3): no signal reads a person's name, a language, a script, README
 * text or a time zone, and evidence keeps e-mail domains, never addresses or names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributePackage } from '../../src/attribute/index.js';
import { extractFacts } from '../../src/enrich/facts.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';

const DEFAULT_REGISTRY = defaultRegistry()!;
import { SHARED_FIXTURES } from '../helpers.js';
import { registryNode } from './helpers.js';

const NAMES = ['王小明', 'Иван Петров', 'محمد الأحمد', 'राहुल शर्मा', '佐藤 太郎', '김민준', 'Jürgen Größe', 'Ólafur Þórsson', 'Nguyễn Văn An', 'Παναγιώτης', 'Yaw Mensah', 'José Ñúñez'];
const TEXTS = ['一个用于解析的库', 'Библиотека для разбора', 'مكتبة للتحليل', 'पार्सिंग के लिए लाइब्रेरी', '解析用のライブラリ', '구문 분석 라이브러리', 'Eine Bibliothek zum Parsen', 'Thư viện phân tích cú pháp'];
const ZONES = ['+08:00', '+03:00', '+05:30', '+09:00', '-05:00'];

const node = (name: string, version: string) => registryNode(name, version, { id: name });

const docs: [string, string, string][] = [
  ['ms', '2.1.2', 'ms.json'],
  ['core-js', '3.6.5', 'core-js.json'],
  ['@babel/core', '7.7.7', '@babel__core.json'],
  ['vite', '8.0.0-beta.12', 'vite.json'],
  ['debug', '4.3.4', 'debug.json'],
];

function versionDoc(file: string, version: string): Record<string, unknown> {
  const versions = (JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as { versions: Record<string, Record<string, unknown>> }).versions;
  return versions[version] ?? Object.values(versions).pop()!;
}

/** The same document with every person's name, every free text and every time zone changed. */
function rewritten(doc: Record<string, unknown>, i: number): Record<string, unknown> {
  const rename = (person: unknown, j: number): unknown => {
    if (typeof person === 'string') return person.replace(/^[^<(]*/, `${NAMES[(i + j) % NAMES.length]} `);
    if (person && typeof person === 'object') return { ...person, name: NAMES[(i + j) % NAMES.length] };
    return person;
  };
  const out: Record<string, unknown> = { ...doc };
  out.author = rename(doc.author, 0);
  if (Array.isArray(doc.maintainers)) out.maintainers = doc.maintainers.map((m, j) => rename(m, j + 1));
  if (Array.isArray(doc.contributors)) out.contributors = doc.contributors.map((m, j) => rename(m, j + 2));
  if (doc._npmUser) out._npmUser = rename(doc._npmUser, 3);
  out.description = TEXTS[i % TEXTS.length];
  out.readme = `# ${TEXTS[(i + 1) % TEXTS.length]}\n\n${TEXTS[(i + 2) % TEXTS.length]}`;
  out.keywords = TEXTS.slice(0, 3);
  out._nodeVersion = '20.0.0';
  out.time = `2024-01-01T10:00:00${ZONES[i % ZONES.length]}`;
  return out;
}

describe('no claim depends on names, languages, scripts, README text or time zones', () => {
  it.each(docs)('%s@%s', (name, version, file) => {
    const doc = versionDoc(file, version);
    const baseline = attributePackage({ node: node(name, version), facts: extractFacts(doc, DEFAULT_REGISTRY), defaultRegistry: DEFAULT_REGISTRY });
    for (let i = 0; i < NAMES.length; i++) {
      const changed = attributePackage({ node: node(name, version), facts: extractFacts(rewritten(doc, i), DEFAULT_REGISTRY), defaultRegistry: DEFAULT_REGISTRY });
      expect(changed.claims).toEqual(baseline.claims);
      expect(changed.dimensions).toEqual(baseline.dimensions);
    }
  });
});

describe('evidence keeps e-mail domains, never addresses or names', () => {
  it.each(docs)('%s@%s', (name, version, file) => {
    const doc = versionDoc(file, version);
    const facts = extractFacts(doc, DEFAULT_REGISTRY);
    const { claims } = attributePackage({ node: node(name, version), facts, defaultRegistry: DEFAULT_REGISTRY });
    const people = [facts.author, facts.publisher, ...(facts.maintainers ?? [])].filter((p) => p !== undefined);
    for (const claim of claims) {
      expect(claim.observed).not.toMatch(/[^\s@]+@[^\s@]+/);
      // Personal names (account names can coincide with a personal e-mail domain, which is kept)
      for (const person of people) if (person.name?.includes(' ')) expect(claim.observed).not.toContain(person.name);
      if (claim.signal.startsWith('email')) expect(claim.observed).toMatch(/^[a-z, ]+ e-mail domain [a-z0-9.-]+( \(under \.[a-z.]+, [a-z ]+\))?$/);
    }
  });
});
