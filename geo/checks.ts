// Checks on the committed boundary files (geo/regions.topojson, geo/districts.topojson) against
// data/boundaries.csv: run by geo/geo.test.ts and by `npm run data:check`. They read committed files
// only (no geo/.deps, no sources).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { DistrictProps } from './boundaries';
import { gapsAndOverlaps } from './regions';

export type { DistrictProps };

/** Stated tolerances (km²): what counts as no overlap, and as "equal" for a union and its parts. */
export const TOLERANCE = { overlapKm2: 0.01, unionKm2: 0.01 };
/** Russian vertices closer than this to Kazakhstan's outline must be outline vertices themselves. */
export const SEAM_KM = 10;

const file = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
export const readTopology = (p: string) => JSON.parse(readFileSync(file(p), 'utf8')) as Topology;

export type PolygonProps = {
  polygon_id: string;
  country: string;
  units: string;
  area_km2: number;
  label_lon: number;
  label_lat: number;
};

export function decode<P>(t: Topology, name: string): Feature<Polygon | MultiPolygon, P>[] {
  const o = t.objects[name] as GeometryCollection | undefined;
  if (!o) throw new Error(`no object ${name}`);
  return (topo.feature(t, o) as unknown as FeatureCollection<Polygon | MultiPolygon, P>).features;
}

const km2 = (f: Feature | Polygon | MultiPolygon) => turf.area(f) / 1e6;
const union = (fs: Feature<Polygon | MultiPolygon>[]) =>
  fs.length === 1 ? fs[0]! : turf.union(turf.featureCollection(fs))!;
const symDiffKm2 = (a: Feature<Polygon | MultiPolygon>, b: Feature<Polygon | MultiPolygon>) => {
  const x = turf.difference(turf.featureCollection([a, b]));
  const y = turf.difference(turf.featureCollection([b, a]));
  return (x ? km2(x) : 0) + (y ? km2(y) : 0);
};

export type BoundaryProblems = string[];

