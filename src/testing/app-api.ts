/**
 * The app's handle for end-to-end tests and the benchmark: what they may read
 * and do, typed once here and imported by tests/e2e for its type. The page
 * exposes it as window.__app only when a test asks for it before the page
 * loads (window.__KZ_TEST_API__, set by tests/e2e/harness.ts).
 */
import type { Dataset } from '../core/load';
import type { Rgba } from '../core/scales';
import type { Presenter } from '../presenter/presenter';
import { markCpuSections } from '../render/cpu-marks';
import type { MapRenderer } from '../render/map-renderer';
import type { PointLayersState } from '../render/point-layers';
import type { AppState, AppStore } from '../state/app-state';
import type { Playback, PlaybackState } from '../state/playback';
import type { Camera, ViewState } from '../state/url-state';
import { viewOf, type UrlSync } from '../state/url-sync';

export interface AppApi {
  /** The view a link holds (src/state/url-state.ts), as the store has it now. */
  readonly state: ViewState;
  /** True while a question step of a story hides the map's values. */
  readonly valuesHidden: boolean;
  /** Changes the state as the controls do. */
  update(patch: Partial<Omit<AppState, 'data'>>): void;
  readonly playback: {
    readonly current: Readonly<PlaybackState>;
    /** True while a step of playback waits to move the year. */
    readonly ticking: boolean;
    pause(): void;
    subscribe(listener: (s: PlaybackState) => void): () => void;
  };
  /** True once the map exists, deck.gl has drawn the current layers (labels included) at least once, and the basemap has drawn what it loads. */
  isDrawn(): boolean;
  readonly framesDrawn: number;
  readonly framesSinceUpdate: number;
  /** performance.now() at the end of the first map frame drawn with its layers (the benchmark reads it). */
  readonly firstFrameAt: number | null;
  /**
   * Main-thread milliseconds so far making layers (every render of the app)
   * and in deck.gl's layer updates (counted from the first call): a step's
   * CPU part is the difference of the sums before and after it.
   */
  mainThreadMs(): { layers: number; deckUpdates: number };
  /**
   * Marks the same work as sections in the page's performance timeline
   * (src/render/cpu-marks.ts), so that a trace gives its thread time: the
   * benchmark's CPU part of a step without the time other threads took.
   */
  markCpuSections(on: boolean): void;
  /** Calls `listener` at the end of each frame deck.gl draws (before what the frame scheduled runs); returns its removal. */
  onFrame(listener: () => void): () => void;
  /** Resolves after deck.gl's next frame. */
  nextFrame(): Promise<void>;
  /** Page coordinates of a longitude/latitude on the map (null without a map). */
  project(lon: number, lat: number): [number, number] | null;
  /** The map's camera now, and whether it is moving (a story's flight). */
  camera(): Camera | null;
  isMoving(): boolean;
  pixelRatio(): number | null;
  /** True while a change of the view waits to be written to the URL. */
  readonly urlWritePending: boolean;
  /** The data shown. */
  readonly dataset: Dataset;
  /** Ids of the drawn polygons (the year's boundary version and the Russian subjects). */
  drawnPolygons(): string[];
  /** The boundary version drawn (null: Kazakhstan's regions are not drawn). */
  drawnVersion(): string | null;
  /** The label texts placed on the map in the last frame. */
  placedLabels(): string[];
  /** The fill the map gives a polygon for the current measure, year and scale (null: a gap). */
  fillColour(polygonId: string): Rgba | null;
  /** Every label text the map has made for the data shown. */
  labelTexts(): string[];
  storyIds(): string[];
  /** The presenter's composed picture (header, map, legend, credits) as PNG. */
  picture(scale: 1 | 2): Promise<Blob>;
  embedCode(): string;
  /** The district level: drawn now or not, the districts drawn (0 while their file loads), and the file's load. */
  districts(): { shown: boolean; drawn: number; load: 'idle' | 'loading' | 'failed' | 'done' } | null;
  /** Places of the user's own: the cluster level drawn, its clusters, the levels there are, the selected place (null: none drawn). */
  points(): PointLayersState | null;
}

declare global {
  interface Window {
    __app?: AppApi;
    /** Set by a test before the page loads to ask for window.__app. */
    __KZ_TEST_API__?: boolean;
  }
}

export interface AppParts {
  store: AppStore;
  playback: Playback;
  urlSync: UrlSync;
  presenter: Presenter;
  renderer: () => MapRenderer | null;
}

export function createAppApi({ store, playback, urlSync, presenter, renderer }: AppParts): AppApi {
  const view = () => renderer()?.view ?? null;
  return {
    get state() {
      return viewOf(store.get());
    },
    get valuesHidden() {
      return store.get().hidden;
    },
    update: (patch) => store.set(patch),
    playback: {
      get current() {
        return playback.current;
      },
      get ticking() {
        return playback.ticking;
      },
      pause: () => playback.pause(),
      subscribe: (listener) => playback.subscribe(listener),
    },
    isDrawn: () => renderer()?.isDrawn() ?? false,
    get framesDrawn() {
      return renderer()?.framesDrawn ?? 0;
    },
    get framesSinceUpdate() {
      return renderer()?.framesSinceUpdate ?? 0;
    },
    get firstFrameAt() {
      return renderer()?.firstFrameAt ?? null;
    },
    mainThreadMs: () => ({ layers: renderer()?.layersMs ?? 0, deckUpdates: renderer()?.view.deckUpdateMs() ?? 0 }),
    markCpuSections: (on) => {
      renderer()?.view.countDeckUpdates();
      markCpuSections(on);
    },
    onFrame: (listener) => renderer()?.onFrame(listener) ?? (() => false),
    nextFrame: () => renderer()?.nextFrame() ?? Promise.resolve(),
    project: (lon, lat) => renderer()?.project(lon, lat) ?? null,
    camera: () => view()?.camera() ?? null,
    isMoving: () => view()?.map.isMoving() ?? false,
    pixelRatio: () => view()?.pixelRatio() ?? null,
    get urlWritePending() {
      return urlSync.pending;
    },
    get dataset() {
      return store.get().data.dataset;
    },
    drawnPolygons: () => {
      const { data, measure, year } = store.get();
      return data.drawn(measure, year).regions.features.map((f) => f.properties.polygon_id);
    },
    drawnVersion: () => {
      const { data, measure, year } = store.get();
      return data.drawn(measure, year).version?.id ?? null;
    },
    placedLabels: () => renderer()?.placedLabels.map((l) => l.text) ?? [],
    fillColour: (polygonId) => {
      const { measure, year, scale, data } = store.get();
      return data.prepared.colours.colours(measure, year, scale).get(polygonId) ?? null;
    },
    labelTexts: () => renderer()?.labels.texts(store.get().data) ?? [],
    storyIds: () => [...presenter.story.storyIds()],
    picture: (scale) => presenter.capture.picture(scale),
    embedCode: () => presenter.capture.embedCode(),
    districts: () => renderer()?.districtsState() ?? null,
    points: () => renderer()?.pointsState() ?? null,
  };
}

/** Exposes the handle if a test asked for it. */
export function exposeForTests(parts: AppParts): void {
  if (window.__KZ_TEST_API__ === true) window.__app = createAppApi(parts);
}
