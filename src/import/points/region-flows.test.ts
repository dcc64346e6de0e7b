import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PointFlowTable } from '../../core/points/point-flows';
import { flowRows } from '../validate-rows';
import { IssueLog } from './codes';
import { regionFlows, rulesFromCrosswalk, type RegionUnitRule } from './region-flows';

const UNITS = ['U1', 'U2', 'U3', 'U4'];
const REGIONS = ['R1', 'R2', 'R3', 'R4'];
/** R1 holds U1; R2 holds U2, and U3 too from 2003; R3 holds no unit; R4 holds U4 until 2002. */
const RULES: RegionUnitRule[] = [
  { region: 'R1', unit: 'U1', fromYear: null, toYear: null },
  { region: 'R2', unit: 'U2', fromYear: null, toYear: null },
  { region: 'R2', unit: 'U3', fromYear: 2003, toYear: null },
  { region: 'R4', unit: 'U4', fromYear: null, toYear: 2002 },
];

/** A place's unit in a year the slow way: 'out', 'ambiguous' or the unit code. */
function unitOf(region: number, parent: string, year: number): string {
  if (region < 0) return 'out';
  const units = RULES.filter((r) => r.region === REGIONS[region] && (r.fromYear ?? 0) <= year && year <= (r.toYear ?? 9999)).map((r) => r.unit); // prettier-ignore
  if (units.length === 0) return 'out';
  if (units.length === 1) return units[0]!;
  return units.includes(parent) ? parent : 'ambiguous';
}

const dataArb = fc.record({
  places: fc.array(fc.record({ region: fc.integer({ min: -1, max: 3 }), parent: fc.constantFrom('', 'U1', 'U2', 'U3') }), { minLength: 2, maxLength: 12 }), // prettier-ignore
  flows: fc.array(fc.record({ o: fc.nat(11), d: fc.nat(11), y: fc.integer({ min: 2000, max: 2005 }), c: fc.nat(1000) }), { maxLength: 80 }), // prettier-ignore
});

describe('regionFlows', () => {
  it('gives every flow to exactly one of: between units, within a unit, to or from outside, between outside places, unassigned', () => {
    fc.assert(
      fc.property(dataArb, ({ places, flows: raw }) => {
        const n = places.length;
        const rows = raw.filter((f) => f.o < n && f.d < n && f.o !== f.d);
        // One flow per (o, d, y), as the import's sums give them.
        const unique = new Map<string, (typeof rows)[number]>();
        for (const r of rows) unique.set(`${r.o}>${r.d}@${r.y}`, r);
        const list = [...unique.values()];
        const flows: PointFlowTable = {
          length: list.length,
          origin: Uint32Array.from(list, (r) => r.o),
          destination: Uint32Array.from(list, (r) => r.d),
          year: Uint16Array.from(list, (r) => r.y),
          count: Float64Array.from(list, (r) => r.c),
        };
        const log = new IssueLog();
        const result = regionFlows({
          places: { length: n, ids: places.map((_, i) => `p${i}`), names: places.map((_, i) => `P${i}`), parentUnit: places.map((p) => p.parent) }, // prettier-ignore
          placeRegion: Int32Array.from(places, (p) => p.region),
          regionIds: REGIONS,
          flows,
          unitCodes: UNITS,
          rules: RULES,
          log,
        });
        const expected = { between: new Map<string, number>(), within: new Map<string, number>(), to: new Map<string, number>(), from: new Map<string, number>(), outside: new Map<number, number>(), unassigned: new Map<number, number>() }; // prettier-ignore
        const add = <K>(m: Map<K, number>, k: K, c: number) => m.set(k, (m.get(k) ?? 0) + c);
        for (const f of list) {
          const uo = unitOf(places[f.o]!.region, places[f.o]!.parent, f.y);
          const ud = unitOf(places[f.d]!.region, places[f.d]!.parent, f.y);
          if (uo === 'ambiguous' || ud === 'ambiguous') add(expected.unassigned, f.y, f.c);
          else if (uo === 'out' && ud === 'out') add(expected.outside, f.y, f.c);
          else if (uo === 'out') add(expected.from, `${ud}@${f.y}`, f.c);
          else if (ud === 'out') add(expected.to, `${uo}@${f.y}`, f.c);
          else if (uo === ud) add(expected.within, `${uo}@${f.y}`, f.c);
          else add(expected.between, `${uo}>${ud}@${f.y}`, f.c);
        }
        const got = new Map(flowRows(result.columns, 'x').map((r) => [`${r.origin_code}>${r.destination_code}@${r.year}`, r.migrants])); // prettier-ignore
        const perUnit = (t: PointFlowTable) => new Map(Array.from({ length: t.length }, (_, i) => [`${UNITS[t.origin[i]!]}@${t.year[i]}`, t.count[i]!])); // prettier-ignore
        expect(got).toEqual(expected.between);
        expect(perUnit(result.withinUnit)).toEqual(expected.within);
        expect(perUnit(result.toOutside)).toEqual(expected.to);
        expect(perUnit(result.fromOutside)).toEqual(expected.from);
        expect(result.outsideOnly).toEqual(expected.outside);
        expect(new Map([...result.unassigned].map(([y, u]) => [y, u.people]))).toEqual(expected.unassigned);
        // Each polygon with undecided places is named once, with years inside the flows' years.
        const ambiguous = log.issues.filter((i) => i.code === 'region_ambiguous');
        expect(new Set(ambiguous.map((i) => i.params.region)).size).toBe(ambiguous.length);
        expect(ambiguous.length > 0).toBe(expected.unassigned.size > 0);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('reads the crosswalk: a unit from its first year, open ends as null', () => {
    expect(rulesFromCrosswalk([{ unit_code: 'KZ-10', polygon_id: 'KZ-VOS', valid_from: '2022-01-01', valid_to: null }])).toEqual([{ region: 'KZ-VOS', unit: 'KZ-10', fromYear: 2022, toYear: null }]); // prettier-ignore
  });

  it('takes the polygons` ids as unit codes when there are no rules', () => {
    const log = new IssueLog();
    const result = regionFlows({
      places: { length: 2, ids: ['a', 'b'], names: ['A', 'B'], parentUnit: ['', ''] },
      placeRegion: Int32Array.from([0, 1]),
      regionIds: ['U2', 'U3'],
      flows: { length: 1, origin: Uint32Array.of(0), destination: Uint32Array.of(1), year: Uint16Array.of(2024), count: Float64Array.of(12) }, // prettier-ignore
      unitCodes: UNITS,
      rules: null,
      log,
    });
    expect(flowRows(result.columns, 'x').map((r) => [r.origin_code, r.destination_code, r.migrants])).toEqual([['U2', 'U3', 12]]); // prettier-ignore
  });
});
