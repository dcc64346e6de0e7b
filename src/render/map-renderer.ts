/**
 * Draws the store's state on the map: it subscribes to what the map shows
 * (year, measure, selection, flow filter, theme, story highlight, data...)
 * and hands deck.gl the layers; a year step only changes the year the map
 * draws. It also picks what the pointer is on, and counts frames for the
 * tests and the benchmark.
 *
 * The first frame draws what it shows: the regions, and the arcs and nodes
 * of the shown year. The rest joins once that frame is drawn and the label
 * font has loaded: the region labels (their font atlas and text layout) and
 * the other years' layers (made once, drawn only in their year).
 */
import type { PickingInfo } from '@deck.gl/core';
import districtsUrl from '../../geo/districts.topojson?url';
import { DISTRICT_ZOOM } from '../core/district-level';
import type { DistrictSet } from '../core/districts';
import type { MapData, RegionProps } from '../core/map-data';
import type { Geography, Lang } from '../core/model';
import type { Topology } from 'topojson-specification';
import type { PolygonValue } from '../core/measures';
import { NO_ANCHORS } from '../core/prepared';
import { NO_DATA, type Palette, type Rgba } from '../core/scales';
import { themeFor } from '../core/theme';
import type { Picked } from '../core/view/tooltip';
import {
  districtsOf,
  litRegions,
  textScaleOf,
  translatorOf,
  viewFields,
  type AppState,
  type AppStore,
} from '../state/app-state';
import { DARK, HIGH_CONTRAST, LIGHT } from './basemap-style';
import { ArcTableLayer } from './arc-table-layer';
import { cpuSection } from './cpu-marks';
import { FlowLayers } from './flow-layers';
import { LabelCache } from './label-cache';
import { MapLayers } from './layers';
import type { LabelDatum } from '../core/view/map-labels';
import type { MapView } from './map-view';
import type { PointLayers, PointLayersState } from './point-layers';

/** Polygons while a question hides the values: one neutral colour, unlike the no-data grey. */
export const HIDDEN_FILL: Rgba = [222, 216, 202, 255];

/** Outside a spotlight: the colour washed towards white, so the lit regions stand out. */
const dim = (c: Rgba): Rgba => [c[0] + (255 - c[0]) * 0.7, c[1] + (255 - c[1]) * 0.7, c[2] + (255 - c[2]) * 0.7, 160];

/** What the drawing depends on (the camera aside: it only moves the labels). */
const drawn = (s: AppState) => ({
  ...viewFields(s),
  lit: litRegions(s).join(','),
  highContrast: s.highContrast,
  darkScheme: s.darkScheme,
  textScale: textScaleOf(s),
});

/** Runs work when the page is idle (Safari has no requestIdleCallback: there, shortly after). */
const whenIdle = (work: () => void): void => {
  if ('requestIdleCallback' in window) requestIdleCallback(work);
  else setTimeout(work, 200);
};

/** Runs tasks one per idle period, in turn; a task that returns true ends the run. */
const inIdleTurns = (...tasks: (() => boolean | void)[]): void => {
  const next = () => {
    if (tasks.shift()?.() !== true && tasks.length > 0) whenIdle(next);
  };
  whenIdle(next);
};

export class MapRenderer {
  /** Frames deck.gl has drawn since the layers last changed; tests and the benchmark wait on it. */
  framesSinceUpdate = 0;
  framesDrawn = 0;
  /** performance.now() at the end of the first map frame drawn with the layers (arcs included). */
  firstFrameAt: number | null = null;
  /** Main-thread milliseconds spent making the layers and handing them to deck.gl, all renders together (the benchmark's CPU part). */
  layersMs = 0;
  readonly labels: LabelCache;
  /** The labels placed in the last render (for the tests). */
  placedLabels: readonly LabelDatum[] = [];
  private layers = new MapLayers();
  private readonly fills = new WeakMap<MapData, Map<string, ReadonlyMap<string, Rgba>>>();
  private started = false;
  /** start() was called: the first layers wait for deck.gl's canvas size (MapView.whenDeckSized). */
  private starting = false;
  /** The regions' colours: the screen's, or the print handout's while its picture is taken. */
  private palette: Palette = 'screen';
  private restShown = false;
  private fontsLoaded = false;
  private restScheduled = false;
  /** Places of the user's own (src/render/point-layers.ts): loaded when a places dataset is first shown. */
  private points: PointLayers | null = null;
  private pointsLoading = false;
  /** The districts (geo/districts.topojson): fetched and decoded when the district level is first drawn. */
  private districtSet: DistrictSet | null = null;
  private districtsLoad: 'idle' | 'loading' | 'failed' = 'idle';
  /** Whether loading the districts ahead of their threshold has been scheduled. */
  private districtsAhead = false;
  private labelsWithDistricts: { regions: LabelDatum[]; districts: LabelDatum[]; all: LabelDatum[] } | null = null;

