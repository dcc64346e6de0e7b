/** The map's text description for screen readers, following the year and the selection. */
import { mapDescription } from '../core/view/status';
import { viewInputOf, type AppState, type AppStore } from '../state/app-state';
import { el } from './dom';

const described = (s: AppState) => ({
  data: s.data,
  year: s.year,
  measure: s.measure,
  selected: s.selected,
  minFlow: s.minFlow,
  topN: s.topN,
  hidden: s.hidden,
  lang: s.lang,
});

export class MapDescription {
  readonly element = el('p', { id: 'map-description', class: 'visually-hidden' });

  constructor(store: AppStore) {
    store.subscribe(described, () => (this.element.textContent = mapDescription(viewInputOf(store.get()))), {
      immediate: true,
    });
  }
}
