/**
 * Kazakhstan's outline as a small SVG path, made at build time from the
 * basemap in geo/ (world-atlas countries, Natural Earth 1:50m): the loading
 * screen draws it where the map will draw the country, and the app's icons
 * are made from it. Build-time only (turf stays out of the browser bundle).
 */
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** Kazakhstan in the basemap (ISO 3166-1 numeric). */
const KAZAKHSTAN = '398';

/**
 * The map's home view (HOME_BOUNDS in the map view, src/map/map-view.ts):
 * Kazakhstan and the Russian border subjects. The loading screen's outline
 * is laid out in the same box, so the map replaces it in place.
 */
export const HOME_BOUNDS: [[number, number], [number, number]] = [
  [45, 40],
  [88, 57.5],
];

/** Room the map leaves for the panels around its home view (HOME_PADDING in the map view). */
export const HOME_PADDING = { top: 20, left: 270, right: 320, bottom: 140 };

/** Width of the outline's view box in SVG units; heights follow Web Mercator. */
const VIEW_WIDTH = 1000;

export interface Outline {
  /** SVG path data in view-box units (absolute, integers). */
  path: string;
  /** The view box: the home bounds in Web Mercator, VIEW_WIDTH wide. */
  viewBox: [number, number, number, number];
  vertices: number;
}

/** Web Mercator y of a latitude (radians of the projected plane; grows northwards). */
function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

/** Kazakhstan's polygon(s) from a basemap FeatureCollection (geo/basemap.geojson). */
export function kazakhstanFrom(basemap: FeatureCollection): Feature<Polygon | MultiPolygon> {
  const found = basemap.features.filter(
    (f) => f.properties?.kind === 'country' && String(f.properties?.iso_n3) === KAZAKHSTAN,
  );
  if (found.length !== 1) throw new Error(`the basemap has ${found.length} features for Kazakhstan, not 1`);
  const feature = found[0]!;
  if (feature.geometry.type !== 'Polygon' && feature.geometry.type !== 'MultiPolygon')
    throw new Error(`Kazakhstan's geometry is a ${feature.geometry.type}`);
  return feature as Feature<Polygon | MultiPolygon>;
}

/**
 * The outline simplified to `tolerance` degrees (Douglas–Peucker), projected
 * into the home view's box. Parts that shrink below a few units (small
 * islands) are left out: at loading-screen size they are under a pixel.
 */
export function outlinePath(country: Feature<Polygon | MultiPolygon>, tolerance = 0.12): Outline {
  const simplified = turf.simplify(country, { tolerance, highQuality: true, mutate: false });
  const [[west, south], [east, north]] = HOME_BOUNDS;
  const scale = VIEW_WIDTH / (((east - west) * Math.PI) / 180);
  const top = mercatorY(north);
  const height = Math.round((top - mercatorY(south)) * scale);
  const project = ([lon, lat]: Position): [number, number] => [
    Math.round((((lon! - west) * Math.PI) / 180) * scale),
    Math.round((top - mercatorY(lat!)) * scale),
  ];
  const polygons =
    simplified.geometry.type === 'Polygon' ? [simplified.geometry.coordinates] : simplified.geometry.coordinates;
  let vertices = 0;
  const parts: string[] = [];
  for (const rings of polygons)
    for (const ring of rings) {
      const points = ring.slice(0, -1).map(project);
      // Consecutive points that round to the same unit say nothing more.
      const kept = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
      const xs = kept.map((p) => p[0]);
      const ys = kept.map((p) => p[1]);
      if (kept.length < 3 || Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys) < 6) continue;
      vertices += kept.length;
      parts.push(`M${kept.map((p) => `${p[0]} ${p[1]}`).join('L')}Z`);
    }
  return { path: parts.join(''), viewBox: [0, 0, VIEW_WIDTH, height], vertices };
}

/** The outline from the repository's basemap file. */
export function kazakhstanOutline(basemapFile: string, tolerance?: number): Outline {
  return outlinePath(kazakhstanFrom(JSON.parse(readFileSync(basemapFile, 'utf8')) as FeatureCollection), tolerance);
}
