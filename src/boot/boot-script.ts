/**
 * The page's start-up script: a classic script inlined into index.html by
 * the build (build/boot.ts), so that it runs where module scripts do not
 * (a folder opened as file://) and before the app's code has arrived (a slow
 * link). It puts the loading screen in the visitor's language, and says so
 * when the page cannot start: opened from a folder, the code did not
 * arrive or failed while loading. (Whether WebGL 2 works is known once the
 * map has tried: src/boot/index.ts.)
 */
import { linkManifest } from '../offline/manifest';
import { chooseLanguage, LANGUAGE_KEY } from './language';
import { setStage, showProblem, translateScreen } from './screen';

/** After this long still loading, the screen explains that a first visit on a slow link takes time. */
const SLOW_AFTER_MS = 6000;

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

const root = document.documentElement;
const lang = chooseLanguage(location.search, storedLanguage(), navigator.languages ?? [navigator.language]);
root.lang = lang;
translateScreen(lang);
linkManifest(lang);
setStage('loading', lang);

const loading = () => root.dataset.boot === 'loading';

if (location.protocol === 'file:' && root.dataset.build !== 'single') {
  // Browsers refuse module scripts from file:// (and the app's fetches): say what to open instead.
  showProblem('file', lang);
} else {
  // The app's code (module scripts and the modules they import) failed to arrive.
  for (const script of document.querySelectorAll('script[type="module"][src]'))
    script.addEventListener('error', () => showProblem('loadFailed', lang));
  // An error before the app's code reports that it runs is the code failing to load or evaluate
  // (a browser too old for it, say); after that, the app reports its own failures.
  const onError = (event: ErrorEvent) => {
    if (loading()) showProblem('startFailed', lang, event.message || String(event.error));
  };
  window.addEventListener('error', onError);
  setTimeout(() => {
    const slow = document.querySelector<HTMLElement>('#boot [data-text="slow"]');
    if (slow && loading()) slow.hidden = false;
  }, SLOW_AFTER_MS);
}
