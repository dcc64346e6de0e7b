import { describe, expect, it } from 'vitest';
import { apartInGreyscale, relativeLuminance } from './greyscale';
import { legendStops, makeScale } from './scales';
import { HIGH_CONTRAST_THEME, THEME } from './theme';

describe('greyscale', () => {
  it('relative luminance runs from black (0) to white (1) with green weighed most', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 9);
    expect(relativeLuminance([0, 255, 0])).toBeGreaterThan(relativeLuminance([255, 0, 0]));
    expect(relativeLuminance([255, 0, 0])).toBeGreaterThan(relativeLuminance([0, 0, 255]));
  });

  it('net migration: the diverging palette’s two ends look alike in greyscale (so the handout marks them)', () => {
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
});
