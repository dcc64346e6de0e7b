import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILTER_SIZE } from '../flow-columns';
import { clusterPlaces } from './clusters';
import { LevelStore, levelFlows, prepareLevel } from './level-flows';
import { sumFlows, type PointFlowTable } from './point-flows';

interface Row {
  o: number;
  d: number;
  y: number;
  c: number;
}

const table = (rows: readonly Row[]): PointFlowTable => ({
  length: rows.length,
  origin: Uint32Array.from(rows, (r) => r.o),
  destination: Uint32Array.from(rows, (r) => r.d),
  year: Uint16Array.from(rows, (r) => r.y),
  count: Float64Array.from(rows, (r) => r.c),
});
const rowsOf = (t: PointFlowTable): Row[] =>
  Array.from({ length: t.length }, (_, i) => ({
    o: t.origin[i]!,
    d: t.destination[i]!,
    y: t.year[i]!,
    c: t.count[i]!,
  }));

/** The sums the slow way: a Map keyed by text. */
function naiveSum(rows: readonly Row[], group: (i: number) => number) {
  const between = new Map<string, number>();
  const within = new Map<string, number>();
  for (const r of rows) {
    const o = group(r.o);
    const d = group(r.d);
    const map = o === d ? within : between;
    const key = `${o}>${d}@${r.y}`;
    map.set(key, (map.get(key) ?? 0) + r.c);
  }
  return { between, within };
}
const asMap = (t: PointFlowTable) => new Map(rowsOf(t).map((r) => [`${r.o}>${r.d}@${r.y}`, r.c]));

const placeCount = 40;
const dataArb = fc.record({
  places: fc.array(fc.tuple(fc.double({ min: 60, max: 80, noNaN: true }), fc.double({ min: 42, max: 54, noNaN: true })), { minLength: placeCount, maxLength: placeCount }), // prettier-ignore
  rows: fc.array(
    fc.record({
      o: fc.integer({ min: 0, max: placeCount - 1 }),
      d: fc.integer({ min: 0, max: placeCount - 1 }),
      y: fc.integer({ min: 2005, max: 2010 }),
      // Large counts too: the sums must stay exact past Float32's 2^24.
      c: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 10_000_000, max: 90_000_000 })),
    }),
    { maxLength: 400 },
  ),
  radius: fc.integer({ min: 10, max: 200 }),
});

describe('sumFlows', () => {
  it('adds flows by group and year, and keeps flows inside one group apart', () => {
    fc.assert(
      fc.property(dataArb, fc.integer({ min: 1, max: 7 }), ({ rows }, groups) => {
        const groupOf = Uint32Array.from({ length: placeCount }, (_, i) => i % groups);
        const summed = sumFlows(table(rows), groupOf);
        const naive = naiveSum(rows, (i) => i % groups);
        expect(asMap(summed.flows)).toEqual(naive.between);
        expect(asMap(summed.within)).toEqual(naive.within);
        expect(summed.flows.length).toBe(naive.between.size);
      }),
    );
  });

  it('grows past its first guess of the number of keys', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ o: i, d: i + 1, y: 2000 + (i % 3), c: 1 }));
    const summed = sumFlows(table(rows), null);
    expect(summed.flows.length).toBe(5000);
    expect(rowsOf(summed.flows)).toEqual(rows);
  });
});

describe('levelFlows', () => {
  it('sums, at every level, the flows of the members of each pair of clusters, and loses nothing', () => {
    fc.assert(
      fc.property(dataArb, ({ places, rows, radius }) => {
        const positions = Float64Array.from(places.flat());
        const placeFlows = sumFlows(table(rows), null);
        const weights = new Float64Array(placeCount);
        for (const r of rows) {
          weights[r.o]! += r.c;
          weights[r.d]! += r.c;
        }
        const h = clusterPlaces(positions, weights, { minZoom: 0, maxZoom: 9, radius });
        const levels = levelFlows(h, placeFlows.flows);
        expect(levels).toHaveLength(h.levels.length);
        const placeRows = rowsOf(placeFlows.flows);
        const totalByYear = new Map<number, number>();
        for (const r of placeRows) totalByYear.set(r.y, (totalByYear.get(r.y) ?? 0) + r.c);
        h.levels.forEach((level, k) => {
          const naive = naiveSum(placeRows, (p) => level.clusterOf[p]!);
          expect(asMap(levels[k]!.flows)).toEqual(naive.between);
          expect(asMap(levels[k]!.within)).toEqual(naive.within);
          const levelTotal = new Map<number, number>();
          for (const r of [...rowsOf(levels[k]!.flows), ...rowsOf(levels[k]!.within)])
            levelTotal.set(r.y, (levelTotal.get(r.y) ?? 0) + r.c);
          expect(levelTotal).toEqual(totalByYear);
        });
      }),
      { numRuns: 120 },
    );
  }, 30_000);
});

