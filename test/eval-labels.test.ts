/**
 * The labelled set's files (eval/README.md): a header, seven tab-separated columns, ISO 3166-1 codes or
 * `none` / `-`, web sources (`-` only in dev.tsv, whose labels came without sources), no package twice,
 * and a recorded registry document for every label.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { LABELS_DIR, readLabelSet, RECORDINGS } from '../src/eval.js';

const HEADER = 'package\tvendor_country\tvendor\tvendor_source\tmaintainer_country\tmaintainer_source\twhy';
const ISO = new Set(Object.keys(countries.getAlpha2Codes()));
const URLS = /^https?:\/\/\S+( https?:\/\/\S+)*$/;
const files = readdirSync(LABELS_DIR).filter((f) => f.endsWith('.tsv')).sort();

describe.each(files)('eval/labels/%s', (file) => {
  const lines = readFileSync(join(LABELS_DIR, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const rows = lines.slice(1).map((l) => l.split('\t'));

  it('has the header and seven columns a row', () => {
    expect(lines[0]).toBe(HEADER);
    for (const row of rows) expect(row, row[0]).toHaveLength(7);
  });

  it('names countries by ISO code and cites web sources', () => {
    for (const [name, vendorCountry, vendor, vendorSource, maintainerCountry, maintainerSource] of rows) {
      expect(vendorCountry === 'none' || ISO.has(vendorCountry!), `${name}: ${vendorCountry}`).toBe(true);
      expect(vendor, name).not.toBe('');
      if (!(file === 'dev.tsv' && vendorSource === '-')) expect(vendorSource, name).toMatch(URLS);
      expect(maintainerCountry === '-' || ISO.has(maintainerCountry!), `${name}: ${maintainerCountry}`).toBe(true);
      expect(maintainerCountry === '-' ? maintainerSource === '-' : URLS.test(maintainerSource!), `${name}: maintainer source`).toBe(true);
    }
  });

  it('has a recorded document for every label', () => {
    for (const [name] of rows) expect(existsSync(join(RECORDINGS, `${name!.replace('/', '__')}.json`)), name).toBe(true);
  });
});

describe('the labelled set', () => {
  it('labels no package twice', () => {
    expect(() => readLabelSet()).not.toThrow();
  });
});
