import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import { outlineSegments, polygonSegments, segmentTriangles } from './outlines';

const square = (x: number, y: number): number[][] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y + 1],
  [x, y],
];

const regions: FeatureCollection<Geometry, { polygon_id: string }> = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { polygon_id: 'A' }, geometry: { type: 'Polygon', coordinates: [square(0, 0)] } },
    {
      type: 'Feature',
      properties: { polygon_id: 'B' },
      // Two parts, the first with a hole.
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(10, 10), square(10.25, 10.25)], [square(20, 20)]],
      },
    },
  ],
};

describe('outlineSegments', () => {
  const outlines = outlineSegments(regions);

  it('turns every ring into its segments, end to end, polygon by polygon', () => {
    expect(outlines.length).toBe(4 + 4 * 3);
    // The first segment of A, and the last segment of B (the closing edge of its second part).
    expect([...outlines.sourcePositions.slice(0, 2), ...outlines.targetPositions.slice(0, 2)]).toEqual([0, 0, 1, 0]);
    const last = outlines.length - 1;
    expect([
      ...outlines.sourcePositions.slice(last * 2, last * 2 + 2),
      ...outlines.targetPositions.slice(last * 2, last * 2 + 2),
    ]).toEqual([20, 21, 20, 20]);
    expect(outlines.byPolygon.get('A')).toEqual({ offset: 0, length: 4 });
    expect(outlines.byPolygon.get('B')).toEqual({ offset: 4, length: 12 });
  });

  it('each segment starts where the one before ended, within a ring', () => {
    for (let i = 1; i < 4; i++)
      expect([...outlines.sourcePositions.slice(i * 2, i * 2 + 2)]).toEqual([
        ...outlines.targetPositions.slice((i - 1) * 2, i * 2),
      ]);
  });

  it('gives one polygon as views of the same arrays, and nothing for an unknown or no selection', () => {
    const b = polygonSegments(outlines, 'B');
    expect(b.length).toBe(12);
    expect(b.sourcePositions.buffer).toBe(outlines.sourcePositions.buffer);
    expect([...b.sourcePositions.slice(0, 2)]).toEqual([10, 10]);
    expect(polygonSegments(outlines, 'nope').length).toBe(0);
    expect(polygonSegments(outlines, null).sourcePositions.length).toBe(0);
  });
});

describe('segmentTriangles', () => {
  const outlines = outlineSegments(regions);
  const triangles = segmentTriangles(outlines);

  it('gives every segment two triangles whose vertices carry its ends', () => {
    expect(triangles.length).toBe(outlines.length * 6);
    for (let s = 0; s < outlines.length; s++)
      for (let v = s * 6; v < s * 6 + 6; v++) {
        expect([...triangles.sourcePositions.slice(v * 2, v * 2 + 2)]).toEqual([
          ...outlines.sourcePositions.slice(s * 2, s * 2 + 2),
        ]);
        expect([...triangles.targetPositions.slice(v * 2, v * 2 + 2)]).toEqual([
          ...outlines.targetPositions.slice(s * 2, s * 2 + 2),
        ]);
      }
  });

  it('covers the rectangle along each segment: both ends, both sides, no triangle folded flat', () => {
    for (let s = 0; s < outlines.length; s++) {
      const corners = [...triangles.corners.slice(s * 18, s * 18 + 18)];
      const points = Array.from({ length: 6 }, (_, v) => [corners[v * 3]!, corners[v * 3 + 1]!] as const);
      expect(new Set(points.map((p) => p.join(',')))).toEqual(new Set(['0,-1', '0,1', '1,-1', '1,1']));
      for (const t of [points.slice(0, 3), points.slice(3, 6)]) {
        const [a, b, c] = t as [readonly [number, number], readonly [number, number], readonly [number, number]];
        const area = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]);
        expect(Math.abs(area)).toBe(2);
      }
      expect(corners.filter((_, i) => i % 3 === 2).every((z) => z === 0)).toBe(true);
    }
  });

  it('has no vertices for no segments (an unknown polygon)', () => {
    expect(segmentTriangles(polygonSegments(outlines, 'none')).length).toBe(0);
  });
});
