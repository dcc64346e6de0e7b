/** Dismissable notices (bad links, data problems), announced politely to screen readers. */
import { el } from './dom';

export class NoticeArea {
  readonly element = el('div', { class: 'notices', role: 'status', 'aria-live': 'polite', 'data-testid': 'notices' });

  show(message: string, dismissLabel: string, kind: 'info' | 'warning' = 'info'): void {
    const close = el('button', { type: 'button', class: 'notice-close', 'aria-label': dismissLabel }, ['×']);
    const notice = el('div', { class: `notice ${kind}`, 'data-testid': 'notice' }, [el('span', {}, [message]), close]);
    close.addEventListener('click', () => notice.remove());
    this.element.append(notice);
  }
}
