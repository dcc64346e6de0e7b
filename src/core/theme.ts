/**
 * The colours of what deck.gl draws over the basemap (arcs, outlines, labels,
 * nodes), shared by the map, the legend and exported pictures.
 */
import type { Rgba } from './scales';

export interface Theme {
  origin: Rgba;
  destination: Rgba;
  externalOrigin: Rgba;
  externalDestination: Rgba;
  outline: Rgba;
  /** District borders (admin-2), drawn under the regions' outlines when the district level is shown. */
  districtOutline: Rgba;
  selectedOutline: Rgba;
  label: Rgba;
  labelHalo: Rgba;
  node: Rgba;
  nodeOutline: Rgba;
}

/** Orange to purple (PuOr ends): colour-blind safe and apart from the choropleth's schemes. */
export const THEME: Theme = {
  origin: [230, 97, 1, 230],
  destination: [94, 60, 153, 230],
  externalOrigin: [200, 30, 110, 190],
  externalDestination: [20, 20, 20, 190],
  outline: [255, 255, 255, 220],
  districtOutline: [60, 60, 60, 150],
  selectedOutline: [20, 20, 20, 255],
  label: [30, 30, 30, 255],
  labelHalo: [255, 255, 255, 235],
  node: [255, 255, 255, 170],
  nodeOutline: [40, 40, 40, 255],
};

/** Follows a dark system theme: light labels on a dark halo. */
export const DARK_THEME: Theme = {
  ...THEME,
  outline: [20, 20, 22, 220],
  districtOutline: [225, 225, 225, 140],
  selectedOutline: [255, 255, 255, 255],
  label: [245, 245, 245, 255],
  labelHalo: [20, 20, 22, 235],
  node: [30, 30, 32, 190],
  nodeOutline: [230, 230, 230, 255],
  externalDestination: [235, 235, 235, 200],
};

/** For washed-out projectors: black outlines and labels, stronger arcs. */
export const HIGH_CONTRAST_THEME: Theme = {
  ...THEME,
  origin: [200, 70, 0, 255],
  destination: [64, 0, 140, 255],
  externalOrigin: [190, 0, 100, 255],
  externalDestination: [0, 0, 0, 255],
  outline: [30, 30, 30, 255],
  districtOutline: [0, 0, 0, 200],
  label: [0, 0, 0, 255],
  labelHalo: [255, 255, 255, 255],
  nodeOutline: [0, 0, 0, 255],
};

/** High contrast wins; otherwise the map follows the system's dark theme. */
export function themeFor(highContrast: boolean, dark: boolean): Theme {
  if (highContrast) return HIGH_CONTRAST_THEME;
  return dark ? DARK_THEME : THEME;
}

/** A colour as CSS. */
export const cssColour = (c: Rgba): string => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;
