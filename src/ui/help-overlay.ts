/** The keyboard help (opened with "?"), in the current language. */
import type { MessageKey, Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { Dialog } from './dialog';
import { el } from './dom';

const KEYS: [string, MessageKey][] = [
  ['Tab, Shift+Tab', 'help.tab'],
  ['Space', 'help.space'],
  ['[  ]', 'help.brackets'],
  ['Escape', 'help.escape'],
  ['← → ↑ ↓, Page Up/Down, Home, End', 'help.slider'],
  ['Page Down / Page Up, → / ←, N', 'help.story'],
  ['Enter, R', 'help.reveal'],
  ['?', 'help.question'],
  ['T', 'help.table'],
  ['P', 'help.projector'],
  ['← → ↑ ↓, + −', 'help.map'],
];

export class HelpOverlay {
  readonly dialog = new Dialog('help', 'help');

  constructor(store: AppStore) {
    store.subscribe(
      (s) => s.lang,
      (lang) => this.render(translatorOf({ lang })),
      { immediate: true },
    );
  }

  render(t: Translator): void {
    this.dialog.set(t('help.title'), t('panel.close'), [
      el('table', { class: 'help-keys' }, [
        el('thead', {}, [
          el('tr', {}, [el('th', { scope: 'col' }, [t('help.key')]), el('th', { scope: 'col' }, [t('help.does')])]),
        ]),
        el(
          'tbody',
          {},
          KEYS.map(([keys, what]) =>
            el('tr', {}, [el('th', { scope: 'row' }, [el('kbd', {}, [keys])]), el('td', {}, [t(what)])]),
          ),
        ),
      ]),
    ]);
  }
}
