import kinks from '@turf/kinks';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { elementLines, findSelfIntersection, geometryProblems, joinBoundaries, parseBoundaries } from './boundaries';
import { formatImportProblem } from '../i18n/import-messages';
import { createRegionMatcher } from './region-matcher';
import { loadUnits } from './test-support';

const matcher = createRegionMatcher(loadUnits());
const square = (x: number, y: number, s = 1): Position[][] => [
  [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]],
]; // prettier-ignore
const feature = (properties: object, geometry: unknown) => JSON.stringify({ type: 'Feature', properties, geometry });

// One feature per line, as ogr2ogr writes them: feature i starts on line i + 3.
const GEOJSON = [
  '{"type": "FeatureCollection",',
  '"features": [',
  feature({ name: 'Astana', id: 71 }, { type: 'Polygon', coordinates: square(71, 51) }) + ',',
  feature({ name: 'Almaty city', id: 75 }, { type: 'Polygon', coordinates: [[[76, 43], [77, 44], [77, 43], [76, 44], [76, 43]]] }) + ',',
  feature({ name: 'Shymkent', id: 79 }, { type: 'Polygon', coordinates: [[[69, 42], [70, 42], [70, 43], [69, 43]]] }) + ',',
  feature({ name: 'Pavlodar', id: 55 }, { type: 'Polygon', coordinates: square(8_000_000, 6_000_000, 1000) }) + ',',
  feature({ name: 'Kostanay', id: 39 }, { type: 'Point', coordinates: [63, 53] }) + ',',
  feature({ name: 'Aktobe', id: 15 }, null) + ',',
  feature({ name: 'Nur-Sultan', id: 71 }, { type: 'Polygon', coordinates: square(72, 51) }) + ',',
  feature({ name: 'Atlantis', id: 0 }, { type: 'Polygon', coordinates: square(0, 0) }) + ',',
  feature({ name: 'Karaganda', id: 35, extra: 'only here' }, { type: 'MultiPolygon', coordinates: [square(73, 48), square(75, 48)] }),
  ']}',
].join('\n'); // prettier-ignore

describe('GeoJSON', () => {
  const parsed = parseBoundaries(GEOJSON, 'regions.geojson', { matcher });

  it('reads every feature with its line', () => {
    expect(parsed.format).toBe('geojson');
    expect(parsed.features).toHaveLength(9);
    expect(parsed.lines).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('reports broken geometries by feature and line', () => {
    expect(parsed.issues.map((i) => [i.feature, i.line, i.code])).toEqual([
      [2, 4, 'self_intersection'],
      [3, 5, 'unclosed_ring'],
      [4, 6, 'out_of_range'],
      [5, 7, 'not_polygon'],
      [6, 8, 'no_geometry'],
    ]);
    expect(parsed.issues[0]!.params).toEqual({ feature: 2, lon: 76.5, lat: 43.5 });
    const say = (i: number, lang: 'en' | 'ru' | 'kk') =>
      formatImportProblem({ code: parsed.issues[i]!.code, params: parsed.issues[i]!.params }, lang);
    expect(say(0, 'en')).toBe('feature 2: the boundary crosses itself near (76.5, 43.5)');
    expect(say(0, 'ru')).toBe('объект 2: граница пересекает себя около (76.5, 43.5)');
    expect(say(1, 'en')).toBe('feature 3, outer ring is not closed (its last position differs from its first)');
    expect(say(2, 'en')).toMatch(/is the file projected\?/);
    expect(say(3, 'kk')).toMatch(/^5-нысан: «.+» аумақ емес/);
    expect(parsed.geometryValid).toEqual([true, false, false, false, false, false, true, true, true]);
  });

  it('lists the properties present in every feature, the best join first', () => {
    expect(parsed.candidates).toEqual([
      { property: 'name', distinct: 9, matched: 8, sample: ['Astana', 'Almaty city', 'Shymkent'] },
      { property: 'id', distinct: 8, matched: 8, sample: ['71', '75', '79'] },
    ]);
  });

  it('joins valid features to units and reports the rest', () => {
    const joined = joinBoundaries(parsed, 'name', matcher);
    expect(joined.collection.features.map((f) => f.properties)).toEqual([
      { unit_code: 'KZ-71', join_value: 'Astana' },
      { unit_code: 'KZ-35', join_value: 'Karaganda' },
    ]);
    const joinIssues = joined.issues.filter((i) =>
      ['duplicate_region', 'unknown_region', 'missing_property'].includes(i.code),
    );
    expect(joinIssues.map((i) => [i.feature, i.line, formatImportProblem(i, 'en')])).toEqual([
      [7, 9, 'feature 7: “Nur-Sultan” is KZ-71 again (first: feature 1)'],
      [8, 10, '“Atlantis” (region) matches no region'],
    ]);
    expect(joined.unmatched).toEqual([{ text: 'Atlantis', count: 1, candidates: [] }]);
    expect(joined.featuresRead).toBe(9);
  });

  it('a feature without the join property is reported', () => {
    const joined = joinBoundaries(parsed, 'extra', matcher);
    expect(joined.issues.filter((i) => i.code === 'missing_property')).toHaveLength(8);
    expect(joined.collection.features).toEqual([]);
  });

  it('accepts a single Feature or a bare geometry', () => {
    const one = parseBoundaries(
      feature({ name: 'Astana' }, { type: 'Polygon', coordinates: square(71, 51) }),
      'one.json',
    );
    expect(one.features).toHaveLength(1);
    expect(one.candidates.map((c) => c.property)).toEqual(['name']);
    const bare = parseBoundaries(JSON.stringify({ type: 'Polygon', coordinates: square(71, 51) }), 'bare.json');
    expect(bare.features).toHaveLength(1);
    expect(bare.issues).toEqual([]);
  });

  it('never throws on files that are not boundaries', () => {
    for (const text of [
      '',
      'not json',
      '[]',
      '{"type":"FeatureCollection"}',
      '{"type":"Topology"}',
      'null',
      '{"features":[1,2]}',
    ])
      expect(parseBoundaries(text, 'x.json').features, text).toEqual([]);
    expect(parseBoundaries('nope', 'x.json').issues[0]).toMatchObject({ code: 'not_json', line: 0, feature: 0 });
    const junk = parseBoundaries(
      '{"type":"FeatureCollection","features":[1,{"geometry":{"type":"Polygon","coordinates":[[["a"]]]}}]}',
      'j.json',
    );
    expect(junk.issues.map((i) => i.code)).toEqual(['not_geojson', 'bad_coordinates']);
  });
});

describe('TopoJSON', () => {
  // Two squares sharing the edge x = 70 (arc 0), and a point layer.
  const topology = {
    type: 'Topology',
    arcs: [
      [[70, 50], [70, 51]],
      [[70, 51], [69, 51], [69, 50], [70, 50]],
      [[70, 50], [71, 50], [71, 51], [70, 51]],
    ],
    objects: {
      points: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [70, 50] }] },
      regions: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', arcs: [[0, 1]], properties: { name: 'Qostanay' } },
          { type: 'Polygon', arcs: [[2, -1]], properties: { name: 'Торғай' } },
        ],
      },
    },
  }; // prettier-ignore

  it('reads the object with the most geometries and its shared arcs', () => {
    const parsed = parseBoundaries(JSON.stringify(topology, null, 1), 'kz.topojson', { matcher });
    expect(parsed.format).toBe('topojson');
    expect(parsed.objects).toEqual(['points', 'regions']);
    expect(parsed.object).toBe('regions');
    expect(parsed.issues).toEqual([]);
    expect(parsed.features[1]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [[[70, 50], [71, 50], [71, 51], [70, 51], [70, 50]]],
    }); // prettier-ignore
    expect(parsed.lines).toHaveLength(2);
    expect(parsed.lines[0]).toBeGreaterThan(1);
    const joined = joinBoundaries(parsed, 'name', matcher);
    expect(joined.collection.features.map((f) => f.properties.unit_code)).toEqual(['KZ-39']);
    expect(joined.unmatched.map((u) => u.text)).toEqual(['Торғай']);
  });

  it('a broken topology is reported, not thrown', () => {
    const broken = {
      ...topology,
      objects: { regions: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[7]] }] } },
    };
    const parsed = parseBoundaries(JSON.stringify(broken), 'bad.topojson');
    expect(parsed.features).toEqual([]);
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ code: 'not_geojson', feature: 0 });
    expect(parsed.issues[0]!.params).toMatchObject({ reason: 'topojson' });
    expect(formatImportProblem(parsed.issues[0]!, 'en')).toMatch(/^The TopoJSON cannot be read/);
  });
});

