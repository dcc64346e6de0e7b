// Node-side readers of the committed geo/regions.topojson for tests and benchmarks: a boundary
// version (with the Russian subjects) as GeoJSON, and the rules "polygon of the version before 2018
// -> the units it holds from their first statistical year" (what data/crosswalk.csv held before the
// app read the topology), derived from data/boundaries.csv and data/units.csv.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8');

export type RegionsFile = FeatureCollection<
  Polygon | MultiPolygon,
  { polygon_id: string; country: 'KZ' | 'RU'; units: string; label_lon: number; label_lat: number; area_km2: number }
>;

/** The polygons of a Kazakh boundary version and the 12 Russian subjects, decoded. */
export function readRegions(version: 'kz2000' | 'kz2018' | 'kz2022'): RegionsFile {
  const topology = JSON.parse(read('geo/regions.topojson')) as Topology<Record<string, GeometryCollection>>;
  const decode = (name: string) => (feature(topology, topology.objects[name]!) as unknown as RegionsFile).features;
  return { type: 'FeatureCollection', features: [...decode(version), ...decode('ru')] };
}

/** Each unit of a kz2000/ru polygon with the first day its figures exist (units.csv stat_from). */
export function legacyUnitRows(): {
  unit_code: string;
  polygon_id: string;
  valid_from: string | null;
  valid_to: null;
}[] {
  const statFrom = new Map(csvParse(read('data/units.csv')).map((u) => [u.unit_code!, u.stat_from || null]));
  return csvParse(read('data/boundaries.csv'))
    .filter((r) => r.version === 'kz2000' || r.version === 'ru')
    .flatMap((r) =>
      r.units!.split(';').map((unit) => ({
        unit_code: unit,
        polygon_id: r.polygon_id!,
        valid_from: statFrom.get(unit) ?? null,
        valid_to: null,
      })),
    );
}
