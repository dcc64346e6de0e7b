import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arcFilterRange,
  arcWidth,
  FILTER_SIZE,
  OUTSIDE_SELECTION,
  passingArcs,
  prepareFlows,
  prepareNodes,
  selectionFilter,
  selectionRanks,
  topSlice,
  UNRANKED,
  type FlowTable,
} from './flow-columns';

/** A table from rows, and the rows back from prepared arrays: the slow path the fast one must equal. */
const tableOf = (rows: { o: number; d: number; y: number; c: number }[]): FlowTable => ({
  length: rows.length,
  origin: Uint32Array.from(rows, (r) => r.o),
  destination: Uint32Array.from(rows, (r) => r.d),
  year: Uint16Array.from(rows, (r) => r.y),
  count: Float32Array.from(rows, (r) => r.c),
});

const LOCATIONS = Float64Array.from({ length: 20 }, (_, i) => (i % 2 ? 40 + i : 50 + i));

const rowArb = fc.record({
  o: fc.integer({ min: 0, max: 9 }),
  d: fc.integer({ min: 0, max: 9 }),
  y: fc.integer({ min: 2000, max: 2005 }),
  c: fc.integer({ min: 1, max: 100_000 }),
});

describe('prepared flow columns', () => {
  it('hold every row once, at its own positions, width, year and count', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), (rows) => {
        const p = prepareFlows(tableOf(rows), LOCATIONS);
        expect(p.length).toBe(rows.length);
        expect([...p.rows].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
        p.rows.forEach((row, i) => {
          const r = rows[row]!;
          expect([p.sourcePositions[i * 2], p.sourcePositions[i * 2 + 1]]).toEqual([
            LOCATIONS[r.o * 2],
            LOCATIONS[r.o * 2 + 1],
          ]);
          expect([p.targetPositions[i * 2], p.targetPositions[i * 2 + 1]]).toEqual([
            LOCATIONS[r.d * 2],
            LOCATIONS[r.d * 2 + 1],
          ]);
          expect(p.widths[i]).toBe(Math.fround(arcWidth(r.c)));
          expect(p.filterValues[i * FILTER_SIZE]).toBe(r.y);
          expect(p.filterValues[i * FILTER_SIZE + 1]).toBe(r.c);
          expect(p.filterValues[i * FILTER_SIZE + 3]).toBe(1);
        });
      }),
    );
  });

  it("a year's slice holds exactly that year's rows, largest first, ranked 0, 1, 2…", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), (rows) => {
        const p = prepareFlows(tableOf(rows), LOCATIONS);
        for (let y = 2000; y <= 2005; y++) {
          const expected = rows.filter((r) => r.y === y).map((r) => r.c);
          const s = p.slices.get(y);
          if (!expected.length) {
            expect(s).toBeUndefined();
            continue;
          }
          const counts = [...p.rows.subarray(s!.offset, s!.offset + s!.length)].map((row) => rows[row]!.c);
          expect(counts).toEqual([...expected].sort((a, b) => b - a));
          for (let k = 0; k < s!.length; k++) expect(p.filterValues[(s!.offset + k) * FILTER_SIZE + 2]).toBe(k);
        }
      }),
    );
  });

  it("the top-N slice draws the same flows as the GPU filter's top-N range over the year", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 200 }),
        fc.integer({ min: 2000, max: 2005 }),
        fc.nat(30),
        (rows, y, n) => {
          const p = prepareFlows(tableOf(rows), LOCATIONS);
          const s = topSlice(p.slices, y, n);
          const sliced = s ? Array.from({ length: s.length }, (_, k) => s.offset + k) : [];
          expect(sliced).toEqual(passingArcs(p, p.filterValues, y, arcFilterRange(y, 0, n)));
          // And the filter range lets through only flows of that year.
          for (const i of passingArcs(p, p.filterValues, y, arcFilterRange(y, 0, null)))
            expect(rows[p.rows[i]!]!.y).toBe(y);
        },
      ),
    );
  });

  it('node totals are each year’s arrivals plus departures', () => {
    const rows = [
      { o: 0, d: 1, y: 2001, c: 5 },
      { o: 1, d: 2, y: 2001, c: 7 },
      { o: 2, d: 0, y: 2002, c: 3 },
    ];
    const n = prepareNodes(tableOf(rows), LOCATIONS);
    const year = (y: number) => {
      const s = n.slices.get(y)!;
      return Object.fromEntries(
        Array.from({ length: s.length }, (_, k) => [n.locations[s.offset + k], n.totals[s.offset + k]]),
      );
    };
    expect(year(2001)).toEqual({ 0: 5, 1: 12, 2: 7 });
    expect(year(2002)).toEqual({ 0: 3, 2: 3 });
  });

  it('a flow to a location that does not exist is refused', () => {
    expect(() => prepareFlows(tableOf([{ o: 0, d: 10, y: 2001, c: 1 }]), LOCATIONS)).toThrow(/location 10/);
  });

  it('a selection ranks its own flows among themselves, largest first, and leaves the others out', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), fc.integer({ min: 0, max: 9 }), (rows, place) => {
        const p = prepareFlows(tableOf(rows), LOCATIONS);
        const inside = (row: number) => rows[row]!.o === place || rows[row]!.d === place;
        const values = selectionFilter(p, inside);
        for (let y = 2000; y <= 2005; y++) {
          const passing = passingArcs(p, values, y, arcFilterRange(y, 0, null));
          expect(passing.map((i) => p.rows[i]!).sort((a, b) => a - b)).toEqual(
            rows.map((r, i) => (r.y === y && inside(i) ? i : -1)).filter((i) => i >= 0),
          );
          // Ranks 0, 1, 2… in order of size among the selected; the rest can never reach a top N.
          expect(passing.map((i) => values[i * FILTER_SIZE + 2])).toEqual(passing.map((_, k) => k));
          const counts = passing.map((i) => rows[p.rows[i]!]!.c);
          expect(counts).toEqual([...counts].sort((a, b) => b - a));
          const s = p.slices.get(y);
          for (let i = s?.offset ?? 0; i < (s ? s.offset + s.length : 0); i++)
            if (!inside(p.rows[i]!)) expect(values[i * FILTER_SIZE + 2]).toBe(UNRANKED);
        }
      }),
    );
  });

  it("a selection's ranks alone are the ranks of its filter values, and outside it OUTSIDE_SELECTION", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 200 }),
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        (rows, marks) => {
          const p = prepareFlows(tableOf(rows), LOCATIONS);
          const inside = Uint8Array.from(marks.slice(0, p.length), Number);
          const values = selectionFilter(p, (_row, item) => inside[item] === 1);
          // Padded as a texture's rows are: what lies beyond the items is left as it was.
          const ranks = selectionRanks(p, inside, new Float32Array(p.length + 3).fill(7));
          for (let i = 0; i < p.length; i++)
            expect(ranks[i]).toBe(values[i * FILTER_SIZE + 3] === 1 ? values[i * FILTER_SIZE + 2] : OUTSIDE_SELECTION);
          expect(Array.from(ranks.subarray(p.length))).toEqual([7, 7, 7]);
        },
      ),
    );
  });
});
