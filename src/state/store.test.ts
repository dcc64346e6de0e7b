import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { shallowEqual, Store } from './store';

interface S {
  year: number;
  measure: string;
  camera: { lon: number } | null;
}
const store = () => new Store<S>({ year: 2024, measure: 'net', camera: null });

describe('the store', () => {
  it('tells a subscriber only when what it selects changes', () => {
    const s = store();
    const years = vi.fn();
    s.subscribe((x) => x.year, years);
    s.set({ measure: 'density' });
    expect(years).not.toHaveBeenCalled();
    s.set({ year: 2023 });
    expect(years).toHaveBeenCalledWith(2023, 2024);
    s.set({ year: 2023 });
    expect(years).toHaveBeenCalledTimes(1);
  });

  it('compares selections shallowly by default, and as asked otherwise', () => {
    const s = store();
    const both = vi.fn();
    const camera = vi.fn();
    s.subscribe((x) => ({ year: x.year, measure: x.measure }), both);
    s.subscribe((x) => x.camera, camera, { equals: Object.is });
    s.set({ camera: { lon: 1 } });
    s.set({ camera: { lon: 1 } });
    expect(both).not.toHaveBeenCalled();
    expect(camera).toHaveBeenCalledTimes(2);
  });

  it('applies a change made by a listener in the same round, and every subscriber sees the last state', () => {
    const s = store();
    const seen: string[] = [];
    // A listener that reacts to the year by changing the measure (as a story step would).
    s.subscribe(
      (x) => x.year,
      (year) => {
        if (year === 2000) s.set({ measure: 'population' });
      },
    );
    s.subscribe(
      (x) => [x.year, x.measure],
      ([year, measure]) => seen.push(`${year} ${measure}`),
    );
    s.set({ year: 2000 });
    expect(s.get()).toMatchObject({ year: 2000, measure: 'population' });
    expect(seen).toEqual(['2000 population']);
  });

  it('calls at once when asked, stops after unsubscribing, and reports listeners that never settle', () => {
    const s = store();
    const heard = vi.fn();
    const stop = s.subscribe((x) => x.year, heard, { immediate: true });
    expect(heard).toHaveBeenCalledWith(2024, 2024);
    stop();
    s.set({ year: 2001 });
    expect(heard).toHaveBeenCalledTimes(1);
    s.subscribe(
      (x) => x.year,
      (y) => s.set({ year: y + 1 }),
    );
    expect(() => s.set({ year: 0 })).toThrow(/keep changing/);
  });

  it('a subscriber ends with the last value whatever order of changes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2000, max: 2026 }), { maxLength: 30 }), (years) => {
        const s = store();
        let last = s.get().year;
        s.subscribe(
          (x) => x.year,
          (y) => (last = y),
        );
        for (const year of years) s.set({ year });
        expect(last).toBe(s.get().year);
      }),
    );
  });
});

describe('shallowEqual', () => {
  it('compares plain objects and arrays entry by entry, and anything else by identity', () => {
    expect(shallowEqual({ a: 1, b: 'x' }, { a: 1, b: 'x' })).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual([1, 2], [1, 2])).toBe(true);
    expect(shallowEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(shallowEqual({ a: {} }, { a: {} })).toBe(false);
    expect(shallowEqual(NaN, NaN)).toBe(true);
    expect(shallowEqual(null, {})).toBe(false);
  });
});
