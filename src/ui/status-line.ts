/**
 * The status line under the map: the year's flows and their caveats, and where the chosen measure
 * has no figure for the year, the measures that have one as buttons that switch to them
 * (content: src/core/view/status.ts).
 */
import { statusLine } from '../core/view/status';
import { viewFields, viewInputOf, type AppStore } from '../state/app-state';
import { el, replace } from './dom';

export class StatusLine {
  readonly element = el('p', { class: 'status', 'data-testid': 'status' });

  constructor(store: AppStore) {
    store.subscribe(
      viewFields,
      () => {
        const line = statusLine(viewInputOf(store.get()));
        const offer = line.noFigure;
        replace(this.element, [
          offer &&
            el('span', { class: 'status-no-figure', 'data-testid': 'status-no-figure' }, [
              `${offer.text} ${offer.offer}`,
              ...offer.measures.flatMap((m) => {
                const button = el(
                  'button',
                  {
                    type: 'button',
                    class: 'status-measure',
                    'data-measure': m.id,
                    'data-testid': `status-measure-${m.id}`,
                  },
                  [m.label],
                );
                button.addEventListener('click', () => store.set({ measure: m.id }));
                return [' ', button];
              }),
              ' ',
            ]),
          line.text,
        ]);
        // How many arcs the map draws, for tests that compare it with the picture.
        this.element.dataset.arcs = String(line.arcs);
      },
      { immediate: true },
    );
  }
}
