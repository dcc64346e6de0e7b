/**
 * The view settings kept in the browser across visits (measure, scale, flow
 * filter, external flows): the rest of a view comes from links. They are
 * kept as a link's query, so that a link's validation guards what comes back.
 */
import { DEFAULT_VIEW, writeUrlState, type ViewState } from './url-state';

export type SavedSettings = Partial<Pick<ViewState, 'measure' | 'scale' | 'topN' | 'minFlow' | 'showExternal'>>;

/** The kept settings of a view (an imported measure is not kept: the next visit may not have it). */
export function savedSettingsOf(s: ViewState): SavedSettings {
  const out: SavedSettings = { scale: s.scale, topN: s.topN, minFlow: s.minFlow, showExternal: s.showExternal };
  if (s.measure !== 'custom') out.measure = s.measure;
  return out;
}

export const settingsQuery = (settings: SavedSettings): string => writeUrlState({ ...DEFAULT_VIEW, ...settings });
