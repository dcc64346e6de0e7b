/**
 * The way into a places import: one button that picks a locations file and a
 * flows file together (FlowmapBlue's pair), or one flows file with
 * coordinates. What the files are is told from their headers, not from
 * which was picked first.
 */
import type { Translator } from '../i18n';
import { el, replace } from './dom';

export class PlacesEntry {
  readonly element = el('div', { class: 'places-entry', 'data-testid': 'places-entry' });

  constructor(private readonly importFiles: (files: File[]) => void) {}

  render(t: Translator): void {
    const input = el('input', {
      type: 'file',
      multiple: true,
      accept: '.csv,.tsv,.txt,text/csv',
      class: 'visually-hidden',
      tabindex: -1,
      'data-testid': 'places-files',
    });
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      if (files.length) this.importFiles(files);
    });
    const pick = el('button', { type: 'button', 'data-testid': 'places-import' }, [t('points.import')]);
    pick.addEventListener('click', () => input.click());
    replace(this.element, [
      el('span', { class: 'file-button' }, [pick, input]),
      el('p', { class: 'panel-note' }, [t('points.importHint')]),
    ]);
  }
}
