/**
 * The maplibre map (the offline basemap: no tile, glyph or font server) with
 * deck.gl in its own canvas over it: the regions' fill and outlines, the
 * flows and the labels. A year step redraws deck.gl's canvas only; the
 * basemap, which does not change, is not drawn again.
 *
 * deck.gl's code is not part of the page's first script: the map starts
 * without it and deck.gl's canvas joins when its chunk has arrived
 * (addOverlay, from src/render/drawing.ts).
 */
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Device } from '@luma.gl/core';
import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';
// maplibre-gl 6 locates its worker at run time and Vite does not copy it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Camera } from '../state/url-state';
import { basemapLayers, basemapPaint, LIGHT, offlineStyle, sameColours, type BasemapColours } from './basemap-style';
import { cpuSection } from './cpu-marks';
import { FramePacer } from './frame-pacer';
import { isSoftwareRenderer } from './gpu';

// The worker starts with the map (src/main.ts makes it once deck.gl's chunk has arrived, so that the
// worker's script does not share a slow link with it); the first frame does not wait for it.
maplibregl.setWorkerUrl(workerUrl);

/** Kazakhstan (with a little of its neighbours), which every first view holds. */
export const KAZAKHSTAN_BOUNDS: [[number, number], [number, number]] = [
  [46.2, 40.3],
  [87.6, 55.6],
];

/**
 * Where the map opens on a wide screen before the panels are laid out: the
 * loading screen draws Kazakhstan's outline in the same box
 * (build/outline.ts), so the map replaces it in place. Once the panels are
 * laid out, Kazakhstan is fitted into the area they leave free.
 */
export const HOME_BOUNDS: [[number, number], [number, number]] = [
  [45, 40],
  [88, 57.5],
];
const HOME_PADDING = { top: 20, left: 270, right: 320, bottom: 140 };

/**
 * The frame a story's cameras were made for (the map area left by the
 * panels at 1920 × 1080): a step shows the same ground in a smaller free
 * area by zooming out, never in.
 */
export const STORY_FRAME = { width: 960, height: 560 };

/** A margin inside the free area, so that the border does not touch the panels. */
const FIT_MARGIN = 12;

/** Space the panels take at the window's edges, in pixels (maplibre's padding). */
export interface MapInsets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const CLICKABLE_LAYERS = ['nodes', 'choropleth'];

/**
 * Lays deck.gl's canvas over the map as soon as it exists. deck.gl gives it its size (100 %)
 * only at a later update, and luma.gl reads the size from a ResizeObserver: meanwhile the canvas
 * is 300 × 150, and a frame drawn then is a small picture stretched over the map.
 */
function fillParent(device: Device): void {
  const { canvas } = device.getDefaultCanvasContext();
  if (canvas instanceof HTMLCanvasElement) Object.assign(canvas.style, { position: 'absolute', width: '100%', height: '100%' }); // prettier-ignore
}

/** What MapView reaches inside the overlay's deck.gl instance (no public accessor). */
interface DeckInternals {
  device: Device | null;
  layerManager: { setNeedsRedraw(reason: string): void; updateLayers(): void } | null;
  animationLoop: { setProps(props: { animationFrameProvider: FramePacer['provider'] }): void } | null;
  isInitialized: boolean;
  setProps(props: { viewState: Record<string, unknown> }): void;
}

/** What wakes deck.gl's paced frame loop (src/render/frame-pacer.ts): the camera, the pointer, a finger, a resize. */
const WAKING_MAP_EVENTS = [
  'render',
  'movestart',
  'mousemove',
  'mousedown',
  'mouseup',
  'mouseout',
  'touchstart',
  'touchmove',
  'touchend',
  'wheel',
  'resize',
] as const;

type LayerManagerClass = { updateLayers(this: unknown): void };
const deckUpdates = { ms: 0, counted: null as LayerManagerClass | null };

