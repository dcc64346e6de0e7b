/**
 * The view in the URL: pure, validated, versioned read and write. A malformed
 * or outdated URL never throws; it falls back field by field to defaults and
 * reports what it ignored, so the app can show a notice.
 */
import { DISTRICT_LEVELS, type DistrictLevel } from '../core/district-level';
import { MEASURE_IDS, type MeasureId } from '../core/measures';
import { LANGS, type Lang } from '../core/model';

export const URL_STATE_VERSION = 1;

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

export interface ViewState {
  year: number;
  measure: MeasureId;
  /** Selected polygon id, or null. */
  selected: string | null;
  /** Minimum migrants for an arc to be drawn. */
  minFlow: number;
  /** Only the N largest flows of the year (null = all). */
  topN: number | null;
  /** Colour scale fixed over all years (default) or fitted to the year. */
  scale: 'fixed' | 'year';
  showExternal: boolean;
  camera: Camera | null;
  lang: Lang;
  /** An active story and its step (0-based; 1-based in the URL). */
  story: string | null;
  step: number;
  /** The layout: the full interface, the projector view, or an embed without chrome. */
  view: 'normal' | 'projector' | 'embed';
  highContrast: boolean;
  /** An imported dataset shown instead of the built-in data (null: built-in). */
  dataset: string | null;
  /** Districts drawn when zoomed in (auto), never, or always (src/core/district-level.ts). */
  level: DistrictLevel;
}

/** The view a first visit shows (the year is clamped to the data's last year by the app). */
export const DEFAULT_VIEW: ViewState = {
  year: 2024,
  measure: 'net',
  selected: null,
  minFlow: 0,
  // The 50 largest flows read clearly; all 380 of a year are one choice away.
  topN: 50,
  scale: 'fixed',
  showExternal: true,
  camera: null,
  lang: 'en',
  story: null,
  step: 0,
  view: 'normal',
  highContrast: false,
  dataset: null,
  level: 'auto',
};

export interface UrlContext {
  yearRange: [number, number];
  /** Ids of the stories that can be opened. */
  stories: ReadonlySet<string>;
  /** Valid selection ids (polygon ids). */
  selectable: ReadonlySet<string>;
  defaults: ViewState;
}

export interface ParsedUrl {
  state: ViewState;
  /** Parameters that were present but unusable, with the reason. */
  rejected: { param: string; value: string; reason: string }[];
}

const TOP_N_MAX = 380;
const MIN_FLOW_MAX = 1_000_000;

/** A `cam` value, or null if it is not a usable longitude,latitude,zoom. */
function parseCamera(cam: string): Camera | null {
  const parts = cam.split(',').map(Number);
  const [lon, lat, zoom] = parts;
  const ok =
    parts.length === 3 &&
    parts.every(Number.isFinite) &&
    Math.abs(lon!) <= 180 &&
    Math.abs(lat!) <= 85 &&
    zoom! >= 0 &&
    zoom! <= 22;
  return ok ? { lon: lon!, lat: lat!, zoom: zoom! } : null;
}

/**
 * A link without `v` is a short link written by hand (`?lang=kk`, `?embed=1`,
 * as the README documents them) and is read as the current version; only a
 * `v` that names another version makes the other fields untrustworthy.
 */
function isCurrentVersion(version: string | null): boolean {
  return version === null || version === String(URL_STATE_VERSION);
}

/**
 * The camera of a link, as readUrlState reads it (null: the home view). Needs
 * no data, so the map can start with it before the data is read.
 */
export function urlCamera(search: string): Camera | null {
  const params = new URLSearchParams(search);
  const cam = params.get('cam');
  if (!isCurrentVersion(params.get('v')) || cam === null) return null;
  return parseCamera(cam);
}