describe('prepareLevel', () => {
  it('lays out each year as one slice, largest first, with the top N as its start; columns equal the rows', () => {
    fc.assert(
      fc.property(dataArb, fc.option(fc.integer({ min: 1, max: 30 })), ({ places, rows, radius }, topN) => {
        const positions = Float64Array.from(places.flat());
        const placeFlows = sumFlows(table(rows), null).flows;
        const h = clusterPlaces(positions, new Float64Array(placeCount).fill(1), { radius });
        const levels = levelFlows(h, placeFlows);
        h.levels.forEach((level, k) => {
          const flows = levels[k]!.flows;
          const prepared = prepareLevel(level, levels[k]!, topN);
          const byYear = new Map<number, Row[]>();
          rowsOf(flows).forEach((r, i) => {
            const list = byYear.get(r.y) ?? [];
            list.push({ ...r, o: i });
            byYear.set(r.y, list);
          });
          expect([...prepared.flows.slices.keys()]).toEqual([...byYear.keys()].sort((a, b) => a - b));
          for (const [year, list] of byYear) {
            expect(prepared.flowsPerYear.get(year)).toBe(list.length);
            const slice = prepared.flows.slices.get(year)!;
            expect(slice.length).toBe(topN === null ? list.length : Math.min(topN, list.length));
            // The largest counts (as drawn: Float32), ties by row: the pipeline's order.
            const expected = list
              .map((r) => ({ row: r.o, c: Math.fround(r.c) }))
              .sort((a, b) => b.c - a.c || a.row - b.row)
              .slice(0, slice.length)
              .map((r) => r.row);
            expect([...prepared.flows.rows.subarray(slice.offset, slice.offset + slice.length)]).toEqual(expected);
          }
          for (let i = 0; i < prepared.flows.length; i++) {
            const row = prepared.flows.rows[i]!;
            const o = flows.origin[row]!;
            const d = flows.destination[row]!;
            expect([prepared.flows.sourcePositions[i * 2], prepared.flows.sourcePositions[i * 2 + 1]]).toEqual([level.positions[o * 2], level.positions[o * 2 + 1]]); // prettier-ignore
            expect([prepared.flows.targetPositions[i * 2], prepared.flows.targetPositions[i * 2 + 1]]).toEqual([level.positions[d * 2], level.positions[d * 2 + 1]]); // prettier-ignore
            expect(prepared.flows.filterValues[i * FILTER_SIZE]).toBe(flows.year[row]);
            expect(prepared.flows.filterValues[i * FILTER_SIZE + 1]).toBe(Math.fround(flows.count[row]!));
          }
        });
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});

describe('LevelStore', () => {
  it('sums a level when first asked, from whatever finer level it has, to the same flows as the eager sums', () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.nat(20), { maxLength: 12 }), ({ places, rows, radius }, visits) => {
        const positions = Float64Array.from(places.flat());
        const placeFlows = sumFlows(table(rows), null).flows;
        const h = clusterPlaces(positions, new Float64Array(placeCount).fill(1), { radius, minZoom: 0 });
        const eager = levelFlows(h, placeFlows);
        const store = new LevelStore(h, placeFlows);
        const n = h.levels.length;
        for (const v of visits) {
          const k = v % n;
          expect(asMap(store.levelFlows(k).flows)).toEqual(asMap(eager[k]!.flows));
          expect(asMap(store.levelFlows(k).within)).toEqual(asMap(eager[k]!.within));
          // The layout from the kept order and circles equals a layout from scratch.
          const cached = store.prepare(k, 7);
          const fresh = prepareLevel(h.levels[k]!, eager[k]!, 7);
          expect(cached.flowsPerYear).toEqual(fresh.flowsPerYear);
          expect(cached.flows.slices).toEqual(fresh.flows.slices);
          expect(cached.flows.filterValues).toEqual(fresh.flows.filterValues);
          expect(cached.flows.sourcePositions).toEqual(fresh.flows.sourcePositions);
          expect(cached.nodes.totals).toEqual(fresh.nodes.totals);
          expect([...cached.flows.rows].map((r) => `${store.levelFlows(k).flows.origin[r]}>${store.levelFlows(k).flows.destination[r]}`)).toEqual([...fresh.flows.rows].map((r) => `${eager[k]!.flows.origin[r]}>${eager[k]!.flows.destination[r]}`)); // prettier-ignore
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
