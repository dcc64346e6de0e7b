/**
 * Choosing a region without the map: a combobox (ARIA 1.2 pattern) that
 * filters the regions by name in any of the three languages and shows them
 * in the current one. Choosing does what a click on the map does.
 */
import type { RegionOption } from '../core/view/region-options';
import { regionOptions } from '../core/view/region-options';
import type { Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { el, replace } from './dom';

const normalise = (s: string) => s.toLocaleLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export class RegionSearch {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly label: HTMLLabelElement;
  private options: RegionOption[] = [];
  private matches: RegionOption[] = [];
  private active = -1;
  private t: Translator;

  private readonly onChoose: (polygonId: string) => void;

  constructor(store: AppStore) {
    this.onChoose = (polygonId) => store.set({ selected: polygonId });
    this.t = translatorOf(store.get());
    this.input = el('input', {
      id: 'region-search',
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'region-options',
      'data-testid': 'region-search',
    });
    this.list = el('ul', { id: 'region-options', role: 'listbox', class: 'combo-list', hidden: true });
    this.label = el('label', { for: 'region-search' });
    this.element = el('div', { class: 'region-search panel' }, [this.label, this.input, this.list]);
    this.input.addEventListener('input', () => this.filter(true));
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    store.subscribe(
      (s) => ({ lang: s.lang, data: s.data }),
      () => {
        const s = store.get();
        this.setTranslator(translatorOf(s));
        this.setOptions(regionOptions(s.data.dataset.model, s.lang));
      },
      { immediate: true },
    );
  }

  setTranslator(t: Translator): void {
    this.t = t;
    this.label.textContent = t('search.label');
    this.input.placeholder = t('search.placeholder');
  }

  setOptions(options: RegionOption[]): void {
    this.options = options;
    if (!this.list.hidden) this.filter(true);
  }

  private filter(open: boolean): void {
    const q = normalise(this.input.value.trim());
    this.matches = q ? this.options.filter((o) => o.names.some((n) => normalise(n).includes(q))) : this.options;
    this.active = this.matches.length ? 0 : -1;
    if (open) this.open();
    this.renderList();
  }

  private renderList(): void {
    replace(
      this.list,
      this.matches.length
        ? this.matches.map((o, i) => {
            const li = el(
              'li',
              { id: `region-option-${i}`, role: 'option', 'aria-selected': String(i === this.active) },
              [o.label, o.detail && el('span', { class: 'combo-detail' }, [` — ${o.detail}`])],
            );
            li.addEventListener('mousedown', (e) => {
              e.preventDefault();
              this.choose(i);
            });
            return li;
          })
        : [el('li', { class: 'combo-empty', 'aria-disabled': 'true' }, [this.t('search.none')])],
    );
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', `region-option-${this.active}`);
      this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private choose(i: number): void {
    const option = this.matches[i];
    if (!option) return;
    this.input.value = option.label;
    this.close();
    this.onChoose(option.polygonId);
  }

  private onKey(e: KeyboardEvent): void {
    const move = (d: number) => {
      if (this.list.hidden) this.filter(true);
      else if (this.matches.length) {
        this.active = (this.active + d + this.matches.length) % this.matches.length;
        this.renderList();
      }
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      Enter: () => (this.list.hidden ? this.filter(true) : this.choose(this.active)),
      Escape: () => (this.list.hidden ? (this.input.value = '') : this.close()),
    };
    // Escape in a closed, empty box is not the box's: it goes on to clear the selection.
    if (e.key === 'Escape' && this.list.hidden && this.input.value === '') return;
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  }
}
