/**
 * The panel of a selected region: its totals for the year, the statistical
 * units it sums, its largest flows, and every other figure the sources hold
 * for it (content: src/core/view/region-panel.ts).
 */
import { regionSummary } from '../core/region-summary';
import { regionPanelContent, type RegionPanelContent } from '../core/view/region-panel';
import { translatorOf, type AppState, type AppStore } from '../state/app-state';
import { el, replace } from './dom';

const shown = (s: AppState) => ({ data: s.data, selected: s.selected, year: s.year, hidden: s.hidden, lang: s.lang });

export class RegionPanel {
  readonly element = el('section', {
    class: 'region-panel panel',
    hidden: true,
    'aria-labelledby': 'region-title',
    'data-testid': 'region-panel',
  });

  constructor(private readonly store: AppStore) {
    store.subscribe(shown, () => this.update(), { immediate: true });
  }

  hide(): void {
    this.element.hidden = true;
    replace(this.element, []);
  }

  render(c: RegionPanelContent, closeLabel: string): void {
    const close = el('button', { type: 'button', class: 'panel-close', 'aria-label': closeLabel }, ['×']);
    close.addEventListener('click', () => this.store.set({ selected: null }));
    const row = (cells: string[], header = false) =>
      el(
        'tr',
        {},
        cells.map((c, i) => (i === 0 || header ? el('th', { scope: header ? 'col' : 'row' }, [c]) : el('td', {}, [c]))),
      );
    replace(this.element, [
      close,
      el('h2', { id: 'region-title' }, [c.title]),
      ...c.notes.map((n) => el('p', { class: 'panel-note' }, [n])),
      el('h3', {}, [c.totalsHeading]),
      el('table', { class: 'figures' }, [
        el(
          'tbody',
          {},
          c.figures.map((f) => row(f)),
        ),
      ]),
      c.noFlows !== null && el('p', { class: 'panel-note' }, [c.noFlows]),
      c.units &&
        el('table', { class: 'units' }, [
          el('thead', {}, [row(c.units.header, true)]),
          el(
            'tbody',
            {},
            c.units.rows.map((r) => row(r)),
          ),
        ]),
      ...c.flowLists.map((list) =>
        el('div', { class: 'flow-list' }, [
          el('h3', {}, [list.heading]),
          el(
            'ol',
            {},
            list.lines.map((l) => el('li', {}, [l])),
          ),
        ]),
      ),
      c.other.length > 0 && el('h3', {}, [c.otherHeading]),
      c.other.length > 0 &&
        el(
          'ul',
          { class: 'other' },
          c.other.map((o) => el('li', {}, [o])),
        ),
      el('p', { class: 'panel-sources' }, [c.sources]),
    ]);
    this.element.hidden = false;
  }

  private update(): void {
    const s = this.store.get();
    const summary = s.selected && !s.hidden ? regionSummary(s.data.dataset.measures, s.selected, s.year) : null;
    if (!summary) return this.hide();
    const t = translatorOf(s);
    this.render(regionPanelContent(summary, s.data.dataset.model, s.lang, t), t('panel.close'));
  }
}
