/**
 * Offline use, started by src/main.ts once the app has drawn: the web app
 * manifest in the page's language, and the service worker that keeps the
 * app for use without internet (on http(s) pages); the single file, which
 * has neither, says what it cannot do.
 */
import { followLanguage } from './manifest';
import { showSingleFileLimits } from './single-file';
import './offline.css';

/** Which build this page is (the build writes it on <html data-build>). */
export const isSingleFile = (): boolean => document.documentElement.dataset.build === 'single';

export function startOffline(): void {
  if (isSingleFile()) {
    showSingleFileLimits();
    return;
  }
  followLanguage();
  // Service workers need a secure context (https, or localhost for development).
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  void import('./service-worker').then(({ registerServiceWorker }) => registerServiceWorker());
}
