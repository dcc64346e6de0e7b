/** Test helper: a store over the built-in data, as the app makes it. */
import { builtInData } from '../core/view/test-data';
import { createAppStore, type AppStore } from '../state/app-state';
import { DEFAULT_VIEW, type ViewState } from '../state/url-state';

export const testStore = (view: Partial<ViewState> = {}): AppStore =>
  createAppStore({ ...DEFAULT_VIEW, ...view }, builtInData());
