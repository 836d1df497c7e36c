/**
 * The country a domain's TLD names, and what registering there proves. A country-code TLD → its entry in
 * data/cctlds.json: the ISO 3166-1 country (`.uk` is GB; `.eu`, `.su`, `.ac` name none) with the
 * registry's rule (`local-presence`, `open`, `unknown`), so that the signals can weigh a domain under an
 * open ccTLD (`.li`, `.is`) below one under a ccTLD that only residents can register (`.no`). A ccTLD
 * sold worldwide as a generic name (`.io`, `.co`, `.me`) names no country at all. A city or region TLD
 * (data/geo-tlds.json: `.berlin`, `.tokyo`) → the country of that place, its registration rule unchecked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import type { AttributionData, DataRef, Registration } from '../data.js';

export interface TldCountry {
  country: string;
  source: DataRef;
  registration: Registration;
}

let isoAsOf: string | undefined;

/** An unchecked entry's country rests on the ISO 3166-1 list alone: its date is the list's. */
function isoDate(): string {
  isoAsOf ??= (JSON.parse(readFileSync(join(DATA_DIR, 'iso3166-1.json'), 'utf8')) as { asOf: string }).asOf;
  return isoAsOf;
}

export function countryOfTld(suffix: string, data: AttributionData): TldCountry | undefined {
  const tld = suffix.slice(suffix.lastIndexOf('.') + 1).toLowerCase();
  const geo = data.geoTlds.get(tld);
  if (geo) return { country: geo.country, registration: 'unknown', source: { file: 'geo-tlds', id: `.${tld}`, source: geo.source, asOf: geo.asOf } };
  const entry = data.ccTlds.get(tld);
  if (!entry?.country || entry.worldwide) return undefined;
  return { country: entry.country, registration: entry.registration, source: { file: 'cctlds', id: `.${tld}`, source: entry.source, asOf: entry.asOf ?? isoDate() } };
}
