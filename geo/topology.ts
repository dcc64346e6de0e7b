// Geometry helpers shared by the geo build: topology-preserving simplification,
// coordinate rounding and validity checks.
import * as turf from '@turf/turf';
import * as topo from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** Decode a quantized, delta-encoded topology (as shipped by world-atlas) to absolute lon/lat arcs. */
export function absoluteTopology(t: Topology): Topology {
  const { transform, ...rest } = t;
  if (!transform) return t;
  const point = topo.transform(transform);
  return { ...rest, arcs: t.arcs.map((arc) => arc.map((p, i) => point(p.slice(), i > 0))) };
}

/**
 * world-atlas rings are spherical: Afro-Eurasia and Russia continue past 180° into Chukotka
 * (lon -180…-169), which planar tools read as an edge across the whole map. Unwrap such rings to
 * continuous longitudes (Chukotka at 180…191, the rest where it was) so that planar clipping works.
 * Rings around a pole (Antarctica) cannot be unwrapped into a closed ring; they are left as they are.
 */
export function unwrapLongitudes(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const unwrap = (ring: Position[]): Position[] => {
    let offset = 0;
    const out = ring.map((p, i) => {
      const prev = ring[i - 1];
      if (prev) offset += p[0]! - prev[0]! > 180 ? -360 : p[0]! - prev[0]! < -180 ? 360 : 0;
      return [p[0]! + offset, p[1]!];
    });
    if (offset !== 0) return ring;
    // Put the bulk of the ring back into -180…180 (a ring may start on the Chukotka side).
    const mean = out.reduce((sum, p) => sum + p[0]!, 0) / out.length;
    const shift = -360 * Math.round(mean / 360);
    return out.map((p) => [p[0]! + shift, p[1]!]);
  };
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(unwrap) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((rings) => rings.map(unwrap)) };
}

/**
 * Douglas-Peucker (turf.simplify, highQuality) applied to each ARC of a topology rather than to
 * each polygon: a border shared by two regions is one arc, so both neighbours get exactly the same
 * simplified line and no gap or sliver can open between them. Arc end points (the junctions where
 * three or more regions meet) are always kept. Arcs for which `frozen` is true are kept as they are
 * (the basemap keeps Kazakhstan's outline exactly as the regions draw it).
 */
export function simplifyTopology(
  t: Topology,
  tolerance: number,
  frozen: (arc: Position[]) => boolean = () => false,
): Topology {
  if (t.transform) throw new Error('simplifyTopology needs absolute coordinates (see absoluteTopology)');
  const arcs = t.arcs.map((arc) => {
    if (arc.length <= 2 || frozen(arc)) return arc;
    const first = arc[0]!;
    const last = arc[arc.length - 1]!;
    if (first[0] === last[0] && first[1] === last[1]) {
      // A closed arc is a whole ring (an island, or an enclave such as Almaty city). Simplifying it as
      // a polygon makes turf keep at least a valid 4-point ring. turf rejects rings that are degenerate
      // to begin with (tiny islets in world-atlas): those are kept as they are.
      try {
        return turf.simplify(turf.polygon([arc]), { tolerance, highQuality: true }).geometry.coordinates[0]!;
      } catch {
        return arc;
      }
    }
    return turf.simplify(turf.lineString(arc), { tolerance, highQuality: true }).geometry.coordinates;
  });
  return { ...t, arcs };
}

const roundTo = (decimals: number) => {
  const k = 10 ** decimals;
  return (p: Position): Position => [Math.round(p[0]! * k) / k, Math.round(p[1]! * k) / k];
};

/** Round a line, dropping consecutive duplicates that rounding can create. */
function roundLine(line: Position[], decimals: number): Position[] {
  const r = roundTo(decimals);
  const out: Position[] = [];
  for (const p of line.map(r)) {
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Round polygon coordinates, drop rings that degenerate (fewer than 4 positions) and apply the
 * RFC 7946 winding (shells counter-clockwise; topojson keeps whatever the source had). */
export function tidyPolygonal(g: Polygon | MultiPolygon, decimals: number): Polygon | MultiPolygon {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out = polys
    .map((rings) => rings.map((ring) => roundLine(ring, decimals)))
    .filter((rings) => rings[0] !== undefined && rings[0].length >= 4)
    .map((rings) => rings.filter((ring) => ring.length >= 4));
  if (out.length === 0) throw new Error('geometry vanished when rounding');
  const tidy: Polygon | MultiPolygon =
    out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
  return turf.rewind(tidy) as Polygon | MultiPolygon;
}

export function roundLines(lines: Position[][], decimals: number): Position[][] {
  return lines.map((l) => roundLine(l, decimals)).filter((l) => l.length >= 2);
}

/** Valid polygon per turf (closed rings, holes inside shells) and without self-intersections. */
export function isValidPolygonal(f: Feature<Polygon | MultiPolygon>): boolean {
  return turf.booleanValid(f) === true && turf.kinks(f).features.length === 0;
}

export function asPolygonal(g: Geometry | null): Polygon | MultiPolygon {
  if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) return g;
  throw new Error(`expected a polygon, got ${g?.type}`);
}

export function vertexCount(g: Geometry): number {
  return turf.coordAll(g as Parameters<typeof turf.coordAll>[0]).length;
}
