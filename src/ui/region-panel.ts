/**
 * The panel of a selected region: its totals for the year, the statistical
 * units it sums, its largest flows, and every other figure the sources hold
 * for it (content: src/core/view/region-panel.ts).
 */
import { regionSummary } from '../core/region-summary';
import { regionPanelContent, type RegionPanelContent } from '../core/view/region-panel';
import { translatorOf, type AppState, type AppStore } from '../state/app-state';
import type { BorderCounts } from '../core/view/border-counts';
import { el, replace, svg } from './dom';

const shown = (s: AppState) => ({
  data: s.data,
  selected: s.selected,
  measure: s.measure,
  year: s.year,
  hidden: s.hidden,
  lang: s.lang,
});

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
      c.border && borderSection(c.border),
      el('p', { class: 'panel-sources' }, [c.sources]),
    ]);
    this.element.hidden = false;
  }

  private update(): void {
    const s = this.store.get();
    // In other borders the panel describes the polygon drawn there (Abai in 2019: East Kazakhstan).
    const polygon = s.hidden ? null : s.data.shown(s.selected, s.measure, s.year);
    const summary = polygon ? regionSummary(s.data.dataset.measures, polygon, s.year) : null;
    if (!summary) return this.hide();
    const t = translatorOf(s);
    this.render(regionPanelContent(summary, s.data.dataset.model, s.lang, t), t('panel.close'));
  }
}

const CHART = { width: 260, height: 90, left: 4, right: 4, top: 6, bottom: 16 };

/**
 * Both countries' counts of people leaving Kazakhstan for Russia, year by
 * year: Russia's as a line where it has a run of years, Kazakhstan's as dots
 * (few full years); the year shown is marked. Gaps stay gaps.
 */
function borderSection(b: BorderCounts): HTMLElement {
  const [from, to] = b.years;
  const max = Math.max(...b.series.flatMap((s) => s.points.map((p) => p.value)));
  const x = (year: number) =>
    CHART.left + ((year - from) / Math.max(1, to - from)) * (CHART.width - CHART.left - CHART.right);
  const y = (v: number) => CHART.top + (1 - v / max) * (CHART.height - CHART.top - CHART.bottom);
  const [russia, kazakhstan] = b.series;
  const inYear = b.year >= from && b.year <= to;
  const chart = svg(
    'svg',
    {
      class: 'border-chart',
      viewBox: `0 0 ${CHART.width} ${CHART.height}`,
      role: 'img',
      'aria-label': `${russia.label}; ${kazakhstan.label}`,
      'data-testid': 'border-chart',
    },
    [
      inYear &&
        svg('line', {
          class: 'year-mark',
          x1: x(b.year),
          x2: x(b.year),
          y1: CHART.top,
          y2: CHART.height - CHART.bottom,
        }),
      svg('polyline', {
        class: 'series-russia',
        points: russia.points.map((p) => `${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '),
      }),
      ...kazakhstan.points.map((p) =>
        svg('circle', { class: 'series-kazakhstan', cx: x(p.year), cy: y(p.value), r: 3 }, [
          svg('title', {}, [`${p.year}: ${p.value} (${p.sourceId})`]),
        ]),
      ),
      svg('text', { x: CHART.left, y: CHART.top + 8, class: 'axis' }, [b.maxLabel]),
      svg('text', { x: CHART.left, y: CHART.height - 3, class: 'axis' }, [String(from)]),
      svg('text', { x: CHART.width - CHART.right, y: CHART.height - 3, class: 'axis', 'text-anchor': 'end' }, [
        String(to),
      ]),
    ],
  );
  return el('section', { class: 'border-counts', 'data-testid': 'border-counts' }, [
    el('h3', {}, [b.heading]),
    ...b.yearLines.map((l) => el('p', { class: 'border-line' }, [l])),
    chart,
    el('p', { class: 'legend-row' }, [el('span', { class: 'swatch series-russia' }), russia.label]),
    el('p', { class: 'legend-row' }, [el('span', { class: 'swatch series-kazakhstan' }), kazakhstan.label]),
    el('p', { class: 'panel-note' }, [b.note]),
    el('p', { class: 'panel-sources' }, [b.sources]),
  ]);
}
