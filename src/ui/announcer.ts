/**
 * A polite live region for screen readers. Year changes while the timeline
 * plays are not announced one by one: only where playback stops, so a
 * screen reader is not flooded.
 */
import { pausedAnnouncement, yearAnnouncement } from '../core/view/status';
import { translatorOf, viewInputOf, type AppStore } from '../state/app-state';
import { el } from './dom';

export class Announcer {
  readonly element = el('div', {
    class: 'visually-hidden',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'announcer',
  });
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Announces after a short quiet time; a newer message replaces a pending one. */
  say(message: string, delayMs = 400): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // Re-setting the same text would not be read again; clearing first makes it a change.
      this.element.textContent = '';
      requestAnimationFrame(() => (this.element.textContent = message));
    }, delayMs);
  }

  /** Drops a pending message (e.g. playback started again). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Announces the year when it changes by hand, and where playback stops; not while it plays. */
  follow(store: AppStore): void {
    store.subscribe(
      (s) => s.year,
      () => {
        const s = store.get();
        if (!s.playing) this.say(yearAnnouncement(viewInputOf(s)));
      },
    );
    store.subscribe(
      (s) => s.playing,
      (playing) => {
        const s = store.get();
        if (playing) this.cancel();
        else this.say(pausedAnnouncement(s.year, translatorOf(s)));
      },
    );
  }
}
