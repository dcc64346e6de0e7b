/**
 * The print handout: a section shown only on paper (styles.css, @media
 * print) holding the title, the year, the composed picture of the map, a copy
 * of the legend, the open story step's caption and question, notes on reading
 * it in black and white, and the credits. All text is set as text.
 */
import type { Rgba } from '../core/scales';
import { el, replace } from './dom';
import { gradient } from './legend';

export interface HandoutContent {
  title: string;
  year: string;
  /** A blob URL of the composed picture (header, map with its arcs, legend, credits). */
  pictureUrl: string;
  /** The live legend, copied as it is on screen but for its bar's colours. */
  legend: HTMLElement;
  /** The colour bar's colours in the print palette (the picture's regions are drawn in it). */
  /** The bar's colours in the print palette; null keeps the screen's bar. */
  legendStops: readonly Rgba[] | null;
  /** End labels for a scale that diverges around zero: its two ends look alike in greyscale. */
  signs: { negative: string; positive: string } | null;
  step: { title: string; caption: string; question: string | null } | null;
  /** How to read the page in black and white. */
  notes: string[];
  credits: string;
}

export class Handout {
  readonly element = el('section', { class: 'handout', 'data-testid': 'handout', 'aria-hidden': 'true' });

  private pictureUrl: string | null = null;

  /** Fills the handout; resolves once its picture has loaded (so that it prints). */
  fill(c: HandoutContent): Promise<void> {
    if (this.pictureUrl) URL.revokeObjectURL(this.pictureUrl);
    this.pictureUrl = c.pictureUrl;
    const picture = el('img', { class: 'handout-picture', alt: c.title, 'data-testid': 'handout-picture' });
    const loaded = new Promise<void>((resolve) => {
      picture.addEventListener('load', () => resolve(), { once: true });
      picture.addEventListener('error', () => resolve(), { once: true });
    });
    picture.src = c.pictureUrl;
    replace(this.element, [
      el('h1', { 'data-testid': 'handout-title' }, [c.title]),
      el('p', { class: 'handout-year', 'data-testid': 'handout-year' }, [c.year]),
      picture,
      c.step &&
        el('div', { class: 'handout-step', 'data-testid': 'handout-step' }, [
          el('h2', {}, [c.step.title]),
          el('p', {}, [c.step.caption]),
          c.step.question && el('p', { class: 'handout-question' }, [c.step.question]),
        ]),
      legendCopy(c.legend, c.legendStops, c.signs),
      ...c.notes.map((n) => el('p', { class: 'handout-note' }, [n])),
      el('p', { class: 'handout-credits', 'data-testid': 'handout-credits' }, [c.credits]),
    ]);
    return loaded;
  }
}

/**
 * The legend as on screen, its test ids renamed (they stay unique), its bar in the print palette,
 * with − and + at a diverging bar's ends where greyscale cannot tell them apart.
 */
function legendCopy(legend: HTMLElement, stops: readonly Rgba[] | null, signs: HandoutContent['signs']): HTMLElement {
  const copy = legend.cloneNode(true) as HTMLElement;
  for (const node of [copy, ...copy.querySelectorAll<HTMLElement>('[data-testid]')])
    node.dataset.testid = `handout-${node.dataset.testid}`;
  copy.removeAttribute('id');
  const bar = copy.querySelector<HTMLElement>('.legend-bar');
  if (stops) bar?.style.setProperty('background', gradient(stops));
  if (signs && bar)
    bar.after(
      el('p', { class: 'handout-signs', 'data-testid': 'handout-signs' }, [
        el('span', {}, [signs.negative]),
        el('span', {}, [signs.positive]),
      ]),
    );
  return copy;
}
