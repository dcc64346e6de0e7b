/**
 * The offline basemap: a maplibre style built from the project's own GeoJSON
 * (land, countries, borders, the Caspian Sea). No tile, glyph, sprite or font
 * server: the style has no symbol layers, and labels are drawn by deck.gl.
 *
 * The regions' outlines are maplibre lines over deck.gl's choropleth fill
 * (which is drawn before them): the same lines as deck.gl's path layer, at a
 * fraction of its cost where WebGL runs on a software rasteriser, whose
 * shader compilation made the path layer the dearest part of the first frame.
 */
import type { FilterSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

/** The maplibre layers of the regions' outlines: every region, then the selected one over them. */
export const REGION_OUTLINES = 'region-outlines';
export const SELECTED_OUTLINE = 'region-selected';

/** What the outlines show: the selected region (or none) and the theme's colours. */
export interface OutlineStyle {
  selected: string | null;
  /** CSS colours. */
  colour: string;
  selectedColour: string;
}

/** The filter that keeps only the selected region's outline (none when nothing is selected). */
export const selectedFilter = (selected: string | null): FilterSpecification => [
  '==',
  ['get', 'polygon_id'],
  selected ?? '',
];

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

/** The basemap's style; with regions, their outlines over it (the app's map always has them). */
export function offlineStyle(
  basemapUrl: string,
  colours: BasemapColours = LIGHT,
  regions?: { data: FeatureCollection; outlines: OutlineStyle },
): StyleSpecification {
  return {
    version: 8,
    name: 'offline',
    sources: {
      basemap: { type: 'geojson', data: basemapUrl },
      ...(regions ? { regions: { type: 'geojson', data: regions.data } } : {}),
    },
    layers: [
      { id: 'water-background', type: 'background', paint: { 'background-color': colours.water } },
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
      ...(regions ? outlineLayers(regions.outlines) : []),
    ],
  };
}

function outlineLayers(outlines: OutlineStyle): StyleSpecification['layers'] {
  return [
    {
      id: REGION_OUTLINES,
      type: 'line',
      source: 'regions',
      paint: { 'line-color': outlines.colour, 'line-width': 1 },
    },
    {
      id: SELECTED_OUTLINE,
      type: 'line',
      source: 'regions',
      filter: selectedFilter(outlines.selected),
      paint: { 'line-color': outlines.selectedColour, 'line-width': 3 },
    },
  ];
}