describe('self-intersections', () => {
  it('finds crossings, figure eights and spikes; allows a hole touching its shell', () => {
    expect(findSelfIntersection(square(0, 0))).toBeNull();
    expect(findSelfIntersection([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]])).toEqual([1, 1]);
    // A ring touching itself at (1, 1).
    expect(findSelfIntersection([[[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]]])).toEqual([1, 1]);
    // A spike going out and back along the same line.
    expect(findSelfIntersection([[[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2], [0, 0]]])).not.toBeNull();
    // Repeated points are not a problem.
    expect(findSelfIntersection([[[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]]])).toBeNull();
    const shell = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    expect(findSelfIntersection([shell, [[0, 2], [1, 1], [1, 3], [0, 2]]])).toBeNull(); // touches at one point
    expect(findSelfIntersection([shell, [[-1, 2], [1, 1], [1, 3], [-1, 2]]])).not.toBeNull(); // crosses the shell
  }); // prettier-ignore

  it('agrees with @turf/kinks on random polygons', () => {
    // Distinct points on a fine grid: general position, where kinks and the OGC rules agree
    // (kinks ignores collinear overlaps and is confused by repeated points).
    const coordinate = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1e5);
    const points = fc.uniqueArray(fc.tuple(coordinate, coordinate), {
      minLength: 4,
      maxLength: 9,
      selector: (p) => p.join(),
    });
    fc.assert(
      fc.property(points, (points) => {
        const ring = [...points, points[0]!];
        const ours = findSelfIntersection([ring]) !== null;
        const theirs = kinks({ type: 'Polygon', coordinates: [ring] }).features.length > 0;
        expect(ours).toBe(theirs);
      }),
      { numRuns: 2000 },
    );
  });

  // How fast it is belongs to the benchmark, not to a timed unit test.
  it('finds no problem in a detailed valid boundary (100,000 vertices)', () => {
    const n = 100_000;
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      const r = 1 + 0.01 * Math.sin(a * 500);
      ring.push([70 + r * Math.cos(a), 50 + r * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    expect(geometryProblems({ type: 'Polygon', coordinates: [ring] })).toEqual([]);
  });
});

describe('elementLines', () => {
  it('finds array elements at a path, not deeper or elsewhere', () => {
    const text = '{\n"a": [1,\n2],\n"features": [\n{"features": [9]},\n  "x", 3,\n[4]\n]}';
    expect(elementLines(text, ['features', '*'])).toEqual([5, 6, 6, 7]);
    expect(elementLines(text, ['a', '*'])).toEqual([2, 3]);
  });
});
