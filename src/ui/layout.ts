/**
 * Puts the interface together around the map: header; search, settings and
 * the presenter's and data panels on the left; legend, region and north–south
 * panels on the right; the story card; status, timeline and credits below;
 * and the overlays. It also keeps the document's language and title, and
 * the year and measure on the root (for styles and tests), with the state.
 *
 * On a narrow screen (styles.css, under 900 px) the map comes first: the
 * panels become sheets that slide up from the bottom, one at a time, chosen
 * on a bar (legend, settings, region, story); a selected region or an opened
 * story brings up its own sheet.
 */
import type { MessageKey } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { el } from './dom';

export const SHEETS = ['legend', 'settings', 'region', 'story'] as const;
export type Sheet = (typeof SHEETS)[number];

/** What mountLayout gives back: the open sheet, and a call when the panels may have moved. */
export interface Layout {
  readonly sheet: Sheet | null;
  openSheet(sheet: Sheet | null): void;
  /** Called (after the browser has laid the page out) when the window or the open panels change. */
  onChange(listener: () => void): void;
}

export interface LayoutParts {
  header: HTMLElement;
  left: HTMLElement[];
  side: HTMLElement[];
  story: HTMLElement;
  bottom: HTMLElement[];
  /** Tooltip, notices, live regions and dialogs. */
  overlays: HTMLElement[];
}

export function mountLayout(root: HTMLElement, store: AppStore, parts: LayoutParts): Layout {
  // The attribution always in sight; how the borders are chosen opens beneath it (the legend names the borders shown).
  const creditLine = el('summary', { class: 'credit-line' });
  const creditMore = el('p', { class: 'credit-more' });
  const credit = el('details', { class: 'credit', 'data-testid': 'credit' }, [creditLine, creditMore]);
  const listeners: (() => void)[] = [];
  let frame = 0;
  const changed = () => {
    cancelAnimationFrame(frame);
    // Two frames: the first lays out what the change showed or hid, the second measures it.
    frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => listeners.forEach((l) => l()))));
  };
  let sheet: Sheet | null = null;
  const buttons = new Map<Sheet, HTMLButtonElement>();
  const openSheet = (next: Sheet | null) => {
    if (next === sheet) return;
    sheet = next;
    if (sheet) root.dataset.sheet = sheet;
    else delete root.dataset.sheet;
    for (const [name, b] of buttons) b.setAttribute('aria-pressed', String(name === sheet));
    changed();
  };
  for (const name of SHEETS) {
    const b = el('button', { type: 'button', 'aria-pressed': 'false', 'data-testid': `sheet-${name}` });
    b.addEventListener('click', () => openSheet(sheet === name ? null : name));
    buttons.set(name, b);
  }
  const bar = el('nav', { class: 'sheet-bar', 'data-testid': 'sheet-bar' }, [...buttons.values()]);

  root.append(
    parts.header,
    el('div', { class: 'left' }, parts.left),
    el('aside', { class: 'side' }, parts.side),
    el('div', { class: 'story-area' }, [parts.story]),
    el('footer', { class: 'bottom' }, [...parts.bottom, bar, credit]),
    ...parts.overlays,
  );
  window.addEventListener('resize', changed);
  // A selected region or an opened story brings up its sheet; when it goes, so does the sheet.
  let before = { region: false, story: false };
  store.subscribe(
    (s) => ({ region: s.selected !== null, story: s.story !== null, view: s.view }),
    ({ region, story }) => {
      buttons.get('region')!.hidden = !region;
      buttons.get('story')!.hidden = !story;
      if (story && !before.story) openSheet('story');
      else if (region && !before.region) openSheet('region');
      else if ((sheet === 'story' && !story) || (sheet === 'region' && !region)) openSheet(null);
      before = { region, story };
      changed();
    },
    { immediate: true },
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
      creditLine.textContent = t('about.credit');
      creditMore.textContent = t('about.boundaries');
      bar.setAttribute('aria-label', t('sheet.bar'));
      for (const [name, b] of buttons) b.textContent = t(`sheet.${name}` as MessageKey);
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
  return {
    get sheet() {
      return sheet;
    },
    openSheet,
    onChange: (listener) => listeners.push(listener),
  };
}
