/** The status line under the map: the year's flows and their caveats (content: src/core/view/status.ts). */
import { statusLine } from '../core/view/status';
import { viewInputOf, type AppState, type AppStore } from '../state/app-state';
import { el } from './dom';

const shown = (s: AppState) => ({
  data: s.data,
  year: s.year,
  measure: s.measure,
  selected: s.selected,
  minFlow: s.minFlow,
  topN: s.topN,
  showExternal: s.showExternal,
  hidden: s.hidden,
  lang: s.lang,
});

export class StatusLine {
  readonly element = el('p', { class: 'status', 'data-testid': 'status' });

  constructor(store: AppStore) {
    store.subscribe(
      shown,
      () => {
        const line = statusLine(viewInputOf(store.get()));
        this.element.textContent = line.text;
        // How many arcs the map draws, for tests that compare it with the picture.
        this.element.dataset.arcs = String(line.arcs);
      },
      { immediate: true },
    );
  }
}
