/**
 * The header: title, subtitle, the language switch (each language named in
 * itself), and the buttons that open the table view and the keyboard help.
 * In an embed only the title shows, with a link that opens the same view in
 * the full map (styles.css).
 */
import { LANGS, type Lang } from '../core/model';
import type { MessageKey, Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { writeUrlState } from '../state/url-state';
import { viewOf } from '../state/url-sync';
import { el, replace } from './dom';

export interface HeaderActions {
  openTable(): void;
  openHelp(): void;
  leaveProjector(): void;
}

export class AppHeader {
  readonly element = el('header', { class: 'app-header panel' });
  /** The embed's way out: the same view in the full map, in a new tab (an embed is a frame in another page). */
  private readonly fullMap = el('a', {
    class: 'full-map',
    target: '_blank',
    rel: 'noopener',
    'data-testid': 'full-map',
  });

  constructor(
    private readonly store: AppStore,
    private readonly actions: HeaderActions,
  ) {
    store.subscribe(
      (s) => s.lang,
      (lang) => this.render(lang, translatorOf(store.get())),
      { immediate: true },
    );
    store.subscribe(
      viewOf,
      (view) => {
        this.fullMap.href = `${location.pathname}${writeUrlState({ ...view, view: 'normal' })}`;
      },
      { immediate: true },
    );
  }

  render(lang: Lang, t: Translator): void {
    const langButtons = LANGS.map((l) => {
      const b = el(
        'button',
        { type: 'button', lang: l, 'aria-pressed': String(l === lang), 'data-testid': `lang-${l}` },
        [t(`lang.${l}` as MessageKey)],
      );
      b.addEventListener('click', () => this.store.set({ lang: l }));
      return b;
    });
    const table = el('button', { type: 'button', 'data-testid': 'open-table' }, [t('table.open')]);
    table.addEventListener('click', () => this.actions.openTable());
    const help = el('button', { type: 'button', 'data-testid': 'open-help', 'aria-keyshortcuts': '?' }, [
      `? ${t('help.open')}`,
    ]);
    help.addEventListener('click', () => this.actions.openHelp());
    const leave = el(
      'button',
      { type: 'button', class: 'leave-projector', 'data-testid': 'leave-projector', 'aria-keyshortcuts': 'P' },
      [t('present.leaveProjector')],
    );
    leave.addEventListener('click', () => this.actions.leaveProjector());
    replace(this.fullMap, [`${t('embed.fullMap')} ↗`]);
    replace(this.element, [
      el('h1', {}, [t('app.title')]),
      this.fullMap,
      el('p', { class: 'subtitle' }, [t('app.subtitle')]),
      el('div', { class: 'header-tools' }, [
        el('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') }, langButtons),
        el('div', { class: 'header-buttons' }, [table, help]),
        leave,
      ]),
    ]);
  }
}