function countDeckUpdates(managerClass: LayerManagerClass): void {
  if (deckUpdates.counted === managerClass) return;
  deckUpdates.counted = managerClass;
  const update = managerClass.updateLayers;
  managerClass.updateLayers = function (this: unknown) {
    const started = performance.now();
    cpuSection(() => update.call(this));
    deckUpdates.ms += performance.now() - started;
  };
}

export interface MapViewOptions {
  container: HTMLElement;
  basemapUrl: string;
  camera: Camera | null;
  onHover: (info: PickingInfo) => void;
  /** A click on the map, with what deck.gl picked there (regions and nodes only) and where. */
  onClick: (info: PickingInfo, lngLat: { lon: number; lat: number }) => void;
  onMove: (camera: Camera) => void;
  /** Called after each frame deck.gl draws (all its layers). */
  onAfterRender?: () => void;
  /**
   * The graphics context of either canvas was lost (a projector switched, a
   * laptop woke, a driver reset); deck.gl's canvas was made anew (its layers
   * must be made and handed over again); or both canvases draw again.
   */
  onGraphics?: (state: 'lost' | 'newCanvas' | 'restored') => void;
}

export class MapView {
  readonly map: MapLibreMap;
  private overlay: MapLibreOverlay | null = null;
  private basemapShown = false;
  private basemapColours = LIGHT;
  /** The colours the map's style holds now (null: not yet painted since the style loaded). */
  private paintedColours: BasemapColours | null = null;
  private loaded = false;
  private Overlay: typeof MapLibreOverlay | null = null;
  /** The canvases whose graphics context is lost. */
  private readonly lost = new Set<'map' | 'deck'>();
  /** deck.gl's frames: at the display's rate while the map changes, a few a second when idle. */
  private readonly pacer = new FramePacer();
  private shownYear: number | null = null;
  /** True while the camera is the fit of Kazakhstan (not moved since by the user or a story). */
  private fitted = false;
  /** Whether a layer draws in a year (given with the layers: their owner knows each one's year). */
  private drawsIn: (layer: Layer, year: number) => boolean = () => true;
  readonly ready: Promise<void>;

  constructor(private readonly opts: MapViewOptions) {
    this.map = new maplibregl.Map({
      container: opts.container,
      // The basemap's land and borders (130 kB, and the worker that reads them) join after the first
      // frame (showBasemap): on a slow link the regions and the flows come first.
      style: offlineStyle(),
      ...(opts.camera
        ? { center: [opts.camera.lon, opts.camera.lat], zoom: opts.camera.zoom }
        : // Fitted again into the free area once the panels are laid out (fitKazakhstan); on a
          // narrow screen the home padding would leave no room.
          opts.container.clientWidth > HOME_PADDING.left + HOME_PADDING.right + 200
          ? { bounds: HOME_BOUNDS, fitBoundsOptions: { padding: HOME_PADDING } }
          : { bounds: KAZAKHSTAN_BOUNDS }),
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
    for (const type of WAKING_MAP_EVENTS) this.map.on(type, () => this.pacer.wake());
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('move', () => this.followCamera());
    this.map.on('moveend', () => opts.onMove(this.camera()));
    // A camera the user moves is theirs: a change of layout no longer fits Kazakhstan again.
    this.map.on('movestart', (e: { originalEvent?: Event }) => {
      if (e.originalEvent) this.fitted = false;
    });
    // Clicks are taken from maplibre and picked here rather than through deck.gl's click
    // recognizer, which drops presses longer than its tap time (picking alone takes that long
    // under software rendering). Only regions and nodes are clickable, so an arc lying over a
    // selected region does not stop a second click from clearing it.
    this.map.on('click', (e) => {
      const info = this.overlay?.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds: CLICKABLE_LAYERS });
      opts.onClick(info ?? ({ picked: false } as PickingInfo), { lon: e.lngLat.lng, lat: e.lngLat.lat });
    });
    this.ready = new Promise((resolve) =>
      this.map.once('load', () => {
        this.loaded = true;
        this.paintBasemap();
        resolve();
      }),
    );
    // maplibre rebuilds its own drawing on restore (from a snapshot of its style). deck.gl does not:
    // its overlay is replaced by a new one, with a new canvas. Loss events do not bubble: heard while
    // they pass the container.
    this.map.on('webglcontextlost', () => this.contextLost('map'));
    this.map.on('webglcontextrestored', () => this.contextRestored('map'));
    const fromDeck = (e: Event) => e.target instanceof HTMLCanvasElement && e.target !== this.map.getCanvas();
    opts.container.addEventListener(
      'webglcontextlost',
      (e) => {
        if (!fromDeck(e)) return;
        e.preventDefault(); // lets the browser restore it
        this.contextLost('deck');
      },
      true,
    );
    opts.container.addEventListener('webglcontextrestored', (e) => fromDeck(e) && this.contextRestored('deck'), true);
  }

