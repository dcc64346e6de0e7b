/**
 * Which region a place lies in: point in polygon against any FeatureCollection
 * of Polygons and MultiPolygons whose features carry an id property (today's
 * geo/regions.topojson's polygons with `polygon_id`, a 2024 set of units, a districts
 * file). Pure and DOM-free; runs in the import worker.
 *
 * Index: every ring's edges are stored once, each with its lower end first,
 * and listed in the horizontal bands of the collection's box that they span.
 * A point casts a ray east and counts, per feature, the crossings of the
 * edges in its band only (even-odd, so holes such as Baikonur in Kyzylorda or
 * Almaty in Almaty Region work). About ten to a hundred edges per point
 * instead of every vertex of the collection.
 *
 * Rules, stated because real places sit on borders:
 * - A point exactly on a border belongs to the region a hair to its east;
 *   where the border runs exactly east-west, to the region a hair north (the
 *   half-open crossing rule: an edge counts when its lower end is at or below
 *   the point and its upper end above, and only if it lies strictly east).
 *   Neighbours that share a border vertex for vertex therefore never both
 *   claim a point, and never both miss one. A point on the outer edge of the
 *   collection is inside only on its west and south sides.
 * - Features that overlap (an error of the file, or a point on a vertex
 *   where rounding differs): the feature listed first wins; `locate` reports
 *   how many claimed it.
 * - Outside every polygon: -1 (the place is kept, "outside the mapped
 *   regions"). `nearest` finds the closest region within a distance, for a
 *   caller that snaps places just off a simplified coast, and says so.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export interface RegionIndex {
  /** Each feature's id (the id property as text), in collection order; the region index is the position here. */
  readonly ids: readonly string[];
  /** Region index of the point, or -1 outside every region. */
  locate(lon: number, lat: number): number;
  /** How many regions claimed the last point given to `locate` (over 1: overlapping features). */
  readonly lastClaims: number;
  /** Region of every point (positions: lon, lat interleaved). */
  locateAll(positions: Float64Array): Int32Array;
  /** The closest region whose border is within maxKm of the point, or null. */
  nearest(lon: number, lat: number, maxKm: number): { region: number; km: number } | null;
}

export interface RegionIndexProblem {
  /** 'id_missing': a feature without the id property; 'id_duplicate': a second feature with the same id; 'not_polygon': a geometry that is not a Polygon or MultiPolygon (left out). */
  code: 'id_missing' | 'id_duplicate' | 'not_polygon';
  /** 0-based feature position in the collection. */
  feature: number;
  id: string;
}

/** Kilometres per degree of latitude (mean Earth radius 6,371 km). */
export const KM_PER_DEGREE = (Math.PI * 6371) / 180;

const idText = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : null;

function ringsOf(geometry: Geometry | null): Position[][] | null {
  if (!geometry) return null;
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return null;
}

/**
 * Builds the index. Features without the id property, with a repeated id or
 * with a geometry that is not polygonal are left out and listed in `problems`
 * (codes, not sentences: the caller translates).
 */
