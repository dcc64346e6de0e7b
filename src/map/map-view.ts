/**
 * The maplibre map with deck.gl interleaved in its WebGL2 context. The
 * basemap is the offline style; an online style URL is only used when the
 * user opts in.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';
// maplibre-gl 6 locates its worker at run time and Vite does not copy it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Camera } from '../state/url-state';
import { offlineStyle } from './basemap-style';
import { isSoftwareRenderer } from './gpu';

maplibregl.setWorkerUrl(workerUrl);

/** Kazakhstan and the Russian border subjects. */
export const HOME_BOUNDS: [[number, number], [number, number]] = [
  [45, 40],
  [88, 57.5],
];

/** Room for the panels around the map: settings left, legend right, timeline below. */
const HOME_PADDING = { top: 20, left: 270, right: 320, bottom: 140 };

const CLICKABLE_LAYERS = ['nodes', 'choropleth'];

export interface MapViewOptions {
  container: HTMLElement;
  basemapUrl: string;
  camera: Camera | null;
  onHover: (info: PickingInfo) => void;
  onClick: (info: PickingInfo) => void;
  onMove: (camera: Camera) => void;
  /** Called after deck.gl has drawn a frame. */
  onAfterRender?: () => void;
}

export class MapView {
  readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  readonly ready: Promise<void>;

  constructor(opts: MapViewOptions) {
    this.map = new maplibregl.Map({
      container: opts.container,
      style: offlineStyle(opts.basemapUrl),
      ...(opts.camera
        ? { center: [opts.camera.lon, opts.camera.lat], zoom: opts.camera.zoom }
        : { bounds: HOME_BOUNDS, fitBoundsOptions: { padding: HOME_PADDING } }),
      minZoom: 2,
      maxZoom: 9,
      // Lets tests read pixels and users export the picture.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: !isSoftwareRenderer() },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onHover: opts.onHover,
      onAfterRender: opts.onAfterRender,
    });
    this.map.addControl(this.overlay);
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('moveend', () => opts.onMove(this.camera()));
    // Clicks are taken from maplibre and picked here rather than through deck.gl's click
    // recognizer, which drops presses longer than its tap time (picking alone takes that long
    // under software rendering). Only regions and nodes are clickable, so an arc lying over a
    // selected region does not stop a second click from clearing it.
    this.map.on('click', (e) => {
      const info = this.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds: CLICKABLE_LAYERS });
      if (info) opts.onClick(info);
      else opts.onClick({ picked: false } as PickingInfo);
    });
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
  }

  camera(): Camera {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  setLayers(layers: Layer[]): void {
    this.overlay.setProps({ layers });
  }

  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }
}