/** Everything data:check promises about the boundary files; returns the problems found (none = pass). */
export function checkBoundaries(): { problems: BoundaryProblems; measures: Record<string, number> } {
  const problems: string[] = [];
  const measures: Record<string, number> = {};
  const t = readTopology('geo/regions.topojson');
  const rows = csvParse(readFileSync(file('data/boundaries.csv'), 'utf8'));
  const versions = csvParse(readFileSync(file('data/boundary_versions.csv'), 'utf8'));
  const ru = decode<PolygonProps>(t, 'ru');
  const today = decode<PolygonProps>(t, 'kz2022');
  const partsOf = (units: string) => today.filter((f) => units.split(';').includes(f.properties.units));
  const country = union(today);
  measures.kzAreaKm2 = km2(country);

  for (const v of versions) {
    const fs = decode<PolygonProps>(t, v.version!);
    const expected = rows.filter((r) => r.version === v.version);
    // Every polygon has its code, and the codes are those of data/boundaries.csv, with the same units.
    const ids = fs.map((f) => f.properties.polygon_id);
    if (ids.some((id) => !id) || new Set(ids).size !== ids.length)
      problems.push(`${v.version}: a polygon without a unique id`);
    for (const r of expected) {
      const f = fs.find((x) => x.properties.polygon_id === r.polygon_id);
      if (!f) problems.push(`${v.version}: no polygon ${r.polygon_id}`);
      else if (f.properties.units !== r.units)
        problems.push(`${v.version} ${r.polygon_id}: units ${f.properties.units}, expected ${r.units}`);
    }
    if (fs.length !== expected.length)
      problems.push(`${v.version}: ${fs.length} polygons, data/boundaries.csv has ${expected.length}`);
    // No overlap and no gap between neighbours, Russian subjects included.
    const m = gapsAndOverlaps(turf.featureCollection(v.version === 'ru' ? fs : [...fs, ...ru]));
    measures[`${v.version}.overlapKm2`] = m.overlapKm2;
    measures[`${v.version}.holes`] = m.holesKm2.length;
    if (m.overlapKm2 > TOLERANCE.overlapKm2) problems.push(`${v.version}: overlaps of ${m.overlapKm2.toFixed(4)} km²`);
    if (m.holesKm2.length)
      problems.push(`${v.version}: ${m.holesKm2.length} gaps (${m.holesKm2.map((a) => a.toFixed(4)).join(', ')} km²)`);
    if (v.version === 'ru') continue;
    // The version covers the same country as today's units, and each older polygon is exactly its parts.
    const cover = symDiffKm2(union(fs), country);
    measures[`${v.version}.coverKm2`] = cover;
    if (cover > TOLERANCE.unionKm2)
      problems.push(`${v.version}: covers ${cover.toFixed(4)} km² differently from kz2022`);
    for (const f of fs) {
      if (!f.properties.units.includes(';')) continue;
      const d = symDiffKm2(f, union(partsOf(f.properties.units)));
      measures[`${v.version}.${f.properties.polygon_id}.unionKm2`] = d;
      if (d > TOLERANCE.unionKm2)
        problems.push(`${v.version} ${f.properties.polygon_id}: differs from its parts by ${d.toFixed(4)} km²`);
    }
  }

  // The seam: Russian vertices near Kazakhstan lie exactly on its outline (the border is one line).
  const outline = new Set<string>();
  for (const f of today) for (const p of turf.coordAll(f)) outline.add(`${p[0]},${p[1]}`);
  const outlinePts = [...outline].map((k) => k.split(',').map(Number) as Position);
  let off = 0;
  let shared = 0;
  for (const f of ru)
    for (const p of turf.coordAll(f)) {
      if (outline.has(`${p[0]},${p[1]}`)) {
        shared++;
        continue;
      }
      const k = Math.cos((p[1]! * Math.PI) / 180);
      const near = outlinePts.some((q) => Math.hypot((q[0]! - p[0]!) * k, q[1]! - p[1]!) * 111.2 < SEAM_KM);
      if (near && turf.booleanPointInPolygon(p, country)) off++;
    }
  measures.seamSharedVertices = shared;
  measures.seamRussianVerticesInsideKazakhstan = off;
  if (off) problems.push(`${off} Russian vertices lie inside Kazakhstan near the border`);
  if (shared < 500) problems.push(`only ${shared} Russian vertices on Kazakhstan's outline: the seam is not shared`);

  // Districts: codes, names, each within its unit, and each unit exactly the union of its districts.
  const d = decode<DistrictProps>(readTopology('geo/districts.topojson'), 'districts');
  measures.districts = d.length;
  measures.districtCodes = new Set(d.map((f) => f.properties.district_id)).size;
  if (d.length !== 224 || measures.districtCodes !== 224)
    problems.push(`${d.length} districts with ${measures.districtCodes} distinct KATO codes (S172 has 224)`);
  for (const f of d) {
    const p = f.properties;
    if (
      !/^\d{9}$/.test(p.district_id) ||
      !p.district_id.startsWith(p.unit_code.slice(3)) ||
      !p.name_en ||
      !p.name_ru ||
      !p.name_kk
    )
      problems.push(`district ${p.district_id} (${p.name_en}): code, parent or a name missing`);
  }
  // Each district lies in its own unit: every vertex inside it or on its border (with the union check
  // below, exact: a unit equal to the union of its districts holds each of them). A polygon difference
  // per district would take 25 s here.
  const unitPolygon = new Map(today.map((f) => [f.properties.units, f]));
  let outside = 0;
  for (const f of d) {
    const unit = unitPolygon.get(f.properties.unit_code);
    const off = unit ? turf.coordAll(f).filter((p) => !turf.booleanPointInPolygon(p, unit)).length : Infinity;
    if (off) {
      outside++;
      problems.push(
        `district ${f.properties.district_id} (${f.properties.name_en}): ${off} vertices outside ${f.properties.unit_code}`,
      );
    }
  }
  measures.districtsOutsideTheirUnit = outside;
  for (const f of today) {
    const parts = d.filter((x) => f.properties.units.split(';').includes(x.properties.unit_code));
    const diff = symDiffKm2(f, union(parts));
    measures[`districts.${f.properties.polygon_id}.unionKm2`] = diff;
    if (diff > TOLERANCE.unionKm2)
      problems.push(`${f.properties.polygon_id}: differs from its districts by ${diff.toFixed(4)} km²`);
  }
  return { problems, measures };
}
