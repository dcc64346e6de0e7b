/**
 * The legend: the choropleth's scale (ticks, unit, year, scale mode, gaps)
 * and the arcs' colour, width and kinds (content: src/core/view/legend.ts).
 */
import { NO_DATA, type Rgba } from '../core/scales';
import { cssColour as css, themeFor } from '../core/theme';
import { legendContent, type LegendContent } from '../core/view/legend';
import { translatorOf, viewFields, viewInputOf, type AppState, type AppStore } from '../state/app-state';
import { barAlign } from '../core/tick-labels';
import { el, replace } from './dom';
import { fitTicks, watchWidth } from './tick-fit';

const gradient = (colours: readonly Rgba[]) => `linear-gradient(to right, ${colours.map(css).join(', ')})`;
/** Solid bands of equal width, one per colour class. */
const bands = (colours: readonly Rgba[]) => {
  const at = (i: number) => `${((i / colours.length) * 100).toFixed(2)}%`;
  return `linear-gradient(to right, ${colours.map((c, i) => `${css(c)} ${at(i)} ${at(i + 1)}`).join(', ')})`;
};

/** The view, and the theme the arcs are drawn in. */
const shown = (s: AppState) => ({ ...viewFields(s), highContrast: s.highContrast, darkScheme: s.darkScheme });

export class LegendControl {
  readonly element = el('section', { class: 'legend panel', 'data-testid': 'legend' });
  /**
   * Whether the arcs' part is unfolded: folded at first where the screen is
   * short (a 1280 × 720 projector, a phone), then as the user leaves it.
   */
  private moreOpen = !(globalThis.matchMedia?.('(max-height: 800px)').matches ?? false);
  /** The tick labels and where they sit along the bar (0–1). */
  private ticks: { element: HTMLElement; positions: number[] } | null = null;

  constructor(private readonly store: AppStore) {
    // A sheet that unfolds, a projector's type or a resized window: the ticks are fitted again.
    watchWidth(this.element, () => this.fitTicks());
    store.subscribe(
      shown,
      () => {
        const s = store.get();
        this.render(legendContent(viewInputOf(s), themeFor(s.highContrast, s.darkScheme)));
      },
      { immediate: true },
    );
  }

  render(c: LegendContent): void {
    const title = el('h2', {}, [c.title]);
    if (c.hiddenNote !== null) {
      this.ticks = null;
      replace(this.element, [title, el('p', { class: 'legend-note', 'data-testid': 'legend-hidden' }, [c.hiddenNote])]);
      return;
    }
    const ticks = el(
      'div',
      { class: 'legend-ticks', 'data-testid': 'legend-ticks' },
      c.ticks.map((tick) =>
        el(
          'span',
          { class: `legend-tick ${barAlign(tick.position)}`, style: `left:${(tick.position * 100).toFixed(1)}%` },
          [tick.label],
        ),
      ),
    );
    this.ticks = { element: ticks, positions: c.ticks.map((tick) => tick.position) };
    replace(this.element, [
      title,
      el('p', { class: 'legend-unit' }, [c.unit]),
      el('p', { class: 'legend-borders', 'data-testid': 'legend-borders' }, [c.borders]),
      ...(c.districts ? [el('p', { class: 'legend-note', 'data-testid': 'legend-districts' }, [c.districts])] : []),
      el('div', {
        class: 'legend-bar',
        style: `background:${(c.classed ? bands : gradient)(c.stops)}`,
        'data-testid': 'legend-bar',
      }),
      ticks,
      c.zeroNote && el('p', { class: 'legend-note', 'data-testid': 'legend-zero' }, [c.zeroNote]),
      c.balance && el('p', { class: 'legend-note', 'data-testid': 'legend-balance' }, [c.balance]),
      el('p', { class: 'legend-row' }, [
        el('span', { class: 'swatch', style: `background:${css(NO_DATA)}` }),
        c.noData,
      ]),
      el('p', { class: 'legend-note' }, [c.scaleNote]),
      ...c.notes.map((n) => el('p', { class: 'legend-note warn' }, [n])),
      this.more(c),
    ]);
    this.fitTicks();
  }

  /** Only the tick labels that do not overlap at the bar's width, in its language's numbers. */
  private fitTicks(): void {
    if (this.ticks) fitTicks(this.ticks.element, this.ticks.positions, barAlign);
  }

  /** The arcs, their widths and the circles: a part that folds. */
  private more(c: LegendContent): HTMLElement {
    const details = el('details', { class: 'legend-more', 'data-testid': 'legend-more', open: this.moreOpen }, [
      el('summary', {}, [translatorOf(this.store.get())('legend.more')]),
      el('h3', {}, [c.arcs.title]),
      el('div', { class: 'legend-arc', style: `background:${gradient(c.arcs.colours)}` }),
      el('p', { class: 'legend-note' }, [c.arcs.note]),
      // The words on their own line, the three sample widths in one row below (they wrapped one by one).
      el('p', { class: 'legend-note' }, [c.widthsLabel]),
      el('div', { class: 'legend-widths', 'data-testid': 'legend-widths' }, [
        ...c.widths.map((w) =>
          el('span', { class: 'legend-width' }, [
            el('span', { class: 'legend-line', style: `height:${w.px.toFixed(1)}px` }),
            w.label,
          ]),
        ),
      ]),
      c.external && el('h3', {}, [c.external.title]),
      c.external && el('div', { class: 'legend-arc', style: `background:${gradient(c.external.colours)}` }),
      c.external && el('p', { class: 'legend-note' }, [c.external.note]),
      el('p', { class: 'legend-note' }, [c.nodes]),
    ]);
    details.addEventListener('toggle', () => (this.moreOpen = details.open));
    return details;
  }
}
