/**
 * How colours read once printed in black and white: the WCAG relative
 * luminance of an sRGB colour (0 = black, 1 = white). The print handout uses
 * it to decide whether a scale's or an arc's two ends stay apart in greyscale
 * or need a pattern and a printed word to tell them apart.
 */
type Rgb = readonly [number, number, number, ...number[]];

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export function relativeLuminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Two colours differing by less than this in relative luminance look alike on a greyscale print. */
export const GREYSCALE_APART = 0.25;

export function apartInGreyscale(a: Rgb, b: Rgb): boolean {
  return Math.abs(relativeLuminance(a) - relativeLuminance(b)) >= GREYSCALE_APART;
}