  /** Whether either canvas has lost its graphics context. */
  get graphicsLost(): boolean {
    return this.lost.size > 0;
  }

  /**
   * Draws again after a loss, without waiting for the browser: deck.gl gets a
   * new canvas, maplibre repaints (if its context is still lost, nothing changes).
   */
  redraw(): void {
    this.contextRestored('deck');
    this.map.triggerRepaint();
  }

  private contextLost(canvas: 'map' | 'deck'): void {
    const first = this.lost.size === 0;
    this.lost.add(canvas);
    if (first) this.opts.onGraphics?.('lost');
  }

  private contextRestored(canvas: 'map' | 'deck'): void {
    if (canvas === 'deck' && this.overlay && this.Overlay) {
      this.map.removeControl(this.overlay);
      this.addOverlay(this.Overlay);
      this.opts.onGraphics?.('newCanvas');
    }
    if (!this.lost.delete(canvas) || this.lost.size > 0) return;
    this.opts.onGraphics?.('restored');
  }

  /** Loads the basemap's land, countries and borders (once; the map starts without them). */
  showBasemap(): void {
    if (this.basemapShown) return;
    this.basemapShown = true;
    const add = () => {
      this.map.addSource('basemap', { type: 'geojson', data: this.opts.basemapUrl });
      for (const layer of basemapLayers(this.basemapColours)) this.map.addLayer(layer);
    };
    if (this.loaded) add();
    else this.map.once('load', add);
  }

  /** Puts deck.gl's canvas over the map, made with deck.gl's overlay class (loaded apart). */
  addOverlay(Overlay: typeof MapLibreOverlay): void {
    const opts = this.opts;
    this.Overlay = Overlay;
    // deck.gl in its own canvas (not interleaved in maplibre's): it follows the camera, and draws in
    // its own frame loop, so a change to the layers or the year redraws only its canvas.
    this.overlay = new Overlay({
      interleaved: false,
      layers: [],
      onHover: opts.onHover,
      // Year layers draw only in the shown year: a year step changes this, not the layers.
      layerFilter: ({ layer }) => this.shownYear === null || this.drawsIn(layer, this.shownYear),
      onAfterRender: () => {
        this.pacer.drawn();
        opts.onAfterRender?.();
      },
      // Kept for export and pixel checks, like the map's (deck.gl's default); no multisampling
      // where a software rasteriser would pay for it.
      deviceProps: { webgl: { preserveDrawingBuffer: true, antialias: !isSoftwareRenderer() } },
      onDeviceInitialized: fillParent,
    });
    this.map.addControl(this.overlay);
    this.deck()?.animationLoop?.setProps({ animationFrameProvider: this.pacer.provider });
  }

