/**
 * The country a domain's TLD names: a country-code TLD → its ISO 3166-1 country, skipping the ones used
 * worldwide (data/vanity-cctlds.json) and the codes that are not countries (`.uk` is the one ccTLD that
 * differs from its ISO code: GB); a city or region TLD (data/geo-tlds.json: `.berlin`, `.tokyo`) → the
 * country of that place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import type { AttributionData, DataRef } from '../data.js';

const EXCEPTIONS: Record<string, string | null> = { uk: 'GB', eu: null, su: null, ac: null };
let iso: { codes: Set<string>; ref: DataRef } | undefined;

function isoCodes(): { codes: Set<string>; ref: DataRef } {
  if (!iso) {
    const doc = JSON.parse(readFileSync(join(DATA_DIR, 'iso3166-1.json'), 'utf8')) as { codes: string[]; source: string; asOf: string };
    iso = { codes: new Set(doc.codes), ref: { file: 'iso3166-1', id: 'iso3166-1', source: doc.source, asOf: doc.asOf } };
  }
  return iso;
}

export function countryOfTld(suffix: string, data: AttributionData): { country: string; source: DataRef } | undefined {
  const tld = suffix.slice(suffix.lastIndexOf('.') + 1).toLowerCase();
  const geo = data.geoTlds.get(tld);
  if (geo) return { country: geo.country, source: { file: 'geo-tlds', id: `.${tld}`, source: geo.source, asOf: geo.asOf } };
  if (tld.length !== 2 || data.vanityTlds.has(tld)) return undefined;
  const mapped = tld in EXCEPTIONS ? EXCEPTIONS[tld] : tld.toUpperCase();
  const { codes, ref } = isoCodes();
  if (!mapped || !codes.has(mapped)) return undefined;
  return { country: mapped, source: { ...ref, id: `.${tld}` } };
}
