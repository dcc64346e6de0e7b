// geo/regions.topojson and geo/districts.topojson: one topology of S172's districts and the Russian
// subjects, simplified arc by arc; every boundary version is made of EXACT unions of districts
// (topojson's mergeArcs on the shared arcs), so a border is the same line in every version.
import { writeFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
  Topology,
} from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { labelPoint } from './regions';
import { isValidPolygonal, simplifyTopology } from './topology';

export type BoundaryRow = { version: string; polygon_id: string; units: string; stat_unit: string };

// One definition of a district's properties, shared with the app that reads the same file.
export type { DistrictProps } from '../src/core/district-level';

export type PolygonProps = {
  polygon_id: string;
  country: 'KZ' | 'RU';
  /** Today's units whose territory the polygon covers, ";"-separated (see data/boundaries.csv). */
  units: string;
  area_km2: number;
  label_lon: number;
  label_lat: number;
};

type Polygonal = TopoPolygon | TopoMultiPolygon;

/** Calls fn for every arc index a polygonal geometry object uses (negative indices decoded). */
function eachArc(g: GeometryObject, fn: (arc: number) => void): void {
  if (g.type === 'Polygon') for (const ring of g.arcs) for (const a of ring) fn(a < 0 ? ~a : a);
  else if (g.type === 'MultiPolygon')
    for (const p of g.arcs) for (const ring of p) for (const a of ring) fn(a < 0 ? ~a : a);
}

/** Keep only the arcs the given objects use, renumbered. */
export function pruneTopology(t: Topology, objects: Record<string, GeometryCollection>): Topology {
  const used = new Map<number, number>();
  const arcs: Topology['arcs'] = [];
  for (const o of Object.values(objects))
    for (const g of o.geometries)
      eachArc(g, (a) => {
        if (!used.has(a)) {
          used.set(a, arcs.length);
          arcs.push(t.arcs[a]!);
        }
      });
  const remap = (a: number) => (a < 0 ? ~used.get(~a)! : used.get(a)!);
  const rewrite = (g: GeometryObject): GeometryObject => {
    if (g.type === 'Polygon') return { ...g, arcs: g.arcs.map((r) => r.map(remap)) };
    if (g.type === 'MultiPolygon') return { ...g, arcs: g.arcs.map((p) => p.map((r) => r.map(remap))) };
    return g;
  };
  const out: Record<string, GeometryCollection> = {};
  for (const [name, o] of Object.entries(objects))
    out[name] = { type: 'GeometryCollection', geometries: o.geometries.map(rewrite) };
  return { type: 'Topology', arcs, objects: out };
}

/**
 * Douglas-Peucker tolerance per arc: arcs inside one unit (between two of its districts) get the finer
 * district tolerance; every other arc (a unit border, the country's outline, a Russian subject's edge)
 * the coarser one, so the regions file stays small and both files draw the same unit borders.
 * Douglas-Peucker can make a line cross itself or a neighbour's: every district and Russian subject is
 * decoded on the final grid (`grid`) and checked, and the arcs of any invalid one are simplified again
 * with half the tolerance, until all are valid. Returns the simplified topology and the arcs refined.
 */
export function simplifyByLevel(
  t: Topology,
  unitTolerance: number,
  districtTolerance: number,
  grid: { scale: [number, number]; translate: [number, number] },
): { topology: Topology; refined: number } {
  const users = new Map<number, string[]>();
  for (const [name, o] of Object.entries(t.objects) as [string, GeometryCollection][])
    for (const g of o.geometries) {
      const who = name === 'districts' ? (g.properties as { unit_code: string }).unit_code : `${name}:${String(g.id)}`;
      eachArc(g, (a) => users.set(a, [...(users.get(a) ?? []), who]));
    }
  const internal = (a: number) => {
    const u = users.get(a) ?? [];
    return u.length === 2 && u[0] === u[1] && u[0]!.startsWith('KZ-');
  };
  const tolerance = t.arcs.map((_, i) => (internal(i) ? districtTolerance : unitTolerance));
  const refinedArcs = new Set<number>();
  for (let round = 0; round < 8; round++) {
    const arcs = t.arcs.map((arc, i) => simplifyTopology({ ...t, arcs: [arc] }, tolerance[i]!).arcs[0]!);
    const simplified: Topology = { ...t, arcs };
    const onGrid = topo.quantize(simplified as Topology<Record<string, GeometryCollection>>, grid) as Topology;
    const bad: GeometryObject[] = [];
    for (const o of Object.values(onGrid.objects) as GeometryCollection[])
      for (const g of o.geometries) {
        const f = turf.rewind(topo.feature(onGrid, g) as unknown as Feature<Polygon | MultiPolygon>) as Feature<
          Polygon | MultiPolygon
        >;
        if (!isValidPolygonal(f)) bad.push(g);
      }
    if (!bad.length) return { topology: simplified, refined: refinedArcs.size };
    for (const g of bad)
      eachArc(g, (a) => {
        tolerance[a] = tolerance[a]! / 2;
        refinedArcs.add(a);
      });
  }
  throw new Error('simplification still gives invalid geometries after 8 rounds of refinement');
}

