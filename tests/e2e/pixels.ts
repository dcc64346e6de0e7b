/**
 * Pixel helpers for the end-to-end tests: the map's WebGL canvases (maplibre's
 * basemap, and deck.gl's over it) keep their drawing buffers, so their last
 * frames can be copied, one over the other, into a 2D canvas in the page and
 * read back here. DOM panels, the tooltip and notices lie above the canvases
 * and are not part of them.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

export type Rgb = [number, number, number];

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row, as ImageData holds it. */
  data: Uint8Array;
}

/** A rectangle in CSS pixels of the page (the canvas fills the viewport at device pixel ratio 1). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Internal arcs run from orange (origin) to purple (destination): THEME in src/render/layers.ts. */
export const ARC_ORIGIN: Rgb = [230, 97, 1];
export const ARC_DESTINATION: Rgb = [94, 60, 153];

/** Basemap colours (LIGHT in src/render/basemap-style.ts): water, land, countries. */
export const BASEMAP: Rgb[] = [
  [0xc6, 0xd9, 0xe6],
  [0xf3, 0xf1, 0xec],
  [0xeb, 0xe8, 0xe1],
];

/** Copies the map's current frame (basemap and deck.gl's canvas, whole) and returns its pixels. */
export async function readCanvas(page: Page): Promise<Pixels> {
  // The frame travels as a PNG data URL: Playwright serialises a 5 MB typed array (1400×900) in
  // about 0.9 s, the PNG in a fraction of that, and the picture is lossless.
  const dataUrl = await page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('#map canvas')];
    const source = canvases[0];
    if (!source) throw new Error('no map canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d')!;
    for (const c of canvases) ctx.drawImage(c, 0, 0, copy.width, copy.height);
    return copy.toDataURL('image/png');
  });
  return decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

export function pixelAt(p: Pixels, x: number, y: number): Rgb {
  const i = (Math.round(y) * p.width + Math.round(x)) * 4;
  return [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
}

export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Distance of a colour from the straight line between two colours in RGB (the arc gradient). */
export function distanceToGradient(c: Rgb, from: Rgb, to: Rgb): number {
  const d = [to[0] - from[0], to[1] - from[1], to[2] - from[2]] as const;
  const v = [c[0] - from[0], c[1] - from[1], c[2] - from[2]] as const;
  const len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  const t = Math.max(0, Math.min(1, (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / len2));
  return colourDistance(c, [from[0] + t * d[0], from[1] + t * d[1], from[2] + t * d[2]]);
}

function clip(p: Pixels, rect?: Rect): { x0: number; y0: number; x1: number; y1: number } {
  const r = rect ?? { x: 0, y: 0, width: p.width, height: p.height };
  return {
    x0: Math.max(0, Math.floor(r.x)),
    y0: Math.max(0, Math.floor(r.y)),
    x1: Math.min(p.width, Math.ceil(r.x + r.width)),
    y1: Math.min(p.height, Math.ceil(r.y + r.height)),
  };
}

/** Pixels of a rectangle whose colour lies within `tolerance` of the internal arcs' orange→purple gradient. */
export function countArcPixels(p: Pixels, rect?: Rect, tolerance = 28): number {
  const { x0, y0, x1, y1 } = clip(p, rect);
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      if (distanceToGradient(pixelAt(p, x, y), ARC_ORIGIN, ARC_DESTINATION) < tolerance) n++;
  return n;
}

/** Pixels of a rectangle that are none of the basemap colours (within `tolerance`). */
export function countNonBasemap(p: Pixels, rect?: Rect, tolerance = 6): number {
  const { x0, y0, x1, y1 } = clip(p, rect);
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const c = pixelAt(p, x, y);
      if (BASEMAP.every((b) => colourDistance(c, b) > tolerance)) n++;
    }
  return n;
}

/** Share of pixels of a rectangle that differ (by more than `tolerance`) between two frames. */
export function differingShare(a: Pixels, b: Pixels, rect?: Rect, tolerance = 12): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const { x0, y0, x1, y1 } = clip(a, rect);
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) if (colourDistance(pixelAt(a, x, y), pixelAt(b, x, y)) > tolerance) n++;
  return n / Math.max(1, (x1 - x0) * (y1 - y0));
}

/** The most frequent colour of a square around a point (robust to an arc or a label crossing it). */
export function dominantColour(p: Pixels, cx: number, cy: number, half = 12): { colour: Rgb; share: number } {
  const counts = new Map<number, number>();
  const { x0, y0, x1, y1 } = clip(p, { x: cx - half, y: cy - half, width: 2 * half + 1, height: 2 * half + 1 });
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const [r, g, b] = pixelAt(p, x, y);
      const key = (r << 16) | (g << 8) | b;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  let best = 0;
  let bestCount = 0;
  for (const [key, count] of counts)
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  return {
    colour: [(best >> 16) & 255, (best >> 8) & 255, best & 255],
    share: bestCount / Math.max(1, (x1 - x0) * (y1 - y0)),
  };
}

/**
 * A point near (cx, cy), searching outwards up to `radius`, whose whole
 * (2·margin+1)² neighbourhood has the given colour: a spot where the pointer
 * touches only that fill (no arc, node, label or border).
 */
export function findCleanSpot(
  p: Pixels,
  cx: number,
  cy: number,
  colour: Rgb,
  opts: { radius?: number; margin?: number; tolerance?: number } = {},
): [number, number] | null {
  const radius = opts.radius ?? 60;
  const margin = opts.margin ?? 5;
  const tolerance = opts.tolerance ?? 4;
  const clean = (x: number, y: number) => {
    for (let dy = -margin; dy <= margin; dy++)
      for (let dx = -margin; dx <= margin; dx++) {
        const px = x + dx;
        const py = y + dy;
        if (px < 0 || py < 0 || px >= p.width || py >= p.height) return false;
        if (colourDistance(pixelAt(p, px, py), colour) > tolerance) return false;
      }
    return true;
  };
  for (let r = 0; r <= radius; r += 2)
    for (let dy = -r; dy <= r; dy += 2)
      for (let dx = -r; dx <= r; dx += 2) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
        const x = Math.round(cx + dx);
        const y = Math.round(cy + dy);
        if (clean(x, y)) return [x, y];
      }
  return null;
}

/** Decodes PNG bytes (a screenshot or an exported picture) into pixels. */
export function decodePng(bytes: Uint8Array): Pixels {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/** A band of whole rows (y0 to y0 + height) of a picture, as a picture of its own. */
export function rows(p: Pixels, y0: number, height: number): Pixels {
  return { width: p.width, height, data: p.data.subarray(y0 * p.width * 4, (y0 + height) * p.width * 4) };
}
