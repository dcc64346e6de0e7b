import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { createRegionIndex } from './region-index';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');
// Today's borders: the 20 Kazakh units and the 12 Russian subjects of geo/regions.topojson.
const topology = JSON.parse(read('geo/regions.topojson')) as Topology<{
  kz2022: GeometryCollection;
  ru: GeometryCollection;
}>;
const regions: FeatureCollection<Polygon | MultiPolygon> = {
  type: 'FeatureCollection',
  features: [topology.objects.kz2022, topology.objects.ru].flatMap(
    (o) => (feature(topology, o) as FeatureCollection<Polygon | MultiPolygon>).features,
  ),
};

const square = (id: string, x0: number, y0: number, x1: number, y1: number, holes: Position[][] = []): Feature<Polygon> => ({
  type: 'Feature',
  properties: { id },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], ...holes] },
}); // prettier-ignore
const collection = (...features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/**
 * The same rule without the index: every feature, every ring, every edge
 * (lower end first, half-open in y, strictly east), lowest feature first.
 */
function bruteForce(features: readonly Feature[], px: number, py: number): number {
  for (let f = 0; f < features.length; f++) {
    const g = features[f]!.geometry;
    const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
    let inside = false;
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        let [ax, ay] = ring[i]! as [number, number];
        let [bx, by] = ring[i + 1]! as [number, number];
        if (ay > by || (ay === by && ax > bx)) [ax, ay, bx, by] = [bx, by, ax, ay];
        if (ay <= py && py < by && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
    if (inside) return f;
  }
  return -1;
}

function degreesToNearestEdge(features: readonly Feature[], px: number, py: number): number {
  let best = Infinity;
  for (const f of features) {
    const g = f.geometry;
    const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i]! as [number, number];
        const [bx, by] = ring[i + 1]! as [number, number];
        const dx = bx - ax;
        const dy = by - ay;
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(ax + t * dx - px, ay + t * dy - py));
      }
  }
  return best;
}