export function readUrlState(search: string, ctx: UrlContext): ParsedUrl {
  const params = new URLSearchParams(search);
  const state: ViewState = { ...ctx.defaults, camera: ctx.defaults.camera && { ...ctx.defaults.camera } };
  const rejected: ParsedUrl['rejected'] = [];
  if (params.size === 0) return { state, rejected };

  const version = params.get('v');
  if (!isCurrentVersion(version)) {
    // An unknown version: the meaning of the other fields cannot be trusted.
    rejected.push({ param: 'v', value: version ?? '', reason: 'unsupported link version' });
    return { state, rejected };
  }
  const reject = (param: string, reason: string) => rejected.push({ param, value: params.get(param) ?? '', reason });
  const int = (param: string, min: number, max: number): number | undefined => {
    const raw = params.get(param);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      reject(param, `not a whole number from ${min} to ${max}`);
      return undefined;
    }
    return Number(raw);
  };

  const year = int('year', ctx.yearRange[0], ctx.yearRange[1]);
  if (year !== undefined) state.year = year;

  const measure = params.get('m');
  if (measure !== null) {
    if ((MEASURE_IDS as readonly string[]).includes(measure)) state.measure = measure as MeasureId;
    else reject('m', 'unknown measure');
  }

  const selected = params.get('sel');
  if (selected !== null) {
    if (selected === '') state.selected = null;
    else if (ctx.selectable.has(selected)) state.selected = selected;
    else reject('sel', 'unknown region');
  }

  const minFlow = int('min', 0, MIN_FLOW_MAX);
  if (minFlow !== undefined) state.minFlow = minFlow;

  const top = params.get('top');
  if (top !== null) {
    if (top === 'all') state.topN = null;
    else {
      const n = int('top', 1, TOP_N_MAX);
      if (n !== undefined) state.topN = n;
    }
  }

  const scale = params.get('scale');
  if (scale !== null) {
    if (scale === 'fixed' || scale === 'year') state.scale = scale;
    else reject('scale', 'must be fixed or year');
  }

  const ext = params.get('ext');
  if (ext !== null) {
    if (ext === '0' || ext === '1') state.showExternal = ext === '1';
    else reject('ext', 'must be 0 or 1');
  }

  const cam = params.get('cam');
  if (cam !== null) {
    const camera = parseCamera(cam);
    if (camera) state.camera = camera;
    else reject('cam', 'must be longitude,latitude,zoom');
  }

  const story = params.get('story');
  if (story !== null) {
    if (ctx.stories.has(story)) {
      state.story = story;
      const step = int('step', 1, 1000);
      state.step = step === undefined ? 0 : step - 1;
    } else reject('story', 'unknown story (a story file opened elsewhere is not stored here)');
  }

  const view = params.get('view');
  if (view !== null) {
    if (view === 'normal' || view === 'projector' || view === 'embed') state.view = view;
    else reject('view', 'must be normal, projector or embed');
  }
  if (params.get('embed') === '1') state.view = 'embed';

  const hc = params.get('hc');
  if (hc !== null) {
    if (hc === '0' || hc === '1') state.highContrast = hc === '1';
    else reject('hc', 'must be 0 or 1');
  }

  const ds = params.get('ds');
  if (ds !== null) {
    // Only the shape is checked here; whether this browser has it is known once storage opens.
    if (/^user-[a-z0-9-]{1,60}$/.test(ds)) state.dataset = ds;
    else reject('ds', 'not a dataset id');
  }

  const level = params.get('lvl');
  if (level !== null) {
    if ((DISTRICT_LEVELS as readonly string[]).includes(level)) state.level = level as DistrictLevel;
    else reject('lvl', 'must be auto, regions or districts');
  }

  const lang = params.get('lang');
  if (lang !== null) {
    if ((LANGS as readonly string[]).includes(lang)) state.lang = lang as Lang;
    else reject('lang', 'must be en, ru or kk');
  }
  return { state, rejected };
}

/** Writes every field, so that a link keeps its meaning if defaults change later. */
export function writeUrlState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('v', String(URL_STATE_VERSION));
  params.set('year', String(state.year));
  params.set('m', state.measure);
  if (state.selected) params.set('sel', state.selected);
  params.set('min', String(state.minFlow));
  params.set('top', state.topN === null ? 'all' : String(state.topN));
  params.set('scale', state.scale);
  params.set('ext', state.showExternal ? '1' : '0');
  if (state.camera) {
    const { lon, lat, zoom } = state.camera;
    params.set('cam', `${lon.toFixed(3)},${lat.toFixed(3)},${zoom.toFixed(2)}`);
  }
  params.set('lang', state.lang);
  if (state.story) {
    params.set('story', state.story);
    params.set('step', String(state.step + 1));
  }
  if (state.view !== 'normal') params.set('view', state.view);
  if (state.highContrast) params.set('hc', '1');
  if (state.dataset) params.set('ds', state.dataset);
  if (state.level !== 'auto') params.set('lvl', state.level);
  return `?${params.toString()}`;
}
