import { describe, expect, it } from 'vitest';
import { coveredInsets, MIN_FREE, type Box } from './free-area';

const box = (left: number, top: number, width: number, height: number): Box => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('the free map area', () => {
  it('puts desktop columns at the sides and the timeline below', () => {
    const insets = coveredInsets(
      [box(8, 8, 270, 130), box(8, 146, 270, 560), box(1112, 8, 320, 360), box(8, 780, 1424, 112)],
      1440,
      900,
    );
    expect(insets).toEqual({ top: 0, left: 278, right: 328, bottom: 120 });
  });

  it('puts a phone bar on top and a bottom sheet below', () => {
    const insets = coveredInsets([box(0, 0, 390, 48), box(0, 420, 390, 424), box(0, 700, 390, 144)], 390, 844);
    expect(insets).toEqual({ top: 48, left: 0, right: 0, bottom: 424 });
  });

  it('keeps the map above a sheet that stands on the timeline, not in the sliver below it', () => {
    const sheet = box(8, 230, 374, 360);
    const bottom = box(0, 600, 390, 244);
    const insets = coveredInsets([sheet, bottom, box(0, 0, 390, 35)], 390, 844);
    expect(insets).toEqual({ top: 35, left: 0, right: 0, bottom: 614 });
  });

  it('ignores what lies outside the window and what has no size', () => {
    expect(coveredInsets([box(-500, 0, 100, 900), box(200, 200, 0, 0)], 1440, 900)).toEqual({
      top: 0,
      left: 0,
      right: 0,
      bottom: 0,
    });
  });

  it('always leaves room for the map', () => {
    const insets = coveredInsets([box(0, 0, 390, 400), box(0, 380, 390, 464), box(0, 0, 300, 844)], 390, 844);
    expect(844 - insets.top - insets.bottom).toBeGreaterThanOrEqual(MIN_FREE);
    expect(390 - insets.left - insets.right).toBeGreaterThanOrEqual(MIN_FREE);
  });
});
