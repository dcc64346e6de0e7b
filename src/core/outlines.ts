/**
 * The regions' outlines as line segments in flat typed arrays, grouped by
 * polygon, so that deck.gl draws every outline with one layer of segments
 * (no path joins to tessellate) and the selected region's
 * outline is a view of the same arrays. Built once per boundary set.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';

export interface OutlineSegments {
  length: number;
  /** [lon, lat] of each segment's start and end. */
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
  /** Where each polygon's segments lie (segments of one feature are contiguous). */
  byPolygon: Map<string, { offset: number; length: number }>;
}

function ringsOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(ringsOf);
  return [];
}

export function outlineSegments(regions: FeatureCollection<Geometry, { polygon_id: string }>): OutlineSegments {
  let count = 0;
  for (const f of regions.features) for (const ring of ringsOf(f.geometry)) count += Math.max(0, ring.length - 1);
  const sourcePositions = new Float64Array(count * 2);
  const targetPositions = new Float64Array(count * 2);
  const byPolygon = new Map<string, { offset: number; length: number }>();
  let i = 0;
  for (const f of regions.features) {
    const offset = i;
    for (const ring of ringsOf(f.geometry))
      for (let k = 1; k < ring.length; k++) {
        sourcePositions[i * 2] = ring[k - 1]![0]!;
        sourcePositions[i * 2 + 1] = ring[k - 1]![1]!;
        targetPositions[i * 2] = ring[k]![0]!;
        targetPositions[i * 2 + 1] = ring[k]![1]!;
        i++;
      }
    const id = f.properties.polygon_id;
    // A polygon id in two features keeps the first (boundary files are checked for duplicates on import).
    if (!byPolygon.has(id)) byPolygon.set(id, { offset, length: i - offset });
  }
  return { length: count, sourcePositions, targetPositions, byPolygon };
}

/** One polygon's segments, as views of the same arrays (empty when the id is unknown or null). */
export function polygonSegments(outlines: OutlineSegments, polygonId: string | null): OutlineSegments {
  const at = polygonId === null ? undefined : outlines.byPolygon.get(polygonId);
  const offset = at?.offset ?? 0;
  const length = at?.length ?? 0;
  return {
    length,
    sourcePositions: outlines.sourcePositions.subarray(offset * 2, (offset + length) * 2),
    targetPositions: outlines.targetPositions.subarray(offset * 2, (offset + length) * 2),
    byPolygon: new Map(at && polygonId !== null ? [[polygonId, { offset: 0, length }]] : []),
  };
}

/** Vertices of segments drawn as triangles, six a segment (two triangles), each with its segment's ends. */
export interface SegmentTriangles {
  /** Vertices: six times the segments. */
  length: number;
  /** [lon, lat] of the vertex's segment's start and end. */
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
  /** Where the vertex lies on its segment's rectangle: x 0 at the start, 1 at the end; y -1 or 1, the side. */
  corners: Float32Array;
}

/** The corners of a segment's two triangles, in the order deck.gl's line shader reads them. */
const CORNERS = [0, -1, 0, 0, 1, 0, 1, -1, 0, 1, -1, 0, 0, 1, 0, 1, 1, 0];
const VERTICES_PER_SEGMENT = CORNERS.length / 3;

/**
 * Segments as triangles (render/segment-layer.ts draws them in one call): a
 * software rasteriser sets up each instance of an instanced draw as a draw of
 * its own, which made the outlines the dearest part of every frame.
 */
export function segmentTriangles(segments: OutlineSegments): SegmentTriangles {
  const length = segments.length * VERTICES_PER_SEGMENT;
  const sourcePositions = new Float64Array(length * 2);
  const targetPositions = new Float64Array(length * 2);
  const corners = new Float32Array(length * 3);
  for (let s = 0; s < segments.length; s++)
    for (let v = 0; v < VERTICES_PER_SEGMENT; v++) {
      const i = s * VERTICES_PER_SEGMENT + v;
      sourcePositions[i * 2] = segments.sourcePositions[s * 2]!;
      sourcePositions[i * 2 + 1] = segments.sourcePositions[s * 2 + 1]!;
      targetPositions[i * 2] = segments.targetPositions[s * 2]!;
      targetPositions[i * 2 + 1] = segments.targetPositions[s * 2 + 1]!;
      for (let c = 0; c < 3; c++) corners[i * 3 + c] = CORNERS[v * 3 + c]!;
    }
  return { length, sourcePositions, targetPositions, corners };
}
