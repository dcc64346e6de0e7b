import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { drawsInYear, layerKind, yearLayerId, YearLayers } from './year-layers';

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
    const cache = new YearLayers();
    const { made, make } = maker();
    const deps = [{}];
    const first = cache.layers(deps, [2020, 2021, 2022], make);
    expect(first.map((l) => l.id)).toEqual(['arcs-2020', 'arcs-2021', 'arcs-2022']);
    const again = cache.layers(deps, [2020, 2021, 2022], make);
    expect(made).toHaveLength(3);
    again.forEach((l, i) => expect(l).toBe(first[i]));
  });

  it('makes every layer anew when an input changes', () => {
    const cache = new YearLayers();
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
});

describe('the draw-time year filter', () => {
  it('draws a year layer only in its year, and every other layer always', () => {
    expect(drawsInYear('arcs-internal-2021', 2021)).toBe(true);
    expect(drawsInYear('arcs-internal-2021', 2020)).toBe(false);
    expect(drawsInYear('nodes-2013', 2013)).toBe(true);
    expect(drawsInYear('choropleth', 2013)).toBe(true);
    expect(drawsInYear('labels', 1999)).toBe(true);
  });

  it('reads the kind of a layer from its id', () => {
    expect(layerKind('arcs-external-2024')).toBe('arcs-external');
    expect(layerKind('nodes-2010')).toBe('nodes');
    expect(layerKind('choropleth')).toBe('choropleth');
    expect(layerKind(undefined)).toBeUndefined();
  });
});
