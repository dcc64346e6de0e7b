import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { YearLayers } from './year-layers';

type Fake = { id: string; visible: boolean };
const maker = () => {
  const made: Fake[] = [];
  const make = (year: number, visible: boolean) => {
    const layer = { id: `arcs-${year}`, visible };
    made.push(layer);
    return layer as unknown as Layer;
  };
  return { made, make };
};
const view = (layers: Layer[]) => (layers as unknown as Fake[]).map((l) => `${l.id}:${l.visible ? 'shown' : 'hidden'}`);

describe('YearLayers', () => {
  it("a year step hands deck.gl the same layer objects, only the two years' swapped", () => {
    const cache = new YearLayers();
    const { made, make } = maker();
    const deps = [{}];
    const first = cache.layers(deps, [2020, 2021, 2022], 2020, make);
    expect(view(first)).toEqual(['arcs-2020:shown', 'arcs-2021:hidden', 'arcs-2022:hidden']);
    expect(made).toHaveLength(6);
    const next = cache.layers(deps, [2020, 2021, 2022], 2021, make);
    expect(view(next)).toEqual(['arcs-2020:hidden', 'arcs-2021:shown', 'arcs-2022:hidden']);
    expect(made).toHaveLength(6); // nothing made on a step
    expect(next[2]).toBe(first[2]);
    expect(cache.layers(deps, [2020, 2021, 2022], 2020, make)[0]).toBe(first[0]);
  });

  it('makes every layer anew when an input changes, and none when the same inputs come again', () => {
    const cache = new YearLayers();
    const { made, make } = maker();
    const filter = new Float32Array(4);
    cache.layers([filter, 'style'], [2020, 2021], 2020, make);
    cache.layers([filter, 'style'], [2020, 2021], 2020, make);
    expect(made).toHaveLength(4);
    cache.layers([new Float32Array(4), 'style'], [2020, 2021], 2020, make);
    expect(made).toHaveLength(8);
    cache.layers([filter, 'other style'], [2020, 2021], 2020, make);
    expect(made).toHaveLength(12);
  });

  it('a year without a layer of its own shows none', () => {
    const cache = new YearLayers();
    const { make } = maker();
    expect(view(cache.layers([], [2020, 2021], 2013, make))).toEqual(['arcs-2020:hidden', 'arcs-2021:hidden']);
  });
});
