/**
 * The geometry checks of user boundaries: every position two finite numbers
 * within longitude -180..180 and latitude -90..90 (a projected file, in
 * metres, fails here); every ring at least four positions and closed; no ring
 * crossing or touching itself and no two rings of one polygon crossing or
 * overlapping along a segment (a hole touching its shell at a point is
 * allowed, as in the OGC rules). Parts of a MultiPolygon are not checked
 * against each other.
 *
 * Self-intersections are found by a sort-and-sweep over the segments' x
 * ranges, O(n log n) on real boundaries, instead of @turf/kinks, which
 * compares every pair of segments (O(n²): minutes for a detailed region of
 * 100,000 vertices); the tests check both agree on small polygons. A
 * geometry whose sweep exceeds a work budget is reported as not fully
 * checked (an issue that does not reject it).
 */
import type { Position } from 'geojson';
import type { BoundaryIssueCode, ProblemParams } from './problems';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Segment pairs compared per geometry before giving up on the self-intersection check. */
const SWEEP_BUDGET = 20_000_000;
export interface GeometryProblem {
  code: BoundaryIssueCode;
  params: ProblemParams;
  /** The geometry stays usable (a check that could not finish). */
  soft?: boolean;
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

function positionProblem(p: unknown): GeometryProblem | null {
  if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v)))
    return { code: 'bad_coordinates', params: { reason: 'position', value: String(JSON.stringify(p)).slice(0, 60) } };
  const [lon, lat] = p as number[];
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90)
    return {
      code: 'out_of_range',
      params: { lon: round(lon!), lat: round(lat!) },
    };
  return null;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
};
const onSegment = (ax: number, ay: number, bx: number, by: number, px: number, py: number) =>
  Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);

interface Segment {
  ring: number;
  index: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/**
 * The first point where the rings of one polygon cross, touch themselves or
 * overlap; null when there is none; 'budget' when the sweep ran out of work.
 */
export function findSelfIntersection(rings: readonly Position[][]): [number, number] | null | 'budget' {
  const segments: Segment[] = [];
  const ringSizes: number[] = [];
  const closed: boolean[] = [];
  rings.forEach((ring, r) => {
    // Repeated consecutive points are allowed; they make no segment.
    const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
    const n = pts.length - 1;
    ringSizes[r] = Math.max(n, 0);
    closed[r] = n > 0 && pts[0]![0] === pts[n]![0] && pts[0]![1] === pts[n]![1];
    for (let i = 0; i < n; i++) {
      const [ax, ay] = pts[i] as [number, number];
      const [bx, by] = pts[i + 1] as [number, number];
      segments.push({
        ring: r, index: i, ax, ay, bx, by,
        minX: Math.min(ax, bx), maxX: Math.max(ax, bx), minY: Math.min(ay, by), maxY: Math.max(ay, by),
      }); // prettier-ignore
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  let work = 0;
  for (let a = 0; a < segments.length; a++) {
    const s = segments[a]!;
    for (let b = a + 1; b < segments.length; b++) {
      const t = segments[b]!;
      if (t.minX > s.maxX) break;
      if (++work > SWEEP_BUDGET) return 'budget';
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      const hit = segmentContact(s, t, ringSizes, closed);
      if (hit) return hit;
    }
  }
  return null;
}

function segmentContact(s: Segment, t: Segment, ringSizes: number[], closed: boolean[]): [number, number] | null {
  const sameRing = s.ring === t.ring;
  const size = ringSizes[s.ring]!;
  const [first, second] = s.index < t.index ? [s, t] : [t, s];
  const consecutive =
    sameRing &&
    (second.index - first.index === 1 || (closed[s.ring]! && first.index === 0 && second.index === size - 1));
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (consecutive) {
    // Neighbours share a vertex; they are wrong only when they fold back over each other (a spike).
    if (o1 !== 0 || o2 !== 0 || size < 3) return null;
    const dot = (s.bx - s.ax) * (t.bx - t.ax) + (s.by - s.ay) * (t.by - t.ay);
    const shared = second.index - first.index === 1 ? [first.bx, first.by] : [first.ax, first.ay];
    return dot < 0 ? (shared as [number, number]) : null;
  }
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    // A proper crossing: report the crossing point.
    const d = (s.bx - s.ax) * (t.by - t.ay) - (s.by - s.ay) * (t.bx - t.ax);
    const u = ((t.ax - s.ax) * (t.by - t.ay) - (t.ay - s.ay) * (t.bx - t.ax)) / d;
    return [s.ax + u * (s.bx - s.ax), s.ay + u * (s.by - s.ay)];
  }
  if (o1 === 0 && o2 === 0) {
    // Collinear: an overlap of positive length is wrong in any rings; a shared point only within one ring.
    const touches: [number, number][] = [];
    if (onSegment(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)) touches.push([t.ax, t.ay]);
    if (onSegment(s.ax, s.ay, s.bx, s.by, t.bx, t.by)) touches.push([t.bx, t.by]);
    if (onSegment(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)) touches.push([s.ax, s.ay]);
    if (onSegment(t.ax, t.ay, t.bx, t.by, s.bx, s.by)) touches.push([s.bx, s.by]);
    const distinct = new Set(touches.map((p) => `${p[0]},${p[1]}`));
    if (distinct.size >= 2 || (sameRing && distinct.size === 1)) return touches[0]!;
    return null;
  }
  if (!sameRing) return null;
  // One ring touching itself at a point (a figure eight).
  if (o1 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)) return [t.ax, t.ay];
  if (o2 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.bx, t.by)) return [t.bx, t.by];
  if (o3 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)) return [s.ax, s.ay];
  if (o4 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.bx, s.by)) return [s.bx, s.by];
  return null;
}

