/** The status line under the map: the year's flows and their caveats (content: src/core/view/status.ts). */
import { statusLine } from '../core/view/status';
import { viewFields, viewInputOf, type AppStore } from '../state/app-state';
import { el } from './dom';

export class StatusLine {
  readonly element = el('p', { class: 'status', 'data-testid': 'status' });

  constructor(store: AppStore) {
    store.subscribe(
      viewFields,
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
