/**
 * A bare maplibre map with the app's basemap (the same offline style and
 * GeoJSON, the same opening bounds), nothing else: what the app's first frame
 * is compared with. window.__bare.idleAt is performance.now() when the map is
 * first idle (style, basemap and its first full frame done).
 */
import * as maplibregl from 'maplibre-gl';
import basemapUrl from '../../../geo/basemap.geojson?url';
import { offlineStyle } from '../../../src/render/basemap-style';
// Also sets maplibre's worker URL and its style sheet, as the app does.
import { HOME_BOUNDS } from '../../../src/render/map-view';

const bare: { idleAt?: number } = {};
(window as unknown as { __bare: typeof bare }).__bare = bare;
const map = new maplibregl.Map({
  container: document.getElementById('map')!,
  style: offlineStyle(new URL(basemapUrl, location.href).href),
  bounds: HOME_BOUNDS,
  attributionControl: false,
});
map.once('idle', () => (bare.idleAt = performance.now()));