/** Every problem of one geometry (an empty list: it is valid). */
export function geometryProblems(geometry: unknown): GeometryProblem[] {
  if (geometry === null || geometry === undefined) return [{ code: 'no_geometry', params: {} }];
  if (!isObject(geometry)) return [{ code: 'bad_coordinates', params: { reason: 'not_object' } }];
  const type = geometry.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return [
      {
        code: 'not_polygon',
        params: { value: String(type).slice(0, 40) },
      },
    ];
  const coords = geometry.coordinates;
  const polygons: unknown[] = type === 'Polygon' ? [coords] : Array.isArray(coords) ? coords : [null];
  const problems: GeometryProblem[] = [];
  if (polygons.length === 0) return [{ code: 'bad_coordinates', params: { reason: 'no_polygons' } }];
  for (const [p, polygon] of polygons.entries()) {
    const part: ProblemParams = type === 'MultiPolygon' ? { part: p + 1 } : {};
    if (!Array.isArray(polygon) || polygon.length === 0 || !polygon.every(Array.isArray))
      return [{ code: 'bad_coordinates', params: { ...part, reason: 'not_rings' } }];
    for (const ring of polygon as unknown[][])
      for (const position of ring) {
        const bad = positionProblem(position);
        if (bad) return [{ ...bad, params: { ...part, ...bad.params } }];
      }
    const rings = polygon as Position[][];
    let ringsOk = true;
    rings.forEach((ring, r) => {
      const which: ProblemParams = { ...part, ring: r };
      if (ring.length < 4) {
        problems.push({ code: 'too_few_points', params: { ...which, count: ring.length } });
        ringsOk = false;
        return;
      }
      const a = ring[0]!;
      const b = ring[ring.length - 1]!;
      if (a[0] !== b[0] || a[1] !== b[1]) {
        problems.push({ code: 'unclosed_ring', params: which });
        ringsOk = false;
      }
    });
    if (!ringsOk) continue;
    const hit = findSelfIntersection(rings);
    if (hit === 'budget') problems.push({ code: 'not_checked', params: { ...part, limit: SWEEP_BUDGET }, soft: true });
    else if (hit)
      problems.push({ code: 'self_intersection', params: { ...part, lon: round(hit[0]), lat: round(hit[1]) } });
  }
  return problems;
}
