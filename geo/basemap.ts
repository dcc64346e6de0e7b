// geo/basemap.geojson: an offline backdrop from world-atlas (Natural Earth 1:50m) — land, countries,
// country borders and the Caspian Sea — clipped to a box around the app's view (lon 25–100, lat 30–62).
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { BBox, Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import {
  absoluteTopology,
  asPolygonal,
  isValidPolygonal,
  roundLines,
  simplifyTopology,
  tidyPolygonal,
  unwrapLongitudes,
} from './topology';

/** Generous margin around the view so that panning or a wide window never shows the clip edge. */
export const BASEMAP_BBOX: BBox = [10, 20, 115, 72];

export type BasemapProps =
  | { kind: 'land' }
  | { kind: 'country'; name_en: string; iso_n3: string | null }
  | { kind: 'border' }
  | { kind: 'water'; name_en: string };

const clipBox = turf.bboxPolygon(BASEMAP_BBOX);

/** Polygon ∩ box (polyclip, so the result stays valid), rounded; null when outside the box. */
function clipPolygon(g: Geometry | null, decimals: number, what: string): Polygon | MultiPolygon | null {
  const clipped = turf.intersect(turf.featureCollection([turf.feature(unwrapLongitudes(asPolygonal(g))), clipBox]));
  if (!clipped) return null;
  const out = tidyPolygonal(clipped.geometry, decimals);
  if (!isValidPolygonal(turf.feature(out))) throw new Error(`basemap: invalid geometry for ${what}`);
  return out;
}

export function buildBasemap(
  landTopo: Topology,
  countriesTopo: Topology,
  tolerance: number,
  decimals: number,
): FeatureCollection<Geometry, BasemapProps> {
  const out: Feature<Geometry, BasemapProps>[] = [];

  // Land: world-atlas land-50m. The Caspian Sea is the only hole of the Eurasian land polygon inside
  // the box (NE keeps lakes such as the Aral Sea and Balkhash in a separate layer world-atlas omits).
  const land = simplifyTopology(absoluteTopology(landTopo), tolerance);
  const landGeoms = topo.feature(land, land.objects.land as GeometryCollection).features;
  const water: Polygon[] = [];
  for (const f of landGeoms) {
    const g = clipPolygon(f.geometry, decimals, 'land');
    if (!g) continue;
    out.push(turf.feature(g, { kind: 'land' }));
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      // A hole turned inside out: clockwise hole → counter-clockwise shell.
      for (const hole of rings.slice(1)) water.push({ type: 'Polygon', coordinates: [hole.slice().reverse()] });
    }
  }
  const seas = water.filter((w) => turf.area(w) > 1e11); // > 100,000 km²
  if (seas.length !== 1) throw new Error(`expected one large hole (the Caspian) in land-50m, found ${seas.length}`);
  out.push(turf.feature(seas[0]!, { kind: 'water', name_en: 'Caspian Sea' }));

  // Countries and the borders between them, from one simplified topology so that they coincide.
  const countries = simplifyTopology(absoluteTopology(countriesTopo), tolerance);
  const object = countries.objects.countries as GeometryCollection<{ name: string }>;
  for (const f of topo.feature(countries, object).features) {
    const g = clipPolygon(f.geometry, decimals, f.properties.name);
    if (!g) continue;
    const iso = f.id === undefined ? null : String(f.id);
    out.push(turf.feature(g, { kind: 'country', name_en: f.properties.name, iso_n3: iso }));
  }
  const borders = topo.mesh(countries, object, (a, b) => a !== b);
  const lines = turf.bboxClip(borders, BASEMAP_BBOX).geometry.coordinates as Position[][];
  out.push(turf.feature({ type: 'MultiLineString', coordinates: roundLines(lines, decimals) }, { kind: 'border' }));

  return turf.featureCollection(out);
}
