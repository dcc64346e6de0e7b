/** Dismissable notices (bad links, data problems, undo), announced politely to screen readers. */
import { el } from './dom';

export interface NoticeAction {
  label: string;
  run: () => void | Promise<void>;
}

export class NoticeArea {
  readonly element = el('div', { class: 'notices', role: 'status', 'aria-live': 'polite', 'data-testid': 'notices' });

  /** Shows a notice; returns a call that takes it away (a hint that closes itself when done). */
  show(message: string, dismissLabel: string, kind: 'info' | 'warning' = 'info', action?: NoticeAction): () => void {
    const close = el('button', { type: 'button', class: 'notice-close', 'aria-label': dismissLabel }, ['×']);
    const notice = el('div', { class: `notice ${kind}`, 'data-testid': 'notice' }, [el('span', {}, [message])]);
    if (action) {
      const button = el('button', { type: 'button', class: 'notice-action', 'data-testid': 'notice-action' }, [
        action.label,
      ]);
      button.addEventListener('click', () => {
        notice.remove();
        void action.run();
      });
      notice.append(button);
    }
    notice.append(close);
    close.addEventListener('click', () => notice.remove());
    this.element.append(notice);
    return () => notice.remove();
  }
}
