/**
 * Puts the interface together around the map: header; search, settings and
 * the presenter's and data panels on the left; legend, region and north–south
 * panels on the right; the story card; status, timeline and credits below;
 * and the overlays. It also keeps the document's language and title, and
 * the year and measure on the root (for styles and tests), with the state.
 */
import { translatorOf, type AppStore } from '../state/app-state';
import { el } from './dom';

export interface LayoutParts {
  header: HTMLElement;
  left: HTMLElement[];
  side: HTMLElement[];
  story: HTMLElement;
  bottom: HTMLElement[];
  /** Tooltip, notices, live regions and dialogs. */
  overlays: HTMLElement[];
}

export function mountLayout(root: HTMLElement, store: AppStore, parts: LayoutParts): void {
  const credit = el('p', { class: 'credit' });
  root.append(
    parts.header,
    el('div', { class: 'left' }, parts.left),
    el('aside', { class: 'side' }, parts.side),
    el('div', { class: 'story-area' }, [parts.story]),
    el('footer', { class: 'bottom' }, [...parts.bottom, credit]),
    ...parts.overlays,
  );
  const map = document.getElementById('map');
  map?.setAttribute('aria-describedby', 'map-description');
  store.subscribe(
    (s) => s.lang,
    (lang) => {
      const t = translatorOf({ lang });
      document.documentElement.lang = lang;
      document.title = t('app.title');
      map?.setAttribute('aria-label', t('app.title'));
      credit.textContent = `${t('about.credit')} ${t('about.boundaries')}`;
    },
    { immediate: true },
  );
  store.subscribe(
    (s) => ({ year: s.year, measure: s.measure }),
    ({ year, measure }) => {
      root.dataset.year = String(year);
      root.dataset.measure = measure;
    },
    { immediate: true },
  );
}
