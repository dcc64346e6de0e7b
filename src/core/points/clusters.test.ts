import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterPlaces, levelForZoom, type ClusterHierarchy } from './clusters';

/** Places as lon, lat interleaved, with weights. */
const placesArb = (maxPlaces: number) =>
  fc
    .array(
      fc.record({
        lon: fc.oneof(fc.double({ min: 46, max: 88, noNaN: true }), fc.constantFrom(71.43, 76.95)),
        lat: fc.oneof(fc.double({ min: 40, max: 56, noNaN: true }), fc.constantFrom(51.13, 43.25)),
        weight: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
      }),
      { minLength: 1, maxLength: maxPlaces },
    )
    .map((ps) => ({
      positions: Float64Array.from(ps.flatMap((p) => [p.lon, p.lat])),
      weights: Float64Array.from(ps, (p) => p.weight),
    }));

const optionsArb = fc.record({
  minZoom: fc.integer({ min: 0, max: 4 }),
  maxZoom: fc.integer({ min: 4, max: 12 }),
  radius: fc.integer({ min: 5, max: 120 }),
});

function checkHierarchy(h: ClusterHierarchy, positions: Float64Array, weights: Float64Array) {
  const n = weights.length;
  const { levels } = h;
  expect(levels[0]!.minZoom).toBe(-Infinity);
  expect(levels[levels.length - 1]!.maxZoom).toBe(Infinity);
  const places = levels[levels.length - 1]!;
  expect(places.length).toBe(n);
  expect([...places.clusterOf]).toEqual(Array.from({ length: n }, (_, i) => i));
  levels.forEach((level, k) => {
    if (k > 0) {
      expect(level.minZoom).toBe(levels[k - 1]!.maxZoom);
      expect(level.length).toBeGreaterThan(levels[k - 1]!.length);
    }
    expect(level.minZoom).toBeLessThan(level.maxZoom);
    // Every place in exactly one cluster: the member lists are a partition that agrees with clusterOf.
    expect(level.memberStart[0]).toBe(0);
    expect(level.memberStart[level.length]).toBe(n);
    const seen = new Uint8Array(n);
    for (let c = 0; c < level.length; c++) {
      const start = level.memberStart[c]!;
      const end = level.memberStart[c + 1]!;
      expect(end).toBeGreaterThan(start);
      let weight = 0;
      let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let j = start; j < end; j++) {
        const p = level.members[j]!;
        expect(seen[p]).toBe(0);
        seen[p] = 1;
        expect(level.clusterOf[p]).toBe(c);
        if (j > start) expect(weights[p]!).toBeLessThanOrEqual(weights[level.members[j - 1]!]!);
        weight += weights[p]!;
        west = Math.min(west, positions[p * 2]!);
        east = Math.max(east, positions[p * 2]!);
        south = Math.min(south, positions[p * 2 + 1]!);
        north = Math.max(north, positions[p * 2 + 1]!);
      }
      expect(level.weights[c]).toBeCloseTo(weight, 6);
      // The centre lies among its members.
      expect(level.positions[c * 2]!).toBeGreaterThanOrEqual(west - 1e-9);
      expect(level.positions[c * 2]!).toBeLessThanOrEqual(east + 1e-9);
      expect(level.positions[c * 2 + 1]!).toBeGreaterThanOrEqual(south - 1e-9);
      expect(level.positions[c * 2 + 1]!).toBeLessThanOrEqual(north + 1e-9);
    }
    expect(seen.every((s) => s === 1)).toBe(true);
    // Nested: a place's cluster at a level is the parent of its cluster one level finer.
    if (k < levels.length - 1) {
      const finer = levels[k + 1]!;
      expect(finer.parentOf).not.toBeNull();
      for (let p = 0; p < n; p++) expect(level.clusterOf[p]).toBe(finer.parentOf![finer.clusterOf[p]!]);
    }
    if (k === 0) expect(level.parentOf).toBeNull();
  });
}

