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

/**
 * Whether registering under the TLD requires a presence in its country (`local-presence`), is open to
 * anyone (`open`), or is not recorded (`unknown`). A domain under an open TLD says little about where its
 * holder is. Only the worldwide-marketed TLDs are recorded so far, and they yield no country at all, so
 * every TLD that yields one is `unknown` until the rules of each registry are recorded in data/.
 */
export type Registration = 'local-presence' | 'open' | 'unknown';

export function countryOfTld(suffix: string, data: AttributionData): { country: string; source: DataRef; registration: Registration } | undefined {
  const tld = suffix.slice(suffix.lastIndexOf('.') + 1).toLowerCase();
  const geo = data.geoTlds.get(tld);
  if (geo) return { country: geo.country, source: { file: 'geo-tlds', id: `.${tld}`, source: geo.source, asOf: geo.asOf }, registration: 'unknown' };
  if (tld.length !== 2 || data.vanityTlds.has(tld)) return undefined;
  const mapped = tld in EXCEPTIONS ? EXCEPTIONS[tld] : tld.toUpperCase();
  const { codes, ref } = isoCodes();
  if (!mapped || !codes.has(mapped)) return undefined;
  return { country: mapped, source: { ...ref, id: `.${tld}` }, registration: 'unknown' };
}
