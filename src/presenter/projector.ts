/**
 * The layouts a presenter switches between: the projector view (full screen
 * where allowed, no chrome, large type), high contrast, and the embed. The
 * body's classes follow the store.
 */
import type { AppStore } from '../state/app-state';

export function followLayout(store: AppStore): void {
  store.subscribe(
    (s) => ({ view: s.view, highContrast: s.highContrast }),
    ({ view, highContrast }) => {
      document.body.classList.toggle('projector', view === 'projector');
      document.body.classList.toggle('embed', view === 'embed');
      document.body.classList.toggle('high-contrast', highContrast);
    },
    { immediate: true },
  );
}

export function setProjector(store: AppStore, on: boolean): void {
  store.set({ view: on ? 'projector' : 'normal' });
  // Full screen needs a user gesture and may be refused (kiosk, iframe); the projector layout works without it.
  if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
  if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}
