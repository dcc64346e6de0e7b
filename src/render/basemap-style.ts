/**
 * The offline basemap: a maplibre style built from the project's own GeoJSON
 * (land, countries, borders, the Caspian Sea). No tile, glyph, sprite or font
 * server: the style has no symbol layers, and labels are drawn by deck.gl.
 * The regions (fill and outlines) are drawn by deck.gl in its own canvas over
 * this one, so that a year step does not redraw the basemap.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';

export interface BasemapColours {
  water: string;
  land: string;
  country: string;
  border: string;
}

export const LIGHT: BasemapColours = {
  water: '#c6d9e6',
  land: '#f3f1ec',
  country: '#ebe8e1',
  border: '#9b968c',
};

/** Follows a dark system theme. */
export const DARK: BasemapColours = {
  water: '#1b2a36',
  land: '#2b2b2e',
  country: '#323235',
  border: '#77736b',
};

/** For washed-out projectors: white land, dark borders, clearly blue water. */
export const HIGH_CONTRAST: BasemapColours = {
  water: '#8fb8d8',
  land: '#ffffff',
  country: '#ffffff',
  border: '#1d1d1f',
};

/**
 * The map's style at start: the water colour alone, with no source, so that
 * the map loads without waiting for its worker (a GeoJSON source is read
 * there). The land, countries and borders join after the first frame
 * (basemapLayers).
 */
export function offlineStyle(colours: BasemapColours = LIGHT): StyleSpecification {
  return {
    version: 8,
    name: 'offline',
    sources: {},
    layers: [{ id: 'water-background', type: 'background', paint: { 'background-color': colours.water } }],
  };
}

/** The basemap's GeoJSON layers, drawn from the source named 'basemap' (over the water background). */
export function basemapLayers(colours: BasemapColours): LayerSpecification[] {
  return [
    {
      id: 'land',
      type: 'fill',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'land'],
      paint: { 'fill-color': colours.land },
    },
    {
      id: 'countries',
      type: 'fill',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'country'],
      paint: { 'fill-color': colours.country },
    },
    {
      id: 'water',
      type: 'fill',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'water'],
      paint: { 'fill-color': colours.water },
    },
    {
      id: 'borders',
      type: 'line',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'border'],
      paint: { 'line-color': colours.border, 'line-width': 0.8 },
    },
  ];
}

/** Whether two sets of basemap colours are the same (MapView paints only a change). */
export const sameColours = (a: BasemapColours, b: BasemapColours): boolean =>
  a.water === b.water && a.land === b.land && a.country === b.country && a.border === b.border;

/** Each basemap layer's paint property that takes a colour, and the colour it takes. */
export function basemapPaint(
  colours: BasemapColours,
): [layer: string, property: 'background-color' | 'fill-color' | 'line-color', colour: string][] {
  return [
    ['water-background', 'background-color', colours.water],
    ['land', 'fill-color', colours.land],
    ['countries', 'fill-color', colours.country],
    ['water', 'fill-color', colours.water],
    ['borders', 'line-color', colours.border],
  ];
}
