/**
 * Everything that draws with deck.gl: its overlay and the renderer with the
 * layers. A chunk of its own (src/main.ts imports it dynamically at start-up):
 * the page's first script, with the map and the panels, stays small, and
 * deck.gl's code arrives beside the regions while the map starts.
 */
export { MapLibreOverlay } from '@deck.gl/maplibre';
export { MapRenderer } from './map-renderer';
