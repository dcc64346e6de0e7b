/**
 * What the map shows, as sortable tables: the year's measure by region, and
 * the year's flows (origin, destination, migrants). For screen readers and for
 * people who prefer numbers.
 */
import { formatNumber } from '../core/format';
import type { Lang } from '../core/model';
import { tableContent, type TableContent } from '../core/view/table';
import type { Translator } from '../i18n';
import { translatorOf, viewFields, viewInputOf, type AppStore } from '../state/app-state';
import { Dialog } from './dialog';
import { el } from './dom';

/** What the tables show depends on. */

type TableInput = TableContent & { lang: Lang; t: Translator };

type Sort = { column: number; descending: boolean };

export class TableView {
  readonly dialog = new Dialog('table', 'table-view');
  private input: TableInput | null = null;
  private regionSort: Sort = { column: 1, descending: true };
  private flowSort: Sort = { column: 2, descending: true };

  constructor(private readonly store: AppStore) {
    // Kept up to date while open (the year may play on behind it).
    store.subscribe(viewFields, () => {
      if (this.dialog.isOpen) this.update();
    });
  }

  open(): void {
    this.update();
    this.dialog.open();
  }

  private update(): void {
    const s = this.store.get();
    this.render({ ...tableContent(viewInputOf(s)), lang: s.lang, t: translatorOf(s) });
  }

  render(input: TableInput): void {
    this.input = input;
    const { t, lang } = input;
    const n = (v: number) => formatNumber(v, lang, { digits: input.digits, signed: input.signed });
    const regions = sortRows(
      input.regions.map((r) => [r.name, r.value, r.sources] as const),
      this.regionSort,
    );
    const flows = sortRows(
      input.flows.map(
        (f) =>
          [
            f.from,
            f.to,
            f.count,
            f.kind === 'internal' ? t('tooltip.internal') : t('tooltip.external'),
            f.sources,
          ] as const,
      ),
      this.flowSort,
    );
    this.dialog.set(t('table.title', { year: input.year }), t('panel.close'), [
      el('h3', { id: 'table-regions' }, [t('table.regions', { measure: input.measureLabel })]),
      el('p', { class: 'panel-note' }, [input.unit]),
      el('table', { class: 'data-table', 'aria-labelledby': 'table-regions', 'data-testid': 'table-regions' }, [
        this.head(
          [t('table.region'), t('table.value'), t('table.source')],
          this.regionSort,
          t,
          (s) => (this.regionSort = s),
        ),
        el(
          'tbody',
          {},
          regions.map(([name, value, sources]) =>
            el('tr', {}, [
              el('th', { scope: 'row' }, [name]),
              el('td', { class: 'num' }, [value === null ? t('legend.noData') : n(value)]),
              el('td', {}, [sources]),
            ]),
          ),
        ),
      ]),
      el('h3', { id: 'table-flows' }, [t('table.flows')]),
      input.flows.length === 0
        ? el('p', {}, [t('table.noFlows')])
        : el('p', { class: 'panel-note' }, [t('table.onMap', { shown: input.shown, count: input.internalCount })]),
      input.flows.length > 0 &&
        el('table', { class: 'data-table', 'aria-labelledby': 'table-flows', 'data-testid': 'table-flows' }, [
          this.head(
            [t('table.origin'), t('table.destination'), t('table.migrants'), t('table.kind'), t('table.source')],
            this.flowSort,
            t,
            (s) => (this.flowSort = s),
          ),
          el(
            'tbody',
            {},
            flows.map(([from, to, count, kind, sources]) =>
              el('tr', {}, [
                el('td', {}, [from]),
                el('td', {}, [to]),
                el('td', { class: 'num' }, [formatNumber(count, lang)]),
                el('td', {}, [kind]),
                el('td', {}, [sources]),
              ]),
            ),
          ),
        ]),
    ]);
  }

  private head(columns: string[], sort: Sort, t: Translator, set: (s: Sort) => void): HTMLTableSectionElement {
    return el('thead', {}, [
      el(
        'tr',
        {},
        columns.map((label, i) => {
          const active = sort.column === i;
          const button = el(
            'button',
            { type: 'button', class: 'sort', 'aria-label': t('table.sortBy', { column: label }) },
            [label, active ? (sort.descending ? ' ▼' : ' ▲') : ''],
          );
          button.addEventListener('click', () => {
            set({ column: i, descending: active ? !sort.descending : i > 0 });
            if (this.input) this.render(this.input);
            // Keep the keyboard where it was: the same column's button in the new table.
            (
              this.dialog.element.querySelectorAll('th button')[this.buttonIndex(columns, i)] as HTMLElement | undefined
            )?.focus();
          });
          return el(
            'th',
            { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
            [button],
          );
        }),
      ),
    ]);
  }

  private buttonIndex(columns: string[], i: number): number {
    // Region table buttons come first (3 of them), then the flow table's.
    return columns.length === 3 ? i : 3 + i;
  }
}

function sortRows<R extends readonly unknown[]>(rows: R[], sort: Sort): R[] {
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.column];
    const y = b[sort.column];
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}
