/**
 * The north–south panel: population density of the two groups over the
 * observed years and their ratio, with the grouping and its source stated.
 * The 2050 forecast is told in words beside the chart, never drawn as data.
 */
import { scaleLinear } from 'd3-scale';
import { formatNumber } from '../core/format';
import { polygonName } from '../core/labels';
import type { Lang, Model } from '../core/model';
import { NORTH_POLYGONS, SOUTH_POLYGONS, type GroupDensity } from '../core/north-south';
import type { Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { el, replace, svg } from './dom';

const W = 260;
const H = 120;
const PAD = { left: 28, right: 8, top: 8, bottom: 18 };

export class NorthSouthPanel {
  readonly element = el('details', { class: 'north-south panel', 'data-testid': 'north-south' });

  constructor(store: AppStore) {
    store.subscribe(
      (s) => ({ data: s.data, year: s.year, lang: s.lang }),
      ({ data, year, lang }) => this.update(data.northSouth, year, data.dataset.model, lang, translatorOf({ lang })),
      { immediate: true },
    );
  }

  update(series: GroupDensity[], year: number, model: Model, lang: Lang, t: Translator, open?: boolean): void {
    if (open !== undefined) this.element.open = open;
    const wasOpen = this.element.open;
    const x = scaleLinear()
      .domain([series[0]?.year ?? 2000, series[series.length - 1]?.year ?? 2023])
      .range([PAD.left, W - PAD.right]);
    const maxDensity = Math.max(1, ...series.map((s) => s.south));
    const y = scaleLinear()
      .domain([0, maxDensity])
      .nice()
      .range([H - PAD.bottom, PAD.top]);
    const line = (key: 'north' | 'south') =>
      series.map((s, i) => `${i ? 'L' : 'M'}${x(s.year).toFixed(1)},${y(s[key]).toFixed(1)}`).join('');
    const current = series.find((s) => s.year === year);
    const names = (ids: readonly string[]) =>
      ids.map((id) => polygonName(model, id, 'G20_2022plus', lang, { short: true })).join(', ');
    const d = (v: number) => formatNumber(v, lang, { digits: 1 });

    const chart = svg(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, class: 'ns-chart', role: 'img', 'aria-label': t('ns.title') },
      [
        ...y
          .ticks(3)
          .map((v) =>
            svg('g', {}, [
              svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }),
              svg('text', { x: PAD.left - 3, y: y(v) + 3, 'text-anchor': 'end' }, [formatNumber(v, lang)]),
            ]),
          ),
        ...x.ticks(4).map((v) => svg('text', { x: x(v), y: H - 4, 'text-anchor': 'middle' }, [String(v)])),
        svg('path', { d: line('north'), class: 'ns-north' }),
        svg('path', { d: line('south'), class: 'ns-south' }),
        current && svg('line', { x1: x(year), x2: x(year), y1: PAD.top, y2: H - PAD.bottom, class: 'ns-now' }),
      ],
    );

    replace(this.element, [
      el('summary', {}, [t('ns.title')]),
      chart,
      el('p', { class: 'ns-values' }, [
        el('span', { class: 'ns-key north' }, [t('ns.north')]),
        current ? ` ${t('ns.perKm2', { value: d(current.north) })}  ` : ' — ',
        el('span', { class: 'ns-key south' }, [t('ns.south')]),
        current ? ` ${t('ns.perKm2', { value: d(current.south) })}` : ' — ',
      ]),
      el('p', { class: 'ns-ratio', 'data-testid': 'ns-ratio' }, [
        `${t('ns.ratio')} ${year}: `,
        current ? `${formatNumber(current.ratio, lang, { digits: 2 })}×` : t('tooltip.noData', { year }),
      ]),
      el('p', { class: 'panel-note' }, [
        t('ns.grouping', { north: names(NORTH_POLYGONS), south: names(SOUTH_POLYGONS) }),
      ]),
      el('p', { class: 'panel-note' }, [t('ns.forecast'), ' (S146)']),
      el('p', { class: 'panel-sources' }, [t('ns.credit'), ' (S147, S01)']),
    ]);
    this.element.open = wasOpen;
  }
}
