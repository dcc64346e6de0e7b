/**
 * A bare maplibre map with the app's basemap (the same offline style and
 * GeoJSON, the same opening bounds), nothing else: what the app's first frame
 * is compared with. window.__bare.idleAt is performance.now() when the map is
 * first idle (style, basemap and its first full frame done).
 */
import * as maplibregl from 'maplibre-gl';
import basemapUrl from '../../../geo/basemap.geojson?url';
import { basemapLayers, LIGHT, offlineStyle } from '../../../src/render/basemap-style';
// Also sets maplibre's worker URL and its style sheet, as the app does.
import { HOME_BOUNDS } from '../../../src/render/map-view';

const bare: { idleAt?: number } = {};
(window as unknown as { __bare: typeof bare }).__bare = bare;
const map = new maplibregl.Map({
  container: document.getElementById('map')!,
  style: offlineStyle(),
  bounds: HOME_BOUNDS,
  attributionControl: false,
});
// The app adds the basemap's land, countries and borders to the started map; so does this page.
map.once('load', () => {
  map.addSource('basemap', { type: 'geojson', data: new URL(basemapUrl, location.href).href });
  for (const layer of basemapLayers(LIGHT)) map.addLayer(layer);
  map.once('idle', () => (bare.idleAt = performance.now()));
});
