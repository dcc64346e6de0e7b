/**
 * The app's view state, owned by one store: what a link carries (ViewState),
 * playback, what an open story step asks of the map, and the data shown.
 * Every part reads it through `subscribe(selector, listener)` and changes it
 * through `set`; none keeps a copy.
 */
import { districtsShown } from '../core/district-level';
import type { MapData } from '../core/map-data';
import { pickedPolygon, type Picked } from '../core/view/tooltip';
import type { ViewInput } from '../core/view/view-input';
import { translator, type Translator } from '../i18n';
import type { PlaybackState } from './playback';
import { Store } from './store';
import type { ViewState } from './url-state';

export interface AppState extends ViewState, PlaybackState {
  /** True while a question step of a story hides the map's values (until the answer is revealed). */
  hidden: boolean;
  /** Regions an open story step highlights (the rest are dimmed). */
  highlight: readonly string[];
  /** The spotlight: when on, everything but the selected region is dimmed. */
  spotlight: boolean;
  /** The system asks for a dark theme (prefers-color-scheme); high contrast overrides it. */
  darkScheme: boolean;
  /** The data shown (the built-in data or the dataset `dataset` names) with what is prepared from it. */
  data: MapData;
}

export type AppStore = Store<AppState>;

export const PLAYBACK_DEFAULTS: Omit<PlaybackState, 'year'> = { playing: false, speedIndex: 1, loop: true };

export function createAppStore(view: ViewState, data: MapData, darkScheme = false): AppStore {
  return new Store<AppState>({
    ...view,
    ...PLAYBACK_DEFAULTS,
    hidden: false,
    highlight: [],
    spotlight: false,
    darkScheme,
    data,
  });
}

/** The interface's translator for the state's language. */
export const translatorOf = (s: Pick<AppState, 'lang'>): Translator => translator(s.lang);

/** Regions kept bright: an open story step's highlight, else the selection under the spotlight. */
export function litRegions(s: Pick<AppState, 'highlight' | 'spotlight' | 'selected'>): readonly string[] {
  if (s.highlight.length) return s.highlight;
  return s.spotlight && s.selected ? [s.selected] : [];
}

/** Label sizes: large in the projector view. */
export const textScaleOf = (s: Pick<AppState, 'view'>): number => (s.view === 'projector' ? 1.8 : 1);

/**
 * The fields the view models read (what the map shows and how, in which
 * language): the selector of the panels that describe the view.
 */
export const viewFields = (s: AppState) => ({
  data: s.data,
  year: s.year,
  measure: s.measure,
  scale: s.scale,
  selected: s.selected,
  minFlow: s.minFlow,
  topN: s.topN,
  showExternal: s.showExternal,
  hidden: s.hidden,
  lang: s.lang,
  districts: districtsOf(s),
});

/** True when the map draws the districts (the level chosen, or zoomed in past DISTRICT_ZOOM). */
export const districtsOf = (s: Pick<AppState, 'level' | 'camera'>): boolean => districtsShown(s.level, s.camera?.zoom);

/** What the view models read (src/core/view), from the state. */
export const viewInputOf = (s: AppState): ViewInput => ({ ...s, t: translatorOf(s), districts: districtsOf(s) });

/** A click on the map: selects the region picked (a node selects its unit's), or clears it when clicked again. */
export function selectPicked(store: AppStore, picked: Picked | null): void {
  const s = store.get();
  const polygonId = picked && pickedPolygon(picked, s.data);
  if (polygonId) store.set({ selected: s.selected === polygonId ? null : polygonId });
}
