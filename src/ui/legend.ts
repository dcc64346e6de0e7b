/**
 * Legends: the choropleth's scale (d3 ticks, unit, year, scale mode, gaps) and
 * the arcs' colour, width and kinds.
 */
import { arcWidth } from '../core/arcs';
import { formatCompact } from '../core/format';
import type { MeasureId } from '../core/measures';
import type { Lang } from '../core/model';
import { legendPosition, legendStops, NO_DATA, type ColourScale, type Rgba } from '../core/scales';
import type { MessageKey } from '../i18n';
import type { Theme } from '../render/layers';
import { el, replace } from './dom';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const css = (c: Rgba) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;

export interface LegendInput {
  measure: MeasureId;
  /** The measure's name and unit, in the current language. */
  label: string;
  unit: string;
  year: number;
  scale: ColourScale;
  scaleMode: 'fixed' | 'year';
  yearRange: [number, number];
  notes: MessageKey[];
  showExternal: boolean;
  /** A question step hides the values: the legend says so instead of giving a scale. */
  hidden: boolean;
  theme: Theme;
  lang: Lang;
  t: T;
}

export class LegendControl {
  readonly element = el('section', { class: 'legend panel', 'data-testid': 'legend' });

  update(input: LegendInput): void {
    const { t, scale, lang } = input;
    const stops = legendStops(scale);
    const gradient = `linear-gradient(to right, ${stops.map(css).join(', ')})`;
    const signed = scale.kind === 'diverging';
    // Long labels (full numbers where no short form exists) would collide: keep the ends and the middle.
    const labelled = scale.ticks.map((v) => [v, formatCompact(v, lang, { signed })] as const);
    const long = Math.max(...labelled.map(([, s]) => s.length)) > 6 && labelled.length > 3;
    const shown = long
      ? labelled.filter((_, i) => i === 0 || i === labelled.length - 1 || i === (labelled.length - 1) / 2)
      : labelled;
    const ticks = shown.map(([v, label]) =>
      el('span', { class: 'legend-tick', style: `left:${(legendPosition(scale, v) * 100).toFixed(1)}%` }, [label]),
    );
    if (input.hidden) {
      replace(this.element, [
        el('h2', {}, [input.label, ' · ', String(input.year)]),
        el('p', { class: 'legend-note', 'data-testid': 'legend-hidden' }, [t('story.hidden')]),
      ]);
      return;
    }
    replace(this.element, [
      el('h2', {}, [input.label, ' · ', String(input.year)]),
      el('p', { class: 'legend-unit' }, [input.unit]),
      el('div', { class: 'legend-bar', style: `background:${gradient}`, 'data-testid': 'legend-bar' }),
      el('div', { class: 'legend-ticks' }, ticks),
      el('p', { class: 'legend-row' }, [
        el('span', { class: 'swatch', style: `background:${css(NO_DATA)}` }),
        t('legend.noData'),
      ]),
      el('p', { class: 'legend-note' }, [
        input.scaleMode === 'fixed'
          ? t('legend.fixedNote', { from: input.yearRange[0], to: input.yearRange[1] })
          : t('legend.yearNote', { year: input.year }),
      ]),
      ...input.notes.map((n) => el('p', { class: 'legend-note warn' }, [t(n, { year: input.year + 1 })])),
      el('h3', {}, [t('legend.arcs')]),
      el('div', {
        class: 'legend-arc',
        style: `background:linear-gradient(to right, ${css(input.theme.origin)}, ${css(input.theme.destination)})`,
      }),
      el('p', { class: 'legend-note' }, [t('legend.arcsDirection')]),
      el('div', { class: 'legend-widths' }, [
        t('legend.arcsWidth'),
        ...[1000, 5000, 20000].map((n) =>
          el('span', { class: 'legend-width' }, [
            el('span', { class: 'legend-line', style: `height:${Math.max(1, arcWidth(n)).toFixed(1)}px` }),
            formatCompact(n, lang),
          ]),
        ),
      ]),
      input.showExternal && el('h3', {}, [t('legend.external')]),
      input.showExternal &&
        el('div', {
          class: 'legend-arc',
          style: `background:linear-gradient(to right, ${css(input.theme.externalOrigin)}, ${css(input.theme.externalDestination)})`,
        }),
      input.showExternal && el('p', { class: 'legend-note' }, [t('legend.externalNote')]),
      el('p', { class: 'legend-note' }, [t('legend.nodes')]),
    ]);
  }
}
