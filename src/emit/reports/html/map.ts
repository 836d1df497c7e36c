/**
 * The world map of the HTML report: Natural Earth country shapes (world-atlas, 1:110m) projected with
 * d3-geo's Equal Earth projection into SVG paths, once, at report time. Each shape carries its ISO
 * 3166-1 alpha-2 code; the page colours them by exposure.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import { DATA_DIR } from '../../../paths.js';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

export interface CountryShape {
  /** ISO 3166-1 alpha-2, or '' for shapes without an ISO code (Kosovo, Somaliland, northern Cyprus). */
  code: string;
  name: string;
  d: string;
}

let shapes: CountryShape[] | undefined;

export async function countryShapes(): Promise<CountryShape[]> {
  if (shapes) return shapes;
  const [{ geoEqualEarth, geoPath }, { feature }] = await Promise.all([import('d3-geo'), import('topojson-client')]);
  const world = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('world-atlas/countries-110m.json'), 'utf8')) as unknown;
  const numeric = (JSON.parse(readFileSync(join(DATA_DIR, 'iso3166-1.json'), 'utf8')) as { numeric: Record<string, string> }).numeric;
  const topology = world as unknown as Topology;
  const countries = feature(topology, topology.objects.countries!) as unknown as FeatureCollection<Geometry, { name: string }>;
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    countries,
  );
  const path = geoPath(projection).digits(1);
  shapes = countries.features
    .map((f) => ({ code: numeric[String(f.id)] ?? '', name: f.properties.name, d: path(f) ?? '' }))
    .filter((s) => s.d !== '');
  return shapes;
}