describe('clusterPlaces', () => {
  it('merges places within the radius and keeps far ones apart, at the flow-weighted centre', () => {
    // Astana and a place 10 km east; Almaty far away.
    const positions = Float64Array.from([71.43, 51.13, 71.57, 51.13, 76.95, 43.25]);
    const weights = Float64Array.from([300, 100, 500]);
    const h = clusterPlaces(positions, weights, { minZoom: 2, maxZoom: 9, radius: 40 });
    checkHierarchy(h, positions, weights);
    const coarse = h.levels[0]!;
    expect(coarse.length).toBe(2);
    expect(coarse.clusterOf[0]).toBe(coarse.clusterOf[1]);
    expect(coarse.clusterOf[2]).not.toBe(coarse.clusterOf[0]);
    const c = coarse.clusterOf[0]!;
    expect(coarse.positions[c * 2]).toBeCloseTo((71.43 * 300 + 71.57 * 100) / 400, 6);
    expect([...coarse.members.subarray(coarse.memberStart[c]!, coarse.memberStart[c + 1]!)]).toEqual([0, 1]);
    // Almaty alone keeps its coordinates exactly.
    const a = coarse.clusterOf[2]!;
    expect([coarse.positions[a * 2], coarse.positions[a * 2 + 1]]).toEqual([76.95, 43.25]);
    // 10 km apart at 51° N: 40 px reach that far up to zoom 7 (about 7.6 km at zoom 8).
    expect(h.levels).toHaveLength(2);
    expect(coarse.maxZoom).toBe(8);
    expect(levelForZoom(h, 2)).toBe(0);
    expect(levelForZoom(h, 7.9)).toBe(0);
    expect(levelForZoom(h, 8)).toBe(1);
    expect(levelForZoom(h, 20)).toBe(1);
    expect(levelForZoom(h, 0)).toBe(0);
  });

  it('keeps places at the same coordinates as separate places in the last level', () => {
    const positions = Float64Array.from([71.43, 51.13, 71.43, 51.13]);
    const h = clusterPlaces(positions, Float64Array.from([1, 2]), { maxZoom: 9 });
    expect(h.levels.map((l) => l.length)).toEqual([1, 2]);
    expect(h.levels[1]!.minZoom).toBe(9);
  });

  it('gives a partition of the places at every level, nested from level to level', () => {
    fc.assert(
      fc.property(placesArb(150), optionsArb, ({ positions, weights }, options) => {
        const h = clusterPlaces(positions, weights, options);
        checkHierarchy(h, positions, weights);
        for (let z = options.minZoom - 1; z <= options.maxZoom + 1; z++) {
          const k = levelForZoom(h, z);
          expect(h.levels[k]!.minZoom <= z && z < h.levels[k]!.maxZoom).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('does not depend on the order of the places when their weights differ', () => {
    fc.assert(
      fc.property(placesArb(80), fc.integer(), ({ positions, weights }, seed) => {
        const n = weights.length;
        const distinct = Float64Array.from(weights, (w, i) => w * 1000 + i);
        const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97) || a - b); // prettier-ignore
        const shuffledPositions = Float64Array.from(order.flatMap((i) => [positions[i * 2]!, positions[i * 2 + 1]!]));
        const shuffledWeights = Float64Array.from(order, (i) => distinct[i]!);
        const a = clusterPlaces(positions, distinct);
        const b = clusterPlaces(shuffledPositions, shuffledWeights);
        expect(b.levels.map((l) => l.length)).toEqual(a.levels.map((l) => l.length));
        a.levels.forEach((level, k) => {
          // The same places together: compare the partition by original place index.
          const groups = (l: typeof level, ids: (p: number) => number) => {
            const out: number[][] = [];
            for (let c = 0; c < l.length; c++)
              out.push(
                [...l.members.subarray(l.memberStart[c]!, l.memberStart[c + 1]!)].map(ids).sort((x, y) => x - y),
              );
            return out.map((g) => g.join(',')).sort();
          };
          expect(groups(b.levels[k]!, (p) => order[p]!)).toEqual(groups(level, (p) => p));
        });
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
