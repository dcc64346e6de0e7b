/**
 * The loading screen (#boot: the country's outline, the stage of loading)
 * and the start-up problem card (#boot-problem), both in index.html. Used by
 * the start-up script, which runs before the app's code arrives, and by the
 * app once it runs (src/boot/index.ts). Texts are set as text, never HTML.
 */
import type { BootLang } from './language';
import { BOOT_MESSAGES, type BootMessages } from './messages';

export type Stage = 'loading' | 'drawing';

/**
 * What can stop the page: opened from a folder (fatal), no WebGL 2 (a
 * warning: the tables and panels still work), the code did not arrive or
 * could not start (fatal, with a reload button).
 */
export type Problem = 'file' | 'noWebgl' | 'loadFailed' | 'startFailed';

const FATAL: Record<Problem, boolean> = { file: true, noWebgl: false, loadFailed: true, startFailed: true };

export function setStage(stage: Stage, lang: BootLang): void {
  const text = document.querySelector<HTMLElement>('#boot [data-text="stage"]');
  if (text) text.textContent = BOOT_MESSAGES[lang][stage];
  document.documentElement.dataset.boot = stage;
}

/** Puts the loading screen's texts in `lang`. */
export function translateScreen(lang: BootLang): void {
  const messages = BOOT_MESSAGES[lang];
  for (const node of document.querySelectorAll<HTMLElement>('#boot [data-text]')) {
    const key =
      node.dataset.text === 'stage'
        ? document.documentElement.dataset.boot === 'drawing'
          ? 'drawing'
          : 'loading'
        : node.dataset.text;
    if (key && key in messages) node.textContent = messages[key as keyof BootMessages];
  }
}

/** Shows a problem in `lang`; `reason` fills {reason} (shown as text). */
export function showProblem(problem: Problem, lang: BootLang, reason = ''): void {
  const card = document.getElementById('boot-problem');
  if (!card) return;
  const messages = BOOT_MESSAGES[lang];
  const title = card.querySelector<HTMLElement>('[data-part="title"]');
  const text = card.querySelector<HTMLElement>('[data-part="text"]');
  const action = card.querySelector<HTMLButtonElement>('[data-part="action"]');
  const body: Record<Problem, string> = {
    file: messages.fileBody,
    noWebgl: messages.noWebgl,
    loadFailed: messages.loadFailed,
    startFailed: messages.startFailed.replace('{reason}', () => reason),
  };
  if (title) title.textContent = problem === 'file' ? messages.fileTitle : messages.title;
  if (text) text.textContent = body[problem];
  if (action) {
    // Opened from a folder, reloading cannot help; a warning can be put away; a failed load can be retried.
    action.hidden = problem === 'file';
    action.textContent = FATAL[problem] ? messages.reload : messages.close;
    action.onclick = () => (FATAL[problem] ? location.reload() : (card.hidden = true));
  }
  card.dataset.problem = problem;
  card.dataset.kind = FATAL[problem] ? 'fatal' : 'warning';
  card.lang = lang;
  card.hidden = false;
  if (FATAL[problem]) document.documentElement.dataset.boot = 'failed';
}

/** Takes the loading screen away (the app is drawn); a warning stays until it is closed. */
export function hideScreen(): void {
  document.getElementById('boot')?.remove();
  document.documentElement.dataset.boot = 'done';
}
