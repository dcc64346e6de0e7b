/** A tooltip that follows the pointer (content: src/core/view/tooltip.ts); lines are set as text, never HTML. */
import { tooltipText, type Picked } from '../core/view/tooltip';
import { viewInputOf, type AppStore } from '../state/app-state';
import { el, replace } from './dom';

export class Tooltip {
  readonly element = el('div', { class: 'tooltip', role: 'tooltip', 'data-testid': 'tooltip', hidden: true });

  constructor(private readonly store: AppStore) {
    // What it says belongs to the year, measure and language it was written in: a change takes it away
    // (the next pointer move writes it again).
    store.subscribe(
      (s) => ({ year: s.year, measure: s.measure, lang: s.lang, scale: s.scale, data: s.data, hidden: s.hidden }),
      () => this.hide(),
    );
  }

  /** Describes what the pointer is on at (x, y), or hides when that is nothing the map describes. */
  showPicked(picked: Picked | null, x: number, y: number): void {
    const text = picked && tooltipText(picked, viewInputOf(this.store.get()));
    if (text) this.show(x, y, text.title, text.lines);
    else this.hide();
  }

  show(x: number, y: number, title: string, lines: string[]): void {
    replace(this.element, [el('strong', {}, [title]), ...lines.map((l) => el('div', {}, [l]))]);
    this.element.hidden = false;
    const { innerWidth, innerHeight } = window;
    const w = this.element.offsetWidth;
    const h = this.element.offsetHeight;
    this.element.style.left = `${Math.min(x + 14, innerWidth - w - 8)}px`;
    this.element.style.top = `${Math.min(y + 14, innerHeight - h - 8)}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