  /**
   * Resolves once deck.gl's canvas has the map's size (luma.gl's ResizeObserver has run), or
   * after 3 s: the first frame with layers waits for it (see fillParent), so that it is drawn
   * at full size, once.
   */
  whenDeckSized(): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        done = true;
        resolve();
      };
      // Also where no frame comes (a page in the background): the map then starts as it did.
      setTimeout(finish, 3000);
      const check = () => {
        if (done) return;
        const context = this.deck()?.device?.getDefaultCanvasContext();
        const [width, height] = context?.isInitialized ? context.getCSSSize() : [0, 0];
        const { clientWidth, clientHeight } = this.map.getContainer();
        if (Math.abs(width - clientWidth) < 1 && Math.abs(height - clientHeight) < 1) finish();
        else requestAnimationFrame(check);
      };
      check();
    });
  }

  private deck(): DeckInternals | undefined {
    return (this.overlay as unknown as { _deck?: DeckInternals } | null)?._deck;
  }

  /**
   * Gives deck.gl the map's camera as soon as it moves. Its overlay takes it only when the map
   * renders, after deck.gl's own loop has drawn: a story step or a zoom, which change the camera and
   * the layers in one task, drew the new layers at the old camera (a frame of mismatched picture),
   * then again at the new one. The same view state as the overlay's (getMapLibreViewState), so that
   * its own update at the map's render finds nothing changed and draws nothing.
   */
  private followCamera(): void {
    const deck = this.deck();
    if (!deck?.isInitialized) return;
    const { lng, lat } = this.map.getCenter();
    const padding = this.map.getPadding();
    const elevation = this.map.getCenterElevation();
    deck.setProps({
      viewState: {
        ...(Number.isFinite(elevation) ? { position: [0, 0, elevation] } : {}),
        longitude: ((lng + 540) % 360) - 180,
        latitude: lat,
        zoom: this.map.getZoom(),
        bearing: this.map.getBearing(),
        pitch: this.map.getPitch(),
        padding: {
          top: padding.top ?? 0,
          bottom: padding.bottom ?? 0,
          left: padding.left ?? 0,
          right: padding.right ?? 0,
        },
        repeat: this.map.getRenderWorldCopies(),
      },
    });
  }

  camera(): Camera {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  /**
   * Moves the camera: a flight of the given length, or a jump when it is 0
   * (reduced motion). The insets keep the target in the part of the map that
   * the panels leave visible; in a free area smaller than the frame the
   * camera was made for (STORY_FRAME), it zooms out to show the same ground.
   */
  moveTo(camera: Camera, durationMs: number, insets: MapInsets = { top: 0, bottom: 0, left: 0, right: 0 }): void {
    const free = this.freeSize(insets);
    const zoomOut = Math.min(0, Math.log2(Math.min(free.width / STORY_FRAME.width, free.height / STORY_FRAME.height)));
    const target = {
      center: [camera.lon, camera.lat] as [number, number],
      zoom: Math.max(this.map.getMinZoom(), camera.zoom + zoomOut),
      padding: insets,
    };
    this.fitted = false;
    if (durationMs > 0) this.map.flyTo({ ...target, duration: durationMs, essential: false });
    else this.map.jumpTo(target);
  }

  /** Fits Kazakhstan into the free area the insets leave (a jump, or a flight of the given length). */
  fitKazakhstan(insets: MapInsets, durationMs = 0): void {
    const padding = {
      top: insets.top + FIT_MARGIN,
      bottom: insets.bottom + FIT_MARGIN,
      left: insets.left + FIT_MARGIN,
      right: insets.right + FIT_MARGIN,
    };
    // maplibre refuses a fit where the padding leaves no room: fit without the margin then.
    const fits = (p: MapInsets) => this.map.cameraForBounds(KAZAKHSTAN_BOUNDS, { padding: p }) !== undefined;
    const room = fits(padding) ? padding : fits(insets) ? insets : null;
    if (!room) return;
    this.map.stop();
    this.map.fitBounds(KAZAKHSTAN_BOUNDS, {
      padding: room,
      ...(durationMs > 0 ? { duration: durationMs } : { animate: false }),
    });
    this.fitted = true;
  }

  /**
   * After a change of layout (a resize, a sheet opened or closed): fits
   * Kazakhstan again if the camera was its fit, or if Kazakhstan's middle is
   * no longer in the free area (a link's camera on a small screen).
   */
  keepKazakhstanInView(insets: MapInsets): void {
    if (this.fitted || !this.holdsKazakhstan(insets)) this.fitKazakhstan(insets, 0);
  }

  /** Whether the middle of Kazakhstan lies in the free area. */
  holdsKazakhstan(insets: MapInsets): boolean {
    const [[w, s], [e, n]] = KAZAKHSTAN_BOUNDS;
    const p = this.map.project([(w + e) / 2, (s + n) / 2]);
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    return p.x >= insets.left && p.x <= width - insets.right && p.y >= insets.top && p.y <= height - insets.bottom;
  }

  private freeSize(insets: MapInsets): { width: number; height: number } {
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    return {
      width: Math.max(1, width - insets.left - insets.right),
      height: Math.max(1, height - insets.top - insets.bottom),
    };
  }

  /** Renders at a pixel ratio (the 2x print picture): the map, and deck.gl's canvas with it. */
  setPixelRatio(ratio: number): void {
    this.map.setPixelRatio(ratio);
    this.pacer.wake();
    this.overlay?.setProps({ useDevicePixels: ratio });
  }

  pixelRatio(): number {
    return this.map.getPixelRatio();
  }

  setBasemapColours(colours: BasemapColours): void {
    this.basemapColours = colours;
    this.paintBasemap();
  }

  /**
   * Paints the basemap in its colours when they differ from the map's:
   * maplibre redraws the whole basemap at every setPaintProperty, even of the
   * same colour, and the app sets the colours at every render (a year step).
   */
  private paintBasemap(): void {
    const colours = this.basemapColours;
    if (!this.loaded || (this.paintedColours && sameColours(this.paintedColours, colours))) return;
    this.paintedColours = colours;
    for (const [layer, property, colour] of basemapPaint(colours))
      if (this.map.getLayer(layer)) this.map.setPaintProperty(layer, property, colour);
  }

  /**
   * The year whose year layers (src/render/year-layers.ts) are drawn. A step
   * between years only redraws: no layer is made, diffed or uploaded.
   */
  showYear(year: number): void {
    if (year === this.shownYear) return;
    this.shownYear = year;
    this.requestFrame();
  }

  /** Asks deck.gl for a frame: wakes its paced loop and sets a flag the loop reads on its next frame. */
  requestFrame(): void {
    this.pacer.wake();
    this.deck()?.layerManager?.setNeedsRedraw('requested');
  }

  /**
   * Main-thread milliseconds deck.gl has spent updating its layers (data,
   * attributes, buffers) since first asked: the benchmark's CPU part of a
   * step. Counting starts with the first call, which wraps the update of
   * deck.gl's layer manager (on its class: its instances are sealed), so
   * nothing is counted in a page that never asks.
   */
  deckUpdateMs(): number {
    this.countDeckUpdates();
    return deckUpdates.ms;
  }

  /** Starts counting (and marking: cpu-marks.ts) deck.gl's layer updates, once its overlay has a layer manager. */
  countDeckUpdates(): void {
    const manager = this.deck()?.layerManager;
    if (manager) countDeckUpdates(Object.getPrototypeOf(manager) as LayerManagerClass);
  }

  /**
   * Makes the layers last handed over now (their models and buffers) rather than at deck.gl's
   * next frame: for layers prepared while the page is idle, which would otherwise weigh on
   * whatever frame comes next.
   */
  updateLayersNow(): void {
    this.deck()?.layerManager?.updateLayers();
  }

  /** deck.gl's GPU device, once it has one (for work done ahead of the layers that need it). */
  device(): Device | null {
    return this.deck()?.device ?? null;
  }

  /** Hands deck.gl its layers, with the test of which year each draws in (src/render/year-layers.ts). */
  setLayers(layers: Layer[], drawsIn: (layer: Layer, year: number) => boolean = () => true): void {
    this.drawsIn = drawsIn;
    this.pacer.wake();
    this.overlay?.setProps({ layers });
  }

  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }

  /** The canvases that make the picture, bottom first: the basemap, then deck.gl's. */
  canvases(): HTMLCanvasElement[] {
    return [...this.map.getContainer().querySelectorAll('canvas')];
  }
}
