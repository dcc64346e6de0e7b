/**
 * The maplibre map with deck.gl interleaved in its WebGL2 context. The
 * basemap is the offline style; an online style URL is only used when the
 * user opts in.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
// maplibre-gl 6 locates its worker at run time and Vite does not copy it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Camera } from '../state/url-state';
import {
  offlineStyle,
  REGION_OUTLINES,
  selectedFilter,
  SELECTED_OUTLINE,
  type BasemapColours,
  type OutlineStyle,
} from './basemap-style';
import { isSoftwareRenderer } from './gpu';
import { drawsInYear } from './year-layers';

maplibregl.setWorkerUrl(workerUrl);
// The worker (its script, then the basemap) starts loading now, while the page reads its data,
// rather than when the map is created.
maplibregl.prewarm();

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
  /** The regions, whose outlines maplibre draws (deck.gl fills them); without them, no outlines. */
  regions?: FeatureCollection;
  outlines?: OutlineStyle;
  camera: Camera | null;
  onHover: (info: PickingInfo) => void;
  /** A click on the map, with what deck.gl picked there (regions and nodes only) and where. */
  onClick: (info: PickingInfo, lngLat: { lon: number; lat: number }) => void;
  onMove: (camera: Camera) => void;
  /** Called after a map frame in which deck.gl drew (all its layers: it is called once the whole frame is drawn). */
  onAfterRender?: () => void;
}

export class MapView {
  readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  private shownYear: number | null = null;
  readonly ready: Promise<void>;
  /** The style's layers exist (their sources may still be loading): paint properties can be set. */
  private styleLoaded = false;
  /** The outlines wanted, and those the style has (they differ until the style has loaded). */
  private outlines: OutlineStyle | null;
  private drawnOutlines: OutlineStyle | null;

  constructor(opts: MapViewOptions) {
    const regions = opts.regions && opts.outlines ? { data: opts.regions, outlines: opts.outlines } : undefined;
    this.outlines = this.drawnOutlines = regions?.outlines ?? null;
    this.map = new maplibregl.Map({
      container: opts.container,
      style: offlineStyle(opts.basemapUrl, undefined, regions),
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
    // deck.gl draws its layers in groups placed among maplibre's layers (the choropleth before the
    // outlines, the rest last) and calls onAfterRender after each group; a frame is drawn only
    // when maplibre's frame is, with every group in it.
    let deckDrew = false;
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onHover: opts.onHover,
      // Year layers draw only in the shown year: a year step changes this, not the layers.
      layerFilter: ({ layer }) => this.shownYear === null || drawsInYear(layer.id, this.shownYear),
      onAfterRender: () => {
        deckDrew = true;
      },
    });
    this.map.addControl(this.overlay);
    // After the overlay's own listener, so after everything deck.gl draws in the frame.
    this.map.on('render', () => {
      if (!deckDrew) return;
      deckDrew = false;
      opts.onAfterRender?.();
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('moveend', () => opts.onMove(this.camera()));
    // Clicks are taken from maplibre and picked here rather than through deck.gl's click
    // recognizer, which drops presses longer than its tap time (picking alone takes that long
    // under software rendering). Only regions and nodes are clickable, so an arc lying over a
    // selected region does not stop a second click from clearing it.
    this.map.on('click', (e) => {
      const info = this.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds: CLICKABLE_LAYERS });
      opts.onClick(info ?? ({ picked: false } as PickingInfo), { lon: e.lngLat.lng, lat: e.lngLat.lat });
    });
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.map.once('style.load', () => {
      this.styleLoaded = true;
      if (this.outlines) this.setOutlines(this.outlines);
    });
  }

  camera(): Camera {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  /**
   * Moves the camera: a flight of the given length, or a jump when it is 0
   * (reduced motion). The padding keeps the target in the part of the map that
   * the panels leave visible.
   */
  moveTo(camera: Camera, durationMs: number, padding: PaddingOptions = { top: 0, bottom: 0, left: 0, right: 0 }): void {
    const target = { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom, padding };
    if (durationMs > 0) this.map.flyTo({ ...target, duration: durationMs, essential: false });
    else this.map.jumpTo(target);
  }

  /**
   * Renders at a pixel ratio (the 2x print picture). deck.gl's interleaved
   * instance caches the drawing-buffer size of the shared canvas and only
   * updates it when the canvas's CSS size changes, so it is told the new size.
   */
  setPixelRatio(ratio: number): void {
    this.map.setPixelRatio(ratio);
    const canvas = this.map.getCanvas();
    type DeckLike = { device?: { canvasContext?: { setDrawingBufferSize(w: number, h: number): void } } };
    (this.overlay as unknown as { _deck?: DeckLike })._deck?.device?.canvasContext?.setDrawingBufferSize(
      canvas.width,
      canvas.height,
    );
    this.map.triggerRepaint();
  }

  pixelRatio(): number {
    return this.map.getPixelRatio();
  }

  setBasemapColours(colours: BasemapColours): void {
    if (!this.map.isStyleLoaded()) return;
    this.map.setPaintProperty('water-background', 'background-color', colours.water);
    this.map.setPaintProperty('land', 'fill-color', colours.land);
    this.map.setPaintProperty('countries', 'fill-color', colours.country);
    this.map.setPaintProperty('water', 'fill-color', colours.water);
    this.map.setPaintProperty('borders', 'line-color', colours.border);
  }

  /** Draws other regions' outlines (an imported boundary file). */
  setRegions(regions: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>('regions')?.setData(regions);
  }

  setOutlines(outlines: OutlineStyle): void {
    const before = this.drawnOutlines;
    if (!before) return;
    this.outlines = outlines;
    if (!this.styleLoaded) return;
    this.drawnOutlines = outlines;
    if (outlines.colour !== before.colour) this.map.setPaintProperty(REGION_OUTLINES, 'line-color', outlines.colour);
    if (outlines.selectedColour !== before.selectedColour)
      this.map.setPaintProperty(SELECTED_OUTLINE, 'line-color', outlines.selectedColour);
    if (outlines.selected !== before.selected) this.map.setFilter(SELECTED_OUTLINE, selectedFilter(outlines.selected));
  }

  /**
   * The year whose year layers (src/map/year-layers.ts) are drawn. A step
   * between years only redraws: no layer is made, diffed or uploaded.
   */
  showYear(year: number): void {
    if (year === this.shownYear) return;
    this.shownYear = year;
    this.map.triggerRepaint();
  }

  setLayers(layers: Layer[]): void {
    this.overlay.setProps({ layers });
  }

  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }
}