/** One GeometryCollection per boundary version: each polygon the exact merge of its districts. */
export function versionObjects(
  t: Topology,
  rows: BoundaryRow[],
  unitArea: (units: string[]) => number,
): Record<string, GeometryCollection<PolygonProps>> {
  const districts = (t.objects.districts as GeometryCollection<{ unit_code: string }>).geometries;
  const ru = (t.objects.ru as GeometryCollection<{ polygon_id: string }>).geometries;
  const out: Record<string, GeometryCollection<PolygonProps>> = {};
  for (const row of rows) {
    const units = row.units.split(';');
    let geometry: Polygonal;
    if (row.version === 'ru') {
      const g = ru.find((r) => (r.properties as { polygon_id: string }).polygon_id === row.polygon_id);
      if (!g) throw new Error(`no Russian subject ${row.polygon_id}`);
      geometry = g as Polygonal;
    } else {
      const parts = districts.filter((d) => units.includes((d.properties as { unit_code: string }).unit_code));
      if (!parts.length) throw new Error(`${row.version} ${row.polygon_id}: no districts for ${row.units}`);
      const merged = topo.mergeArcs(t, parts as Polygonal[]);
      geometry = (merged.arcs.length === 1 ? { type: 'Polygon', arcs: merged.arcs[0]! } : merged) as Polygonal;
    }
    const props: PolygonProps = {
      polygon_id: row.polygon_id,
      country: row.version === 'ru' ? 'RU' : 'KZ',
      units: row.units,
      area_km2: Math.round(unitArea(units) * 10) / 10,
      label_lon: 0,
      label_lat: 0,
    };
    const { properties: _drop, ...bare } = geometry as Polygonal & { properties?: unknown };
    (out[row.version] ??= { type: 'GeometryCollection', geometries: [] }).geometries.push({
      ...bare,
      properties: props,
    });
  }
  return out;
}

/** Decodes every object, checks validity and sets the label point of every polygon (in place). */
export function labelAndCheck(t: Topology): void {
  for (const [name, o] of Object.entries(t.objects) as [
    string,
    GeometryCollection<{ label_lon: number; label_lat: number }>,
  ][]) {
    for (const g of o.geometries) {
      const f = topo.feature(t, g) as unknown as Feature<Polygon | MultiPolygon>;
      const id = `${name} ${JSON.stringify(g.properties).slice(0, 60)}`;
      const r = turf.rewind(f) as Feature<Polygon | MultiPolygon>;
      if (!isValidPolygonal(r)) {
        const k = turf.kinks(r).features.map((p) => p.geometry.coordinates.map((x) => x.toFixed(4)).join(' '));
        if (process.env.GEO_DEBUG) writeFileSync(process.env.GEO_DEBUG, JSON.stringify(r));
        throw new Error(
          `${id}: invalid geometry (valid: ${turf.booleanValid(r)}; kinks at ${k.slice(0, 5).join('; ')})`,
        );
      }
      const [lon, lat] = labelPoint(f.geometry).map((x) => Math.round(x * 1e4) / 1e4) as [number, number];
      if (!turf.booleanPointInPolygon([lon, lat], f)) throw new Error(`${id}: label outside`);
      const props = g.properties as { label_lon: number; label_lat: number };
      props.label_lon = lon;
      props.label_lat = lat;
    }
  }
}

export function decode<P extends Record<string, unknown>>(
  t: Topology,
  name: string,
): FeatureCollection<Polygon | MultiPolygon, P> {
  return topo.feature(t, t.objects[name] as GeometryCollection) as unknown as FeatureCollection<
    Polygon | MultiPolygon,
    P
  >;
}
