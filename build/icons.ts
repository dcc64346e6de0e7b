/**
 * The app's icons, made from the map at build time: Kazakhstan's outline
 * (build/outline.ts) in the basemap's land colour on the theme colour, with
 * one flow arc in the map's origin→destination colours, north to south (the
 * story the map tells). SVG for the browser tab, PNG for installation,
 * rendered by resvg.
 */
import { Resvg } from '@resvg/resvg-js';
import type { Outline } from './outline.js';

/** Theme colours: the interface's accent, and the basemap's water (the loading screen's backdrop). */
export const THEME_COLOUR = '#5e3c99';
export const BACKGROUND_COLOUR = '#c6d9e6';
export const DARK_BACKGROUND_COLOUR = '#1b2a36';
const LAND = '#f3f1ec';
const BORDER = '#3b2566';
/** The arcs' origin and destination colours (THEME in the map's layers). */
const ARC_ORIGIN = '#e66101';
const ARC_DESTINATION = '#5e3c99';

export interface IconFile {
  fileName: string;
  /** What the manifest says of it. */
  sizes: string;
  type: 'image/png' | 'image/svg+xml';
  purpose?: 'any' | 'maskable';
  source: Uint8Array | string;
}

/** Lon/lat to the outline's view-box units (the outline's projection: Web Mercator over its box). */
function place(outline: Outline, lon: number, lat: number): [number, number] {
  const [west, south, east, north] = [45, 40, 88, 57.5];
  const y = (l: number) => Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360));
  const width = outline.viewBox[2];
  const height = outline.viewBox[3];
  return [((lon - west) / (east - west)) * width, ((y(north) - y(lat)) / (y(north) - y(south))) * height];
}

/**
 * An icon's SVG: `size` pixels square; the country fills `content` of it
 * (a share of the side), centred. `rounded` gives the corners of a tile
 * (not for maskable icons, which the platform crops itself).
 */
export function iconSvg(outline: Outline, size: number, content: number, rounded: boolean): string {
  // The outline's own box is wider than Kazakhstan: crop to the country (lon 46.5–87.4, lat 40.5–55.5).
  const [x0, y0] = place(outline, 46.4, 55.6);
  const [x1, y1] = place(outline, 87.5, 40.5);
  const box = Math.max(x1 - x0, y1 - y0);
  const scale = (size * content) / box;
  const tx = (size - (x1 - x0) * scale) / 2 - x0 * scale;
  const ty = (size - (y1 - y0) * scale) / 2 - y0 * scale;
  // Kostanay (north) to Almaty (south), bending to its left as the map's arcs do.
  const [ax, ay] = place(outline, 63.6, 53.2);
  const [bx, by] = place(outline, 76.9, 43.3);
  const [cx, cy] = [(ax + bx) / 2 + (by - ay) * 0.35, (ay + by) / 2 - (bx - ax) * 0.35];
  const stroke = box / 55;
  const corner = rounded ? size * 0.18 : 0;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    '<defs><linearGradient id="arc" gradientUnits="userSpaceOnUse"',
    ` x1="${ax.toFixed(0)}" y1="${ay.toFixed(0)}" x2="${bx.toFixed(0)}" y2="${by.toFixed(0)}">`,
    `<stop offset="0" stop-color="${ARC_ORIGIN}"/><stop offset="1" stop-color="${ARC_DESTINATION}"/></linearGradient></defs>`,
    `<rect width="${size}" height="${size}" rx="${corner.toFixed(1)}" fill="${THEME_COLOUR}"/>`,
    `<g transform="translate(${tx.toFixed(2)} ${ty.toFixed(2)}) scale(${scale.toFixed(5)})">`,
    `<path d="${outline.path}" fill="${LAND}" stroke="${BORDER}" stroke-width="${(stroke * 0.6).toFixed(1)}" stroke-linejoin="round"/>`,
    `<path d="M${ax.toFixed(0)} ${ay.toFixed(0)}Q${cx.toFixed(0)} ${cy.toFixed(0)} ${bx.toFixed(0)} ${by.toFixed(0)}"`,
    ` fill="none" stroke="url(#arc)" stroke-width="${(stroke * 2.2).toFixed(1)}" stroke-linecap="round"/>`,
    `<circle cx="${bx.toFixed(0)}" cy="${by.toFixed(0)}" r="${(stroke * 2.4).toFixed(1)}" fill="${ARC_DESTINATION}"/>`,
    '</g></svg>',
  ].join('');
}

function png(svg: string): Uint8Array {
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

/**
 * Every icon the app ships: the tab icon (SVG), the installable icons (192
 * and 512, and a maskable 512 whose country keeps inside the safe circle, 80 %
 * of the side), and the 180 px touch icon that iOS asks for.
 */
export function appIcons(outline: Outline): IconFile[] {
  return [
    { fileName: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', source: iconSvg(outline, 64, 0.86, true) },
    {
      fileName: 'icons/icon-192.png',
      sizes: '192x192',
      type: 'image/png',
      purpose: 'any',
      source: png(iconSvg(outline, 192, 0.86, true)),
    },
    {
      fileName: 'icons/icon-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'any',
      source: png(iconSvg(outline, 512, 0.86, true)),
    },
    {
      fileName: 'icons/icon-maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
      // The safe zone is a circle of 40 % radius: a box of 0.56 of the side fits inside it.
      source: png(iconSvg(outline, 512, 0.56, false)),
    },
    {
      fileName: 'icons/apple-touch-icon.png',
      sizes: '180x180',
      type: 'image/png',
      source: png(iconSvg(outline, 180, 0.8, false)),
    },
  ];
}
