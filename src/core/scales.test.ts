import { describe, expect, it } from 'vitest';
import { legendPosition, makeScale, NO_DATA } from './scales';

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

  it('sequential log scale spans powers of ten for density', () => {
    const s = makeScale('density', [1.4, 9, 3400]);
    expect(s.domain).toEqual([1, 10000]);
    expect(legendPosition(s, 100)).toBeCloseTo(0.5, 9);
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