describe('createRegionIndex', () => {
  it('gives a point on a north-south border to the region east of it, on an east-west border to the one north', () => {
    const index = createRegionIndex(
      collection(square('W', 0, 0, 1, 1), square('E', 1, 0, 2, 1), square('N', 0, 1, 2, 2)),
      'id',
    );
    expect(index.ids).toEqual(['W', 'E', 'N']);
    expect(index.locate(1, 0.5)).toBe(1); // on W|E: east
    expect(index.locate(0.5, 1)).toBe(2); // on W|N: north
    expect(index.locate(1.5, 1)).toBe(2); // on E|N: north
    expect(index.locate(1, 1)).toBe(2); // the corner where all three meet: north-east
    expect(index.locate(0.5, 0.5)).toBe(0);
    expect(index.locate(0, 0.5)).toBe(0); // the collection's west edge is inside
    expect(index.locate(2, 0.5)).toBe(-1); // its east edge is not
    expect(index.locate(1, 2)).toBe(-1); // nor its north edge
    expect(index.locate(5, 5)).toBe(-1);
    expect(index.locate(Number.NaN, 0.5)).toBe(-1);
  });

  it('treats holes as outside and gives them to the feature that fills them', () => {
    const hole: Position[] = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]; // prettier-ignore
    const index = createRegionIndex(collection(square('ring', 0, 0, 3, 3, [hole]), square('inner', 1, 1, 2, 2)), 'id');
    expect(index.locate(0.5, 0.5)).toBe(0);
    expect(index.locate(1.5, 1.5)).toBe(1);
    expect(index.lastClaims).toBe(1);
    const alone = createRegionIndex(collection(square('ring', 0, 0, 3, 3, [hole])), 'id');
    expect(alone.locate(1.5, 1.5)).toBe(-1);
  });

  it('lets the first of two overlapping features win and says that two claimed the point', () => {
    const index = createRegionIndex(collection(square('a', 0, 0, 2, 2), square('b', 1, 1, 3, 3)), 'id');
    expect(index.locate(1.5, 1.5)).toBe(0);
    expect(index.lastClaims).toBe(2);
    expect(index.locate(2.5, 2.5)).toBe(1);
    expect(index.lastClaims).toBe(1);
  });

  it('reads MultiPolygons, leaves out features without an id, with a repeated id or not polygonal', () => {
    const multi: Feature<MultiPolygon> = {
      type: 'Feature',
      properties: { code: 7 },
      geometry: { type: 'MultiPolygon', coordinates: [square('', 0, 0, 1, 1).geometry.coordinates, square('', 5, 5, 6, 6).geometry.coordinates] }, // prettier-ignore
    };
    const index = createRegionIndex(
      collection(
        multi,
        { type: 'Feature', properties: {}, geometry: square('', 2, 2, 3, 3).geometry },
        { type: 'Feature', properties: { code: 7 }, geometry: square('', 2, 2, 3, 3).geometry },
        { type: 'Feature', properties: { code: 'line' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }, // prettier-ignore
      ),
      'code',
    );
    expect(index.ids).toEqual(['7']);
    expect(index.problems.map((p) => [p.code, p.feature])).toEqual([
      ['id_missing', 1],
      ['id_duplicate', 2],
      ['not_polygon', 3],
    ]);
    expect(index.locate(5.5, 5.5)).toBe(0);
    expect(index.locate(2.5, 2.5)).toBe(-1);
  });

  it('finds the nearest region within a distance, and none beyond it', () => {
    const index = createRegionIndex(collection(square('a', 0, 0, 1, 1), square('b', 3, 0, 4, 1)), 'id');
    // 0.01° east of a's east edge at the equator: 1.11 km.
    const near = index.nearest(1.01, 0.5, 2)!;
    expect(near.region).toBe(0);
    expect(near.km).toBeCloseTo(1.112, 2);
    expect(index.nearest(1.01, 0.5, 1)).toBeNull();
    expect(index.nearest(2.9, 0.5, 20)!.region).toBe(1);
  });

  it('splits a tiling so that every point inside it, on borders and corners too, is in exactly one tile', () => {
    // A jittered grid: neighbouring tiles share their corners exactly, as the regions' topology does.
    const tiling = fc.record({
      columns: fc.integer({ min: 1, max: 6 }),
      rows: fc.integer({ min: 1, max: 6 }),
      jitter: fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 98, maxLength: 98 }),
      order: fc.boolean(),
    });
    fc.assert(
      fc.property(
        tiling,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          maxLength: 30,
        }),
        ({ columns, rows, jitter, order }, fractions) => {
          const corner = (i: number, j: number): [number, number] => {
            const inner = i > 0 && i < columns && j > 0 && j < rows;
            const k = (j * (columns + 1) + i) * 2;
            return [i + (inner ? jitter[k % 98]! : 0), j + (inner ? jitter[(k + 1) % 98]! : 0)];
          };
          const features: Feature<Polygon>[] = [];
          for (let j = 0; j < rows; j++)
            for (let i = 0; i < columns; i++) {
              const ring = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1), corner(i, j)];
              features.push({ type: 'Feature', properties: { id: `${i},${j}` }, geometry: { type: 'Polygon', coordinates: [order ? ring : ring.reverse()] } }); // prettier-ignore
            }
          const index = createRegionIndex(collection(...features), 'id');
          const points: [number, number][] = [];
          for (let j = 1; j < rows; j++) for (let i = 1; i < columns; i++) points.push(corner(i, j));
          for (let j = 0; j < rows; j++)
            for (let i = 0; i < columns; i++) {
              const [ax, ay] = corner(i + 1, j);
              const [bx, by] = corner(i + 1, j + 1);
              if (i + 1 < columns) points.push([(ax + bx) / 2, (ay + by) / 2]);
              const [cx, cy] = corner(i, j + 1);
              if (j + 1 < rows) points.push([(cx + bx) / 2, (cy + by) / 2]);
            }
          for (const [u, v] of fractions) points.push([0.5 + u * (columns - 1), 0.5 + v * (rows - 1)]);
          for (const [x, y] of points) {
            const r = index.locate(x, y);
            expect(r).toBeGreaterThanOrEqual(0);
            expect(index.lastClaims).toBe(1);
            expect(r).toBe(bruteForce(features, x, y));
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('matches the brute-force check and turf on the real regions, away from borders', () => {
    const index = createRegionIndex(regions, 'polygon_id');
    // Today's 20 Kazakh units and 12 Russian subjects (Baikonur is not a polygon of its own in S172).
    expect(index.ids).toHaveLength(32);
    fc.assert(
      fc.property(
        fc.double({ min: 44, max: 90, noNaN: true }),
        fc.double({ min: 39, max: 58, noNaN: true }),
        (lon, lat) => {
          const r = index.locate(lon, lat);
          expect(r).toBe(bruteForce(regions.features, lon, lat));
          // turf decides points near a border by its own rule; away from them the two agree.
          if (degreesToNearestEdge(regions.features, lon, lat) > 1e-7) {
            const turf = regions.features.findIndex((f) => booleanPointInPolygon([lon, lat], f));
            expect(r).toBe(turf);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);

  it('puts every administrative centre of geo/centres.csv in its unit`s polygon (data/boundaries.csv)', () => {
    const index = createRegionIndex(regions, 'polygon_id');
    // In today's versions every polygon covers exactly one unit.
    const polygonOf = new Map(
      read('data/boundaries.csv')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .filter(([version]) => version === 'kz2022' || version === 'ru')
        .map(([, polygon, units]) => [units!, polygon!]),
    );
    const misses: string[] = [];
    for (const line of read('geo/centres.csv').trim().split('\n').slice(1)) {
      const [unit, name, lat, lon] = line.split(',');
      const r = index.locate(Number(lon), Number(lat));
      const snapped = r < 0 ? index.nearest(Number(lon), Number(lat), 3) : null;
      const found = r >= 0 ? index.ids[r]! : snapped ? `${index.ids[snapped.region]} (snapped ${snapped.km.toFixed(1)} km)` : 'outside'; // prettier-ignore
      if (found.split(' ')[0] !== polygonOf.get(unit!)) misses.push(`${unit} ${name}: ${found}`);
      if (r < 0) misses.push(`${unit} ${name} lies outside: ${found}`);
    }
    expect(misses).toEqual([]);
  });
});

describe('createRegionIndex claims', () => {
  it('counts a region once however many of its edges the ray crosses', () => {
    // A comb: the ray from the west crosses the region's boundary six times.
    const comb: Feature<Polygon> = {
      type: 'Feature',
      properties: { id: 'comb' },
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [6, 0], [6, 2], [5, 2], [5, 1], [4, 1], [4, 2], [3, 2], [3, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]]] }, // prettier-ignore
    };
    const index = createRegionIndex(collection(comb), 'id');
    expect(index.locate(0.5, 1.5)).toBe(-1);
    expect(index.locate(1.5, 1.5)).toBe(0);
    expect(index.lastClaims).toBe(1);
    const real = createRegionIndex(regions, 'polygon_id');
    for (let lon = 46; lon < 88; lon += 0.5)
      for (let lat = 40; lat < 56; lat += 0.5) {
        real.locate(lon, lat);
        expect(real.lastClaims).toBeLessThanOrEqual(1);
      }
  });
});
