import { describe, expect, it } from 'vitest';
import { apartInGreyscale, GREYSCALE_APART, relativeLuminance } from './greyscale';
import { legendStops, makeScale, paletteColour } from './scales';
import { HIGH_CONTRAST_THEME, THEME } from './theme';

describe('greyscale', () => {
  it('relative luminance runs from black (0) to white (1) with green weighed most', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 9);
    expect(relativeLuminance([0, 255, 0])).toBeGreaterThan(relativeLuminance([255, 0, 0]));
    expect(relativeLuminance([255, 0, 0])).toBeGreaterThan(relativeLuminance([0, 0, 255]));
  });

  it('on screen, net migration: the diverging palette’s two ends look alike in greyscale', () => {
    const stops = legendStops(makeScale('net', [-12000, 73238]));
    const [loss, gain] = [stops[0]!, stops[stops.length - 1]!];
    expect(apartInGreyscale(loss, gain)).toBe(false);
    // Both ends are dark, the middle light: greyscale keeps the size, not the sign.
    const middle = stops[Math.floor(stops.length / 2)]!;
    expect(relativeLuminance(middle) - Math.max(relativeLuminance(loss), relativeLuminance(gain))).toBeGreaterThan(0.5);
  });

  it('arcs: the origin end is clearly lighter than the destination end (the handout says so in words)', () => {
    for (const theme of [THEME, HIGH_CONTRAST_THEME])
      expect(relativeLuminance(theme.origin) - relativeLuminance(theme.destination)).toBeGreaterThan(0.1);
  });

  it('the print palette: a diverging scale grows lighter from loss through zero to gain, its ends and middle apart', () => {
    for (const scale of [
      makeScale('net', [-12000, 73238]),
      makeScale('netRate', [-14, 9]),
      makeScale('change', [-5e4, 4e4]),
    ]) {
      const luminance = legendStops(scale, 64, 'print').map(relativeLuminance);
      for (let i = 1; i < luminance.length; i++) expect(luminance[i]!).toBeGreaterThan(luminance[i - 1]!);
      const [loss, middle, gain] = [luminance[0]!, luminance[32]!, luminance[63]!];
      expect(middle - loss).toBeGreaterThanOrEqual(GREYSCALE_APART);
      expect(gain - middle).toBeGreaterThanOrEqual(GREYSCALE_APART);
      // The regions drawn in it: a loss darker than no change, no change darker than a gain.
      const [a, b, c] = scale.domain as [number, number, number];
      const grey = (v: number) => relativeLuminance(paletteColour(scale, v, 'print'));
      expect(grey(b) - grey(a / 4)).toBeGreaterThan(0.05);
      expect(grey(c / 4) - grey(b)).toBeGreaterThan(0.05);
      expect(apartInGreyscale(paletteColour(scale, a, 'print'), paletteColour(scale, c, 'print'))).toBe(true);
      // On screen the colours stay BrBG's.
      expect(paletteColour(scale, a, 'screen')).toEqual(scale.colour(a));
    }
  });

  it('the print palette keeps a sequential scale as on screen: it darkens all the way', () => {
    // A continuous sequential scale (arrivals) and one in colour classes (population).
    const populations = Array.from({ length: 40 }, (_, i) => 1e5 * 1.08 ** i);
    for (const scale of [makeScale('arrivals', [0, 5e4]), makeScale('population', populations)]) {
      const stops = legendStops(scale, 32, 'print');
      expect(stops).toEqual(legendStops(scale));
      expect(stops.length).toBeGreaterThan(5);
      const luminance = stops.map(relativeLuminance);
      for (let i = 1; i < luminance.length; i++) expect(luminance[i]!).toBeLessThan(luminance[i - 1]!);
      expect(luminance[0]! - luminance.at(-1)!).toBeGreaterThan(GREYSCALE_APART);
    }
  });
});