  constructor(
    private readonly store: AppStore,
    readonly view: MapView,
    private readonly fontFamily: string,
  ) {
    this.labels = new LabelCache(fontFamily);
    store.subscribe(drawn, () => this.render());
    // Label overlaps depend on the zoom and the view: placed again whenever the map stops, even
    // where the camera is the same (a resize, a new pixel ratio), so compared by identity.
    store.subscribe(
      (s) => s.camera,
      () => this.render(),
      { equals: Object.is },
    );
  }

  /** Starts drawing (once the data the URL names is known, so that the first frame shows it). */
  start(): void {
    if (this.starting) return;
    this.starting = true;
    // Not before deck.gl's canvas has the map's size: its first frame is then drawn once, sharp.
    void this.view.whenDeckSized().then(() => {
      this.started = true;
      this.render();
    });
  }

  /** Called after each frame deck.gl draws. */
  afterRender(): void {
    if (this.started) this.firstFrameAt ??= performance.now();
    this.framesDrawn++;
    this.framesSinceUpdate++;
    this.layers.registry.frameDrawn();
    if (this.started && !this.restScheduled) {
      this.restScheduled = true;
      // Not from inside deck.gl's frame: the labels come with the next one.
      setTimeout(() => this.showRestWhenReady());
    }
    // Flows or a new cluster level were shown with the shown year's layers: the other years' come after the frame.
    if (this.layers.missing + (this.points?.missing ?? 0) > 0 && !this.fillInScheduled) {
      this.fillInScheduled = true;
      setTimeout(() => {
        this.fillInScheduled = false;
        this.render();
      });
    }
    this.frameListeners.forEach((listener) => listener());
  }

  private fillInScheduled = false;
  private readonly frameListeners = new Set<() => void>();

