/**
 * The URL follows the view: a subscriber to the fields a link carries, which
 * writes them (history.replaceState) a moment after the last change, so that
 * playback does not replace history on every frame.
 */
import type { StateStore } from './store';
import { writeUrlState, type ViewState } from './url-state';

export const URL_WRITE_DELAY_MS = 150;

/** The fields of a state that a link holds. */
export function viewOf(s: ViewState): ViewState {
  return {
    year: s.year,
    measure: s.measure,
    selected: s.selected,
    minFlow: s.minFlow,
    topN: s.topN,
    scale: s.scale,
    showExternal: s.showExternal,
    camera: s.camera,
    lang: s.lang,
    story: s.story,
    step: s.step,
    view: s.view,
    highContrast: s.highContrast,
    dataset: s.dataset,
    level: s.level,
  };
}

export class UrlSync {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: StateStore<ViewState>,
    private readonly write: (query: string) => void = (query) => history.replaceState(null, '', query),
  ) {
    this.unsubscribe = store.subscribe(viewOf, () => this.schedule());
  }

  /** True while a change waits to be written (tests wait for it rather than for a delay). */
  get pending(): boolean {
    return this.timer !== null;
  }

  /** Writes the view soon even if nothing changed (once the map has started, the URL shows the view in full). */
  writeSoon(): void {
    this.schedule();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write(writeUrlState(viewOf(this.store.get())));
    }, URL_WRITE_DELAY_MS);
  }
}
