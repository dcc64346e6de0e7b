// geo/basemap.geojson: an offline backdrop from world-atlas (Natural Earth 1:50m) — land, countries,
// country borders and the Caspian Sea — clipped to a box around the app's view (lon 25–100, lat 30–62).
// Kazakhstan itself is S172's outline exactly as the regions draw it; its neighbours' borders with it are
// replaced by that line (seam.ts), and what NE 1:50m counted as Kazakh land beyond S172's Caspian
// shore becomes water, so the basemap shows no sliver or second border line beside the regions.
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { BBox, Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { Outline, snapPolygonal, vertexKeys, type SnapReport } from './seam';
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

/** A ring that touches itself at a vertex (a lobe joined by one point) loses the smaller loop. */
function withoutPinches(ring: Position[]): Position[] {
  let r = ring.slice(0, -1);
  for (;;) {
    const seen = new Map<string, number>();
    let cut: [number, number] | null = null;
    r.forEach((p, i) => {
      const k = `${p[0]},${p[1]}`;
      if (cut === null && seen.has(k)) cut = [seen.get(k)!, i];
      seen.set(k, i);
    });
    if (!cut) return [...r, r[0]!];
    const [a, b] = cut as [number, number];
    const inner = r.slice(a, b);
    const outer = [...r.slice(0, a), ...r.slice(b)];
    const area = (x: Position[]) => (x.length < 3 ? 0 : turf.area(turf.polygon([[...x, x[0]!]])));
    r = area(inner) > area(outer) ? inner : outer;
  }
}

/** Kazakhstan as the regions draw it: its polygon(s), and the outline ring its neighbours snap to. */
export type KazakhShape = { polygon: Polygon | MultiPolygon; outline: Outline };

export type BasemapReport = SnapReport & { coastKm2: number; leftKm2: number; pocketsKm2: number };

export function buildBasemap(
  landTopo: Topology,
  countriesTopo: Topology,
  tolerance: number,
  decimals: number,
  kz: KazakhShape,
  topologyFn: (fc: FeatureCollection) => Topology,
  report: BasemapReport,
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

  // Countries: Kazakhstan replaced by S172, its neighbours' shared border replaced by S172's line.
  const source = absoluteTopology(countriesTopo);
  const sourceCountries = topo.feature(
    source,
    source.objects.countries as GeometryCollection<{ name: string }>,
  ).features;
  const oldKz = sourceCountries.find((f) => String(f.id) === '398');
  if (!oldKz) throw new Error('Kazakhstan (398) not found in world-atlas');
  const oldKzGeometry = asPolygonal(oldKz.geometry);
  const oldVertices = vertexKeys([oldKzGeometry]);
  const near = turf.bboxPolygon(
    turf.bbox(turf.buffer(turf.bboxPolygon(turf.bbox(oldKz)), 100, { units: 'kilometers' })!),
  );
  const modified = sourceCountries.map((f) => {
    const geometry =
      String(f.id) === '398'
        ? kz.polygon
        : turf.booleanIntersects(turf.bboxPolygon(turf.bbox(f)), near)
          ? snapPolygonal(unwrapLongitudes(asPolygonal(f.geometry)), oldVertices, kz.outline, report)
          : f.geometry;
    return { ...f, geometry };
  });
  const outlineVertices = vertexKeys([kz.polygon]);
  const onOutline = (arc: Position[]) => arc.every((p) => outlineVertices.has(`${p[0]},${p[1]}`));
  const countries = simplifyTopology(
    topologyFn(turf.featureCollection(modified) as FeatureCollection),
    tolerance,
    onOutline,
  );
  const object = countries.objects.countries as GeometryCollection<{ name: string }>;
  const neighbours: Feature<Polygon | MultiPolygon>[] = [];
  for (const f of topo.feature(countries, object).features) {
    const g = clipPolygon(f.geometry, decimals, f.properties.name);
    if (!g) continue;
    const iso = f.id === undefined ? null : String(f.id);
    out.push(turf.feature(g, { kind: 'country', name_en: f.properties.name, iso_n3: iso }));
    if (iso !== '398' && turf.booleanIntersects(turf.bboxPolygon(turf.bbox(g)), near)) neighbours.push(turf.feature(g));
  }
  const borders = topo.mesh(countries, object, (a, b) => a !== b);
  const lines = turf.bboxClip(borders, BASEMAP_BBOX).geometry.coordinates as Position[][];
  out.push(turf.feature({ type: 'MultiLineString', coordinates: roundLines(lines, decimals) }, { kind: 'border' }));

  // What NE 1:50m counted as Kazakhstan but S172 does not, and no neighbour took: along the Caspian it
  // is sea in S172, so it joins the water; anything else stays bare land (measured, reported).
  const rest = turf.difference(
    turf.featureCollection([
      turf.feature(oldKzGeometry),
      turf.union(turf.featureCollection([turf.feature(kz.polygon), ...neighbours]))!,
    ]),
  );
  let sea: Feature<Polygon | MultiPolygon> = turf.feature(seas[0]!);
  const caspian = turf.feature(seas[0]!);
  for (const rings of rest
    ? rest.geometry.type === 'Polygon'
      ? [rest.geometry.coordinates]
      : rest.geometry.coordinates
    : []) {
    const piece = turf.polygon(rings);
    const km2 = turf.area(piece) / 1e6;
    if (turf.booleanIntersects(turf.buffer(piece, 3, { units: 'kilometers' })!, caspian)) {
      // Widened by 300 m (under the regions or into the sea, both hidden or water anyway) so that a
      // piece meeting the sea at a point or across a hair-thin gap joins it as one shape; rounded first,
      // so that the union (polyclip) returns a valid shape that is not rounded again.
      let rounded: Polygon | MultiPolygon;
      try {
        rounded = tidyPolygonal(turf.buffer(piece, 0.3, { units: 'kilometers', steps: 2 })!.geometry, decimals);
      } catch {
        continue; // vanished when rounded: smaller than the grid
      }
      sea = turf.union(turf.featureCollection([sea, turf.feature(rounded)]))!;
      report.coastKm2 += km2;
    } else report.leftKm2 += km2;
  }
  // Pieces that touch the sea only at a point stay separate parts: they are left out (bare land).
  const parts = sea.geometry.type === 'Polygon' ? [sea.geometry.coordinates] : sea.geometry.coordinates;
  const largest = parts.reduce((a, b) => (turf.area(turf.polygon(b)) > turf.area(turf.polygon(a)) ? b : a));
  for (const p of parts) if (p !== largest) report.leftKm2 += turf.area(turf.polygon(p)) / 1e6;
  // Holes are small pockets of land the pieces enclosed (the sea from land-50m had none): they become sea.
  for (const hole of largest.slice(1)) report.pocketsKm2 += turf.area(turf.polygon([hole])) / 1e6;
  const seaGeometry = turf.rewind(turf.polygon([withoutPinches(largest[0]!)]).geometry) as Polygon;
  if (!isValidPolygonal(turf.feature(seaGeometry))) {
    const k = turf.kinks(turf.feature(seaGeometry)).features.map((p) => p.geometry.coordinates.join(' '));
    throw new Error(
      `basemap: invalid Caspian (${seaGeometry.type}, valid ${turf.booleanValid(turf.feature(seaGeometry))}, before rounding ${isValidPolygonal(sea)}; kinks ${k.slice(0, 4).join('; ')})`,
    );
  }
  out.push(turf.feature(seaGeometry, { kind: 'water', name_en: 'Caspian Sea' }));

  return turf.featureCollection(out);
}