  /** Calls `listener` at the end of every frame deck.gl draws, before anything the frame scheduled (for the benchmark); returns its removal. */
  onFrame(listener: () => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /**
   * Draws the same view again on deck.gl's new canvas (after a lost graphics
   * context): the layers are made anew, since the old ones hold the old
   * context's buffers.
   */
  rebuild(): void {
    this.layers = new MapLayers();
    this.render();
  }

  /** Draws the regions in a palette (the print handout's picture is taken in 'print'). */
  setPalette(palette: Palette): void {
    if (palette === this.palette) return;
    this.palette = palette;
    this.render();
  }

  /** Called when the label font has loaded (or failed to: the labels then use the fallback font). */
  fontsReady(): void {
    this.fontsLoaded = true;
    this.showRestWhenReady();
  }

  /**
   * True once deck.gl has drawn the current layers, labels included, at least
   * once, and the basemap has drawn what it loads (maplibre's `loaded`: style,
   * the basemap's tiles, no transition). Under load the basemap's land can
   * arrive after deck.gl's first frame: a picture taken then showed only water.
   */
  isDrawn(): boolean {
    return this.restShown && this.framesSinceUpdate > 0 && this.view.map.loaded();
  }

  /** Resolves after the next frame of both canvases, or after 30 s (deck.gl draws only on change). */
  nextFrame(): Promise<void> {
    this.view.map.triggerRepaint();
    return this.nextDeckFrame();
  }

  /**
   * Resolves after deck.gl's next frame, or after 30 s; the basemap is not drawn again
   * (a year changes only deck.gl's canvas: redrawing the map too doubled a video's cost).
   */
  nextDeckFrame(): Promise<void> {
    const start = this.framesDrawn;
    const deadline = performance.now() + 30_000;
    this.view.requestFrame();
    return new Promise((resolve) => {
      const poll = () =>
        this.framesDrawn > start || performance.now() > deadline ? resolve() : requestAnimationFrame(poll);
      requestAnimationFrame(poll);
    });
  }

  /** Screen position (CSS pixels, page coordinates) of a longitude/latitude. */
  project(lon: number, lat: number): [number, number] {
    const p = this.view.map.project([lon, lat]);
    const box = this.view.canvas().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
  }

  /** What a deck.gl pick found, in the data's terms (null: nothing the app describes). */
  pick(info: PickingInfo): Picked | null {
    if (!info.picked) return null;
    const kind = this.layers.registry.kindOf(info.layer);
    const { data, year } = this.store.get();
    if (kind === 'choropleth') {
      const polygonId = (info.object as { properties: RegionProps }).properties.polygon_id;
      // Where the districts are drawn, the district under the pointer (found on the CPU: no pickable layer).
      const [lon, lat] = info.coordinate ?? [];
      const district =
        districtsOf(this.store.get()) && lon !== undefined && lat !== undefined ? this.districtSet?.at(lon, lat) : null;
      return district ? { kind: 'district', district, polygonId } : { kind: 'region', polygonId };
    }
    if (kind === 'arcs-internal' || kind === 'arcs-external') {
      const set = kind === 'arcs-internal' ? 'internal' : 'external';
      return { kind: 'arc', set, item: FlowLayers.item(data.prepared[set].prepared, year, info.index) };
    }
    if (kind === 'nodes') return { kind: 'node', item: FlowLayers.item(data.prepared.nodes, year, info.index) };
    if (kind === 'national-anchor') return { kind: 'national' };
    if (this.points && data.points) {
      const s = this.store.get();
      return this.points.pick(info, kind, year, s.lang, translatorOf(s));
    }
    return null;
  }

  /** What a click picked: a cluster of places is selected here (and null returned); otherwise as pick(). */
  clicked(info: PickingInfo): Picked | null {
    if (!info.picked) return null;
    const kind = this.layers.registry.kindOf(info.layer);
    if (this.points && this.store.get().data.points && this.points.click(info, kind, this.store.get().year))
      return null;
    return this.pick(info);
  }

  /** The cluster level drawn for places of the user's own (null when none is drawn). */
  pointsState(): PointLayersState | null {
    const s = this.store.get();
    return s.data.points ? (this.points?.state(s.year) ?? null) : null;
  }

  /** The district level: whether it is drawn now, how many districts are drawn (0 while the file loads), and the load. */
  districtsState(): { shown: boolean; drawn: number; load: 'idle' | 'loading' | 'failed' | 'done' } {
    const shown = districtsOf(this.store.get());
    return {
      shown,
      drawn: shown && this.districtSet ? this.districtSet.districts.features.length : 0,
      load: this.districtSet ? 'done' : this.districtsLoad,
    };
  }

  /**
   * The regions' labels with the districts' (in `lang`; null: none), one array per pair so that the
   * placement's memo and deck.gl's text layout are kept while neither changes.
   */
  private withDistrictLabels(regions: LabelDatum[], lang: Lang | null): LabelDatum[] {
    const districts = lang && this.districtSet ? this.districtSet.labels(lang) : null;
    if (!districts) return regions;
    const last = this.labelsWithDistricts;
    if (last?.regions === regions && last.districts === districts) return last.all;
    this.labelsWithDistricts = { regions, districts, all: [...regions, ...districts] };
    return this.labelsWithDistricts.all;
  }

  /** Labels with the places' (one array per pair, as withDistrictLabels). */
  private withPlaceLabels(labels: LabelDatum[], places: LabelDatum[]): LabelDatum[] {
    if (places.length === 0) return labels;
    const last = this.labelsWithPlaces;
    if (last?.labels === labels && last.places === places) return last.all;
    this.labelsWithPlaces = { labels, places, all: [...labels, ...places] };
    return this.labelsWithPlaces.all;
  }

  private labelsWithPlaces: { labels: LabelDatum[]; places: LabelDatum[]; all: LabelDatum[] } | null = null;

  /** The districts' outlines when the level is drawn (fetching the file on first use), else null. */
  private districtOutlines(s: AppState) {
    if (!districtsOf(s)) {
      // Two and a half zoom steps before they appear (the whole country on a computer's screen, 3.46
      // at 1280 × 800; not on a phone's, 2.7), fetched and read while the map is idle, so that the
      // zoom step that shows them does not wait for the file or spend its frame decoding it, even
      // when the steps follow each other quickly (one step ahead left them half made when the
      // second step came within a second).
      // Not before the first frame and its labels are drawn: the idle periods of the load (waiting on
      // the GPU process) are not free, and the file's parsing in one of them delayed the first frame.
      // Scheduled once, not at every render (a playing timeline renders each year).
      const notAsked = !this.districtSet && this.districtsLoad === 'idle' && !this.districtsAhead;
      if (notAsked && this.restShown && s.level === 'auto' && (s.camera?.zoom ?? 0) >= DISTRICT_ZOOM - 2.5) {
        this.districtsAhead = true;
        whenIdle(() => this.loadDistricts());
      }
      return null;
    }
    this.loadDistricts();
    return this.districtSet?.outlines ?? null;
  }

  private loadDistricts(): void {
    if (this.districtSet || this.districtsLoad !== 'idle') return;
    this.districtsLoad = 'loading';
    void Promise.all([
      import('../core/districts'),
      fetch(districtsUrl).then((r) => {
        if (!r.ok) throw new Error(`${districtsUrl}: HTTP ${r.status}`);
        return r.json() as Promise<Topology>;
      }),
    ]).then(
      ([{ districtSetFromTopology }, topology]) => {
        // Shown now: read and drawn at once. Loaded ahead of the threshold: read, then their
        // triangles, their names' widths, and their hidden layer and names' glyphs (deck.gl's
        // buffers and font atlas, made then and not at its next frame) are made while the map is
        // idle, one task each (~20-60 ms each rather than ~150 ms in the frames of a zoom), so
        // that the zoom across the threshold only shows them.
        const read = () => (this.districtSet ??= districtSetFromTopology(topology));
        if (districtsOf(this.store.get())) {
          read();
          this.render();
        } else
          inIdleTurns(
            () => {
              read();
              // The zoom crossed the threshold meanwhile: drawn at once.
              if (!districtsOf(this.store.get())) return false;
              this.render();
              return true;
            },
            () => this.layers.prepareOutlines(this.districtSet!.outlines),
            () => {
              const s = this.store.get();
              const labels = this.districtSet!.labels(s.lang);
              this.labels.measureAhead(labels, textScaleOf(s));
              // Their glyphs join the font atlas in the next task's update, not in the zoom's frame.
              this.layers.prepareLabels(labels);
            },
            () => {
              this.render();
              this.view.updateLayersNow();
            },
          );
      },
      (error: unknown) => {
        // The regions stay drawn; the legend's district note still says there are no district figures.
        this.districtsLoad = 'failed';
        console.error('The districts could not be loaded', error);
      },
    );
  }

  /** The places' layers for the data shown (loading their module on first use), or none. */
  private pointLayers(s: AppState, theme: ReturnType<typeof themeFor>) {
    const { points } = s.data;
    if (!points) {
      this.points?.close();
      return [];
    }
    if (!this.points) {
      if (!this.pointsLoading) {
        this.pointsLoading = true;
        void import('./point-layers').then(({ PointLayers }) => {
          this.points = new PointLayers(
            this.layers.registry,
            () => this.render(),
            // A level laid out ahead of the zoom: its arcs' textures made as it arrives, in a task of
            // their own (waiting for the page to be idle found the level's zoom step first when the
            // steps follow each other quickly).
            (columns) => {
              const device = this.view.device();
              if (device) ArcTableLayer.makeAhead(device, columns);
            },
          );
          this.render();
        });
      }
      return [];
    }
    return this.points.layers({
      data: points,
      zoom: s.camera?.zoom ?? this.view.camera().zoom,
      bounds: this.view.map.getBounds().toArray().flat() as [number, number, number, number],
      minFlow: s.minFlow,
      topN: s.topN,
      theme,
      visible: !s.hidden,
      year: s.year,
    });
  }

  private showRestWhenReady(): void {
    if (this.restShown || !this.fontsLoaded || this.firstFrameAt === null) return;
    this.restShown = true;
    this.render();
  }

  private render(): void {
    if (!this.started) return;
    const started = performance.now();
    cpuSection(() => this.renderNow());
    this.layersMs += performance.now() - started;
  }

  private renderNow(): void {
    const s = this.store.get();
    const { data, year } = s;
    const { prepared } = data;
    const theme = themeFor(s.highContrast, s.darkScheme);
    const textScale = textScaleOf(s);
    const filters = data.filters(s.selected);
    const anchors = prepared.anchorsByYear.get(year) ?? NO_ANCHORS;
    this.view.setBasemapColours(s.highContrast ? HIGH_CONTRAST : s.darkScheme ? DARK : LIGHT);
    const fill = this.fillColours(s);
    const drawn = data.drawn(s.measure, year);
    const districtOutlines = this.districtOutlines(s);
    // Before the labels: they name the clusters of the level these layers draw.
    const pointLayers = this.pointLayers(s, theme);
    this.framesSinceUpdate = 0;
    const layers = this.layers.build({
      regions: drawn.regions,
      outlines: drawn.outlines,
      districts: this.districtSet?.outlines ?? null,
      districtsShown: districtOutlines !== null,
      // A region selected in other borders is outlined by the polygon that holds it here.
      selected: data.shown(s.selected, s.measure, year),
      fillColours: fill.colours,
      fillKey: fill.key,
      internal: prepared.internal.prepared,
      internalFilter: filters.internal,
      external: prepared.external.prepared,
      externalFilter: filters.external,
      // The country totals are the built-in data's, not the user's: not drawn over places of their own.
      showExternal: s.showExternal && !data.points,
      showFlows: !s.hidden,
      regionFlows: !data.points,
      minFlow: s.minFlow,
      topN: s.topN,
      nodes: prepared.nodes,
      // Placed only once the font has loaded: their widths are measured in it.
      labels: (this.placedLabels = this.restShown
        ? this.labels.place(
            this.withPlaceLabels(
              this.withDistrictLabels(
                this.labels.labelsFor(
                  data,
                  drawn,
                  geographyOf(data.dataset.measures.values(s.measure, year)),
                  s.showExternal && !data.points ? anchors.codes : [],
                  s.lang,
                  translatorOf(s),
                ),
                // Named only from the zoom where a district has room for its name (not the whole country's mesh).
                districtOutlines && (s.camera?.zoom ?? 0) >= DISTRICT_ZOOM ? s.lang : null,
              ),
              // The year's busiest clusters of places of the user's own, named.
              data.points ? (this.points?.labels(year) ?? []) : [],
            ),
            this.view.map,
            textScale,
          )
        : []),
      anchors: anchors.positions,
      nationalAnchor: anchors.national,
      fontFamily: this.fontFamily,
      textScale,
      theme,
      year,
    });
    const { registry } = this.layers;
    // Over the regions, under the labels.
    layers.splice(layers.length - 1, 0, ...pointLayers);
    this.view.showYear(year);
    this.view.setLayers(
      this.restShown ? layers : layers.filter((layer) => layer.id !== 'labels' && registry.drawsIn(layer, year)),
      (layer, y) => registry.drawsIn(layer, y),
    );
  }

  /**
   * The polygons' colours for the current view: the measure's colours, dimmed
   * outside a spotlight, or one neutral colour while a question hides them.
   * Memoised by what they depend on, so deck.gl's update trigger is a string.
   */
  private fillColours(s: AppState): { colours: ReadonlyMap<string, Rgba>; key: string } {
    const { measure, year, scale, hidden, data } = s;
    const lit = litRegions(s);
    const key = hidden ? 'hidden' : `${measure}|${year}|${scale}|${this.palette}|${lit.join(',')}`;
    let cache = this.fills.get(data);
    if (!cache) this.fills.set(data, (cache = new Map()));
    let colours = cache.get(key);
    if (!colours) {
      const base = data.prepared.colours.colours(measure, year, scale, this.palette);
      const { territories } = data.dataset.model;
      colours = new Map(
        data.dataset.measures.drawnPolygons(measure, year).flatMap((id): [string, Rgba][] => {
          if (hidden) return [[id, HIDDEN_FILL]];
          const c = base.get(id);
          // A highlighted region of other borders lights the polygons that share its territory.
          if (lit.length === 0 || lit.some((l) => l === id || territories.overlaps(l, id))) return c ? [[id, c]] : [];
          return [[id, dim(c ?? NO_DATA)]];
        }),
      );
      cache.set(key, colours);
    }
    return { colours, key };
  }
}

function geographyOf(values: Map<string, PolygonValue>): Geography | null {
  for (const v of values.values()) if (v.geography && v.geography !== 'RU') return v.geography;
  return null;
}
