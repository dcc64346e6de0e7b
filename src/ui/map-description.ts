/** The map's text description for screen readers, following the year and the selection. */
import { mapDescription } from '../core/view/status';
import { viewFields, viewInputOf, type AppStore } from '../state/app-state';
import { el } from './dom';

export class MapDescription {
  readonly element = el('p', { id: 'map-description', class: 'visually-hidden' });

  constructor(store: AppStore) {
    store.subscribe(viewFields, () => (this.element.textContent = mapDescription(viewInputOf(store.get()))), {
      immediate: true,
    });
  }
}
