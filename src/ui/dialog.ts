/**
 * A modal dialog that keyboard and screen-reader users can live with: it is
 * labelled by its heading, takes focus, keeps Tab inside, closes on Escape
 * and gives focus back to where it came from.
 */
import { el, replace } from './dom';

export class Dialog {
  readonly element: HTMLDivElement;
  private readonly body = el('div', { class: 'dialog-body' });
  private readonly heading: HTMLHeadingElement;
  private readonly closeButton = el('button', { type: 'button', class: 'panel-close' }, ['×']);
  private returnFocus: HTMLElement | null = null;

  constructor(
    id: string,
    testid: string,
    private readonly onClose?: () => void,
  ) {
    this.heading = el('h2', { id: `${id}-title` });
    const box = el(
      'div',
      { class: 'dialog-box panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title` },
      [this.closeButton, this.heading, this.body],
    );
    this.element = el('div', { class: 'dialog-backdrop', hidden: true, 'data-testid': testid }, [box]);
    this.closeButton.addEventListener('click', () => this.close());
    this.element.addEventListener('click', (e) => {
      if (e.target === this.element) this.close();
    });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Fills the dialog; keeps it open if it is. */
  set(title: string, closeLabel: string, content: (Node | string | null | false)[]): void {
    const hadFocus = this.isOpen && this.body.contains(document.activeElement);
    this.heading.textContent = title;
    this.closeButton.setAttribute('aria-label', closeLabel);
    replace(this.body, content);
    // The focused control may just have been replaced: keep focus (and Escape) in the dialog
    // rather than letting it fall to the page.
    if (hadFocus && !this.body.contains(document.activeElement)) this.focusFirst();
  }

  private focusFirst(): void {
    (this.focusables()[1] ?? this.closeButton).focus();
  }

  open(): void {
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.element.hidden = false;
    this.focusFirst();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.returnFocus?.focus();
    this.onClose?.();
  }

  private focusables(): HTMLElement[] {
    return [
      ...this.element.querySelectorAll<HTMLElement>(
        'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])',
      ),
    ].filter((e) => !e.hasAttribute('disabled'));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.close();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = this.focusables();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }
}
