import { describe, expect, it } from 'vitest';
import type { LabelDatum } from '../core/view/map-labels';
import { placeLabels, type Placement } from './label-placement';

/** Positions are screen pixels already; every character is 6 px wide, labels 10 px high. */
const placement = (area?: Placement['area']): Placement => ({
  project: (p) => p,
  measure: (line) => line.length * 6,
  size: () => 10,
  area,
});

const label = (text: string, x: number, y: number, priority = 1): LabelDatum => ({
  position: [x, y],
  text,
  priority,
  kind: 'region',
});

describe('label placement', () => {
  it('keeps the higher-priority label where two would overlap, in the input order', () => {
    const labels = [label('Akmola', 100, 100, 2), label('Astana', 105, 102, 3), label('Pavlodar', 300, 100, 2)];
    expect(placeLabels(labels, placement()).map((l) => l.text)).toEqual(['Astana', 'Pavlodar']);
  });

  it('leaves out labels wholly outside the area, keeps those that touch it', () => {
    const labels = [label('in', 50, 50), label('edge', -10, 50), label('far', 5000, 50), label('above', 50, -900)];
    const kept = placeLabels(labels, placement([0, 0, 800, 600])).map((l) => l.text);
    expect(kept).toEqual(['in', 'edge']);
    // Without an area every label that does not collide is kept.
    expect(placeLabels(labels, placement()).map((l) => l.text)).toEqual(['in', 'edge', 'far', 'above']);
  });

  it('a label left out for lying outside takes no room from the others', () => {
    const far = label('far away', 5000, 50, 9);
    const near = label('near', 5002, 52, 1);
    expect(placeLabels([far, near], placement([0, 0, 800, 600]))).toEqual([]);
    const inside = label('inside', 400, 300, 1);
    expect(placeLabels([far, inside], placement([0, 0, 800, 600]))).toEqual([inside]);
  });
});
