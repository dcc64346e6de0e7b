/**
 * A small notice of its own (top centre, above the map): the update prompt,
 * "saved for offline use", the single file's limits. Its texts follow the
 * page's language as the visitor switches it (the app sets <html lang>).
 */
import { pageLanguage, type BootLang } from '../boot/language';
import { OFFLINE_MESSAGES, type OfflineMessages } from './messages';

type Key = keyof OfflineMessages;

export interface NoticeAction {
  label: Key;
  run: () => void;
  testId?: string;
}

export interface Notice {
  element: HTMLElement;
  close(): void;
}

/** Shows a notice whose lines and buttons are message keys; returns it so that it can be closed. */
export function showNotice(opts: { lines: Key[]; actions: NoticeAction[]; testId: string }): Notice {
  const element = document.createElement('div');
  element.className = 'offline-notice';
  element.setAttribute('role', 'status');
  element.dataset.testid = opts.testId;
  const lines = opts.lines.map(() => element.appendChild(document.createElement('p')));
  const buttons = opts.actions.map((action) => {
    const button = element.appendChild(document.createElement('button'));
    button.type = 'button';
    if (action.testId) button.dataset.testid = action.testId;
    button.addEventListener('click', action.run);
    return button;
  });
  const render = (lang: BootLang) => {
    const messages = OFFLINE_MESSAGES[lang];
    element.lang = lang;
    opts.lines.forEach((key, i) => (lines[i]!.textContent = messages[key]));
    opts.actions.forEach((action, i) => (buttons[i]!.textContent = messages[action.label]));
  };
  render(pageLanguage());
  const observer = new MutationObserver(() => render(pageLanguage()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  document.body.append(element);
  return {
    element,
    close: () => {
      observer.disconnect();
      element.remove();
    },
  };
}