export function createRegionIndex(
  collection: FeatureCollection | { features: readonly Feature[] },
  idProperty: string,
): RegionIndex & { problems: RegionIndexProblem[] } {
  const ids: string[] = [];
  const problems: RegionIndexProblem[] = [];
  const seen = new Set<string>();
  // Edges as x0, y0, x1, y1 with y0 <= y1, and the region of each.
  const coords: number[] = [];
  const regionOfEdge: number[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  collection.features.forEach((feature, k) => {
    const id = idText(feature.properties?.[idProperty]);
    if (id === null) return void problems.push({ code: 'id_missing', feature: k, id: '' });
    if (seen.has(id)) return void problems.push({ code: 'id_duplicate', feature: k, id });
    const rings = ringsOf(feature.geometry);
    if (!rings) return void problems.push({ code: 'not_polygon', feature: k, id });
    seen.add(id);
    const region = ids.push(id) - 1;
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        const ax = a[0]!;
        const ay = a[1]!;
        const bx = b[0]!;
        const by = b[1]!;
        if (ax === bx && ay === by) continue;
        // Lower end first, so that an edge shared by two neighbours gives both the same crossing.
        if (ay < by || (ay === by && ax <= bx)) coords.push(ax, ay, bx, by);
        else coords.push(bx, by, ax, ay);
        regionOfEdge.push(region);
        minX = Math.min(minX, ax, bx);
        maxX = Math.max(maxX, ax, bx);
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
  });
  const edges = Float64Array.from(coords);
  const edgeRegion = Uint32Array.from(regionOfEdge);
  const edgeCount = edgeRegion.length;

  // Bands: about four edges' worth of height each, capped so the offsets stay small.
  const bandCount = edgeCount === 0 ? 1 : Math.min(4096, Math.max(1, Math.ceil(edgeCount / 4)));
  const bandHeight = edgeCount === 0 ? 1 : (maxY - minY) / bandCount || 1;
  const bandOf = (y: number) => Math.min(bandCount - 1, Math.max(0, Math.floor((y - minY) / bandHeight)));
  const bandStart = new Uint32Array(bandCount + 1);
  for (let e = 0; e < edgeCount; e++)
    for (let b = bandOf(edges[e * 4 + 1]!), last = bandOf(edges[e * 4 + 3]!); b <= last; b++) bandStart[b + 1]!++;
  for (let b = 0; b < bandCount; b++) bandStart[b + 1]! += bandStart[b]!;
  const bandEdges = new Uint32Array(bandStart[bandCount]!);
  const fill = bandStart.slice(0, bandCount);
  for (let e = 0; e < edgeCount; e++)
    for (let b = bandOf(edges[e * 4 + 1]!), last = bandOf(edges[e * 4 + 3]!); b <= last; b++) bandEdges[fill[b]!++] = e;

  const parity = new Uint8Array(ids.length);
  const touched = new Uint32Array(ids.length);
  /** The query that last touched each region, so that a region is listed once however often its parity flips. */
  const stamp = new Uint32Array(ids.length);
  let query = 0;
  let lastClaims = 0;

  const locate = (px: number, py: number): number => {
    lastClaims = 0;
    if (!(px >= minX && px <= maxX && py >= minY && py <= maxY)) return -1;
    const band = bandOf(py);
    let touchedCount = 0;
    query = (query + 1) >>> 0 || 1;
    for (let k = bandStart[band]!, end = bandStart[band + 1]!; k < end; k++) {
      const e = bandEdges[k]!;
      const y0 = edges[e * 4 + 1]!;
      const y1 = edges[e * 4 + 3]!;
      // Half-open in y: the lower end counts, the upper does not; horizontal edges never do.
      if (!(y0 <= py && py < y1)) continue;
      const x0 = edges[e * 4]!;
      const x = x0 + ((py - y0) * (edges[e * 4 + 2]! - x0)) / (y1 - y0);
      if (!(px < x)) continue;
      const r = edgeRegion[e]!;
      if (stamp[r] !== query) {
        stamp[r] = query;
        touched[touchedCount++] = r;
      }
      parity[r]! ^= 1;
    }
    let found = -1;
    for (let t = 0; t < touchedCount; t++) {
      const r = touched[t]!;
      if (parity[r] === 1) {
        lastClaims++;
        if (found < 0 || r < found) found = r;
      }
    }
    for (let t = 0; t < touchedCount; t++) parity[touched[t]!] = 0;
    return found;
  };

  const nearest = (px: number, py: number, maxKm: number): { region: number; km: number } | null => {
    if (!(maxKm > 0) || edgeCount === 0) return null;
    const dLat = maxKm / KM_PER_DEGREE;
    const cos = Math.max(0.01, Math.cos((py * Math.PI) / 180));
    const dLon = dLat / cos;
    if (px < minX - dLon || px > maxX + dLon || py < minY - dLat || py > maxY + dLat) return null;
    let best = -1;
    let bestKm = Infinity;
    // Local equirectangular distance: exact enough over a few kilometres.
    for (let band = bandOf(py - dLat), last = bandOf(py + dLat); band <= last; band++)
      for (let k = bandStart[band]!, end = bandStart[band + 1]!; k < end; k++) {
        const e = bandEdges[k]!;
        const ax = (edges[e * 4]! - px) * cos;
        const ay = edges[e * 4 + 1]! - py;
        const bx = (edges[e * 4 + 2]! - px) * cos;
        const by = edges[e * 4 + 3]! - py;
        const dx = bx - ax;
        const dy = by - ay;
        const len = dx * dx + dy * dy;
        const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
        const km = Math.hypot(ax + t * dx, ay + t * dy) * KM_PER_DEGREE;
        const r = edgeRegion[e]!;
        if (km < bestKm || (km === bestKm && r < best)) {
          bestKm = km;
          best = r;
        }
      }
    return best >= 0 && bestKm <= maxKm ? { region: best, km: bestKm } : null;
  };

  return {
    ids,
    problems,
    locate,
    get lastClaims() {
      return lastClaims;
    },
    locateAll(positions) {
      const out = new Int32Array(positions.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = locate(positions[i * 2]!, positions[i * 2 + 1]!);
      return out;
    },
    nearest,
  };
}
