/** A tooltip that follows the pointer; lines are set as text, never HTML. */
import { el, replace } from './dom';

export class Tooltip {
  readonly element = el('div', { class: 'tooltip', role: 'tooltip', 'data-testid': 'tooltip', hidden: true });

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
