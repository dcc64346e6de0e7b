import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { LayerRegistry, yearLayerId, YearLayers } from './year-layers';

const maker = () => {
  const made: string[] = [];
  const make = (year: number) => {
    made.push(yearLayerId('arcs', year));
    return { id: yearLayerId('arcs', year) } as unknown as Layer;
  };
  return { made, make };
};

describe('YearLayers', () => {
  it('makes each year’s layer once and hands back the same objects while the inputs stay', () => {
    const cache = new YearLayers(new LayerRegistry(), 'arcs');
    const { made, make } = maker();
    const deps = [{}];
    const first = cache.layers(deps, [2020, 2021, 2022], make);
    expect(first.map((l) => l.id)).toEqual(['arcs-2020', 'arcs-2021', 'arcs-2022']);
    const again = cache.layers(deps, [2020, 2021, 2022], make);
    expect(made).toHaveLength(3);
    again.forEach((l, i) => expect(l).toBe(first[i]));
  });

  it('makes every layer anew when an input changes', () => {
    const cache = new YearLayers(new LayerRegistry(), 'arcs');
    const { made, make } = maker();
    const filter = new Float32Array(4);
    cache.layers([filter, 'style'], [2020, 2021], make);
    cache.layers([filter, 'style'], [2020, 2021], make);
    expect(made).toHaveLength(2);
    cache.layers([new Float32Array(4), 'style'], [2020, 2021], make);
    expect(made).toHaveLength(4);
    cache.layers([filter, 'other style'], [2020, 2021], make);
    expect(made).toHaveLength(6);
  });

  it('given the shown year, makes it alone on a change and the others after the next frame, the shown year always', () => {
    const registry = new LayerRegistry();
    const cache = new YearLayers(registry, 'arcs');
    const { made, make } = maker();
    const years = Array.from({ length: 20 }, (_, i) => 2005 + i);
    const deps = [{}];
    const first = cache.layers(deps, years, make, 2015);
    expect(first.map((l) => l.id)).toEqual(['arcs-2015']);
    expect(cache.missing).toBe(19);
    // Asked again before deck.gl has drawn the change: still only the shown year.
    expect(cache.layers(deps, years, make, 2015)).toEqual(first);
    expect(cache.missing).toBe(19);
    registry.frameDrawn();
    const second = cache.layers(deps, years, make, 2015);
    expect(cache.missing).toBe(0);
    expect(second.map((l) => l.id)).toEqual(years.map((y) => yearLayerId('arcs', y)));
    expect(second[10]).toBe(first[0]);
    expect(new Set(made).size).toBe(20);
    expect(made).toHaveLength(20);
    const calls = [second];
    // Once all are made, the same objects come back.
    cache.layers(deps, years, make, 2015).forEach((l, i) => expect(l).toBe(calls.at(-1)![i]));
    // A year step right after a change finds the new year's layer made at once.
    const next = [{}];
    const changed = cache.layers(next, years, make, 2015);
    // On a change the other years' old layers come back as they were, under the same ids (deck.gl
    // skips them, and updates them in place when their new layers come); only the shown year's is new.
    expect(changed.map((l) => l.id)).toEqual(years.map((y) => yearLayerId('arcs', y)));
    changed.forEach((l, i) => (years[i] === 2015 ? expect(l).not.toBe(second[i]) : expect(l).toBe(second[i])));
    expect(cache.missing).toBe(19);
    const stepped = cache.layers(next, years, make, 2006);
    expect(stepped[1]).not.toBe(second[1]);
    expect(stepped[1]!.id).toBe('arcs-2006');
    registry.frameDrawn();
    const after = cache.layers(next, years, make, 2015);
    expect(cache.missing).toBe(0);
    after.forEach((l, i) => expect(l).not.toBe(second[i]));
    expect(made).toHaveLength(40);
  });
});

describe('the draw-time year filter', () => {
  it('draws a year layer only in its year, and every other layer always', () => {
    const registry = new LayerRegistry();
    const cache = new YearLayers(registry, 'arcs-internal');
    const [y2020, y2021] = cache.layers([], [2020, 2021], (y) => ({ id: `any-${y}` }) as unknown as Layer);
    const labels = { id: 'labels-2013' } as unknown as Layer;
    registry.add(labels, 'labels');
    expect(registry.drawsIn(y2021!, 2021)).toBe(true);
    expect(registry.drawsIn(y2021!, 2020)).toBe(false);
    expect(registry.drawsIn(y2020!, 2020)).toBe(true);
    // Not from the id: a layer whose id ends in a year but is not a year layer draws always.
    expect(registry.drawsIn(labels, 1999)).toBe(true);
    expect(registry.drawsIn({ id: 'unknown-2013' } as unknown as Layer, 2020)).toBe(true);
  });

  it('knows the kind of each layer it made', () => {
    const registry = new LayerRegistry();
    const [layer] = new YearLayers(registry, 'arcs-external').layers(
      [],
      [2024],
      () => ({ id: 'x' }) as unknown as Layer,
    );
    expect(registry.kindOf(layer)).toBe('arcs-external');
    expect(registry.yearOf(layer!)).toBe(2024);
    expect(registry.kindOf(undefined)).toBeUndefined();
  });
});
