import { describe, expect, it } from 'vitest';
import { builtInData } from './view/test-data';
import { CLASS_COUNT, legendPosition, legendStops, makeScale, NO_DATA } from './scales';

describe('colour scales', () => {
  it('diverging scales are symmetric around zero with zero in the middle', () => {
    const s = makeScale('net', [-12000, 73238, 500]);
    expect(s.kind).toBe('diverging');
    expect(s.domain).toEqual([-80000, 0, 80000]);
    expect(legendPosition(s, 0)).toBeCloseTo(0.5, 9);
    expect(s.ticks).toContain(0);
    expect(s.ticks[0]).toBe(-s.ticks[s.ticks.length - 1]!);
    // Gains and losses of the same size get different colours, equally far from the middle colour.
    expect(s.colour(5000)).not.toEqual(s.colour(-5000));
  });

  it('density and population are in quantile classes: about as many figures in each, bounds rounded', () => {
    const values = Array.from({ length: 70 }, (_, i) => 1.3 + i * 0.37);
    const s = makeScale('density', values);
    expect(s.transform).toBe('classes');
    expect(s.classes).toBe(CLASS_COUNT);
    expect(s.ticks).toHaveLength(CLASS_COUNT - 1);
    for (const bound of s.ticks) expect(Number(bound.toPrecision(2))).toBe(bound);
    const perClass = new Map<string, number>();
    for (const v of values) perClass.set(String(s.colour(v)), (perClass.get(String(s.colour(v))) ?? 0) + 1);
    expect(perClass.size).toBe(CLASS_COUNT);
    for (const n of perClass.values()) expect(n).toBeGreaterThanOrEqual(8);
    // The bar: one solid stop per class, each bound at its class's edge, the ends at 0 and 1.
    expect(legendStops(s)).toHaveLength(CLASS_COUNT);
    s.ticks.forEach((bound, i) => expect(legendPosition(s, bound)).toBeCloseTo((i + 1) / CLASS_COUNT, 9));
    expect(legendPosition(s, values[0]!)).toBe(0);
    expect(legendPosition(s, values[values.length - 1]!)).toBe(1);
    // One figure, or none: a single class, no ticks.
    expect(makeScale('population', [5, 5]).ticks).toEqual([]);
    expect(makeScale('population', []).classes).toBe(1);
  });

  it('density shows north against south in the built-in data (the log scale put every region in its palest tenth)', () => {
    const { measures } = builtInData().dataset;
    const s = makeScale('density', measures.allValues('density'));
    const classOf = (id: string) => legendStops(s).findIndex((c) => String(c) === String(s.colour(density(id))));
    const density = (id: string) => measures.values('density', 2024).get(id)!.value!;
    const north = ['KZ-KUS', 'KZ-SEV', 'KZ-AKM', 'KZ-PAV'].map(classOf);
    const south = ['KZ-61', 'KZ-ZHA'].map(classOf);
    // Every northern region at least one class paler than each southern one; Turkestan two or more.
    expect(Math.max(...north)).toBeLessThan(Math.min(...south));
    expect(classOf('KZ-61') - Math.max(...north)).toBeGreaterThanOrEqual(2);
    // Kazakhstan's regions (the three cities apart) span at least four of the classes.
    const regions = [...measures.values('density', 2024).keys()].filter(
      (id) => id.startsWith('KZ-') && !['KZ-AST', 'KZ-ALA', 'KZ-79'].includes(id),
    );
    expect(new Set(regions.map(classOf)).size).toBeGreaterThanOrEqual(4);
  });

  it('sequential colours increase monotonically in darkness', () => {
    const s = makeScale('population', [100000, 2000000]);
    const lum = (v: number) =>
      s
        .colour(v)
        .slice(0, 3)
        .reduce((a, b) => a + b, 0);
    expect(lum(200000)).toBeGreaterThan(lum(1000000));
    expect(lum(1000000)).toBeGreaterThan(lum(1900000));
  });

  it('never gives the no-data grey to a value', () => {
    for (const m of ['population', 'density', 'change', 'net', 'netRate', 'arrivals', 'departures'] as const) {
      const s = makeScale(m, [-100, 0, 1, 100, 10000]);
      for (const v of [-100, 0, 1, 50, 100, 10000]) expect(s.colour(v)).not.toEqual(NO_DATA);
    }
  });

  it('clamps values outside the domain instead of extrapolating', () => {
    const s = makeScale('population', [0, 1000]);
    expect(s.colour(5000)).toEqual(s.colour(1000));
  });
});
