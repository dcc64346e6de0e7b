// @vitest-environment happy-dom
/** Interface components on the store, in a DOM: they show the state and change it as a user would. */
import { describe, expect, it } from 'vitest';
import { Playback } from '../state/playback';
import { SettingsControl } from './controls';
import { LegendControl } from './legend';
import { RegionPanel } from './region-panel';
import { StatusLine } from './status-line';
import { StoryPanel, type StoryView } from './story-panel';
import { translator } from '../i18n';
import { testStore } from './test-store';
import { TimelineControl } from './timeline';
import { Tooltip } from './tooltip';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the legend', () => {
  it('follows the year, the measure and the language, and hides the scale while a question hides the values', () => {
    const store = testStore();
    const legend = new LegendControl(store).element;
    expect(text(legend.querySelector('h2'))).toBe('Net inter-regional migration · 2024');
    expect([...legend.querySelectorAll('.legend-tick')].map(text)).toEqual([
      '-100k',
      '-10k',
      '-1k',
      '0',
      '+1k',
      '+10k',
      '+100k',
    ]);
    store.set({ year: 2015, measure: 'density', lang: 'ru' });
    expect(text(legend.querySelector('h2'))).toBe('Плотность населения · 2015');
    store.set({ hidden: true });
    expect(legend.querySelector('[data-testid="legend-bar"]')).toBeNull();
    expect(legend.querySelector('[data-testid="legend-hidden"]')).not.toBeNull();
  });
});

describe('the status line', () => {
  it('counts the arcs drawn, and follows the flow filter and the selection', () => {
    const store = testStore();
    const status = new StatusLine(store).element;
    expect(status.dataset.arcs).toBe('50');
    expect(text(status)).toMatch(/^2024: 50 of the 380 flows between regions are drawn\./);
    store.set({ topN: null, selected: 'KZ-AST' });
    expect(status.dataset.arcs).toBe('38');
    store.set({ year: 2013 });
    expect(status.dataset.arcs).toBe('0');
  });
});

describe('the status line where the measure has no figure', () => {
  it('offers the measures that have one as buttons that switch to them, and goes when one is chosen', () => {
    const store = testStore();
    const status = new StatusLine(store).element;
    expect(status.querySelector('[data-testid="status-no-figure"]')).toBeNull();
    store.set({ year: 2013 });
    expect(text(status)).toMatch(/^No figure for “Net inter-regional migration” in 2013\. Figures for 2013: /);
    const buttons = [...status.querySelectorAll<HTMLButtonElement>('button.status-measure')];
    expect(buttons.map(text)).toEqual([
      'Population (1 January)',
      'Population density',
      'Population change during the year',
    ]);
    expect(buttons.every((b) => b.type === 'button' && b.tabIndex >= 0)).toBe(true);
    store.set({ lang: 'kk' });
    expect(text(status.querySelector('[data-testid="status-measure-density"]'))).toBe('Халық тығыздығы');
    status.querySelector<HTMLButtonElement>('[data-testid="status-measure-density"]')!.click();
    expect(store.get().measure).toBe('density');
    expect(status.querySelector('[data-testid="status-no-figure"]')).toBeNull();
  });
});

describe('the story card’s sources', () => {
  const view = (sources: string[], moreSources: string[]): StoryView => ({
    storyTitle: 'Story',
    credit: '',
    position: 0,
    length: 2,
    stepTitle: 'Step',
    caption: 'Caption 1',
    question: null,
    answer: null,
    revealed: false,
    forecast: false,
    sources,
    moreSources,
  });
  const noop = () => undefined;
  const actions = { next: noop, previous: noop, reveal: noop, go: noop, close: noop };

  it('lists the main sources and keeps the others in a closed disclosure', () => {
    const panel = new StoryPanel(actions);
    panel.show(view(['BNS (S01)', 'CABAR (S147)'], ['ru.wikipedia.org (S135)']), translator('ru'));
    const sources = panel.element.querySelector('[data-testid="story-sources"]')!;
    expect(text(sources.querySelector('p'))).toBe('Источники: BNS (S01); CABAR (S147)');
    const more = sources.querySelector<HTMLDetailsElement>('details[data-testid="story-more-sources"]')!;
    expect(more.open).toBe(false);
    expect(text(more.querySelector('summary'))).toBe('Ещё источники (1)');
    expect(text(more.querySelector('p'))).toBe('ru.wikipedia.org (S135)');
    panel.show(view(['BNS (S01)'], []), translator('kk'));
    expect(panel.element.querySelector('[data-testid="story-more-sources"]')).toBeNull();
  });
});

describe('the region panel', () => {
  it('opens on a selection with its figures, and its close button clears the selection', () => {
    const store = testStore();
    const panel = new RegionPanel(store).element;
    expect(panel.hidden).toBe(true);
    store.set({ selected: 'KZ-AST' });
    expect(panel.hidden).toBe(false);
    expect(text(panel.querySelector('h2'))).toBe('Astana (city)');
    const net = [...panel.querySelectorAll('table.figures tr')].at(-1)!;
    expect(text(net)).toBe('Net+73,238');
    store.set({ lang: 'kk' });
    expect(text(panel.querySelector('h2'))).toBe('Астана қаласы');
    panel.querySelector<HTMLButtonElement>('.panel-close')!.click();
    expect(store.get().selected).toBeNull();
    expect(panel.hidden).toBe(true);
  });
});

describe('the settings', () => {
  it('change the store as the user chooses, show the store’s values, and refuse a bad minimum', () => {
    const store = testStore();
    const settings = new SettingsControl(store).element;
    const measure = settings.querySelector<HTMLSelectElement>('[data-testid="measure"]')!;
    const top = settings.querySelector<HTMLSelectElement>('[data-testid="top-n"]')!;
    const min = settings.querySelector<HTMLInputElement>('[data-testid="min-flow"]')!;
    expect(measure.value).toBe('net');
    measure.value = 'density';
    measure.dispatchEvent(new Event('change'));
    expect(store.get().measure).toBe('density');
    top.value = 'all';
    top.dispatchEvent(new Event('change'));
    expect(store.get().topN).toBeNull();
    min.value = '-5';
    min.dispatchEvent(new Event('change'));
    expect(store.get().minFlow).toBe(0);
    expect(min.value).toBe('0');
    min.value = '2000';
    min.dispatchEvent(new Event('change'));
    expect(store.get().minFlow).toBe(2000);
    store.set({ measure: 'population', lang: 'kk' });
    expect(measure.value).toBe('population');
    expect(measure.selectedOptions[0]!.textContent).toBe('1 қаңтардағы халық саны');
  });

  it('choose the districts level, and the legend says then that districts have no built-in figures', () => {
    const store = testStore();
    const settings = new SettingsControl(store).element;
    const legend = new LegendControl(store).element;
    const level = settings.querySelector<HTMLSelectElement>('[data-testid="level"]')!;
    expect(level.value).toBe('auto');
    expect([...level.options].map((o) => o.textContent)).toEqual([
      'Regions; districts when zoomed in',
      'Regions only',
      'Regions and districts',
    ]);
    expect(legend.querySelector('[data-testid="legend-districts"]')).toBeNull();
    level.value = 'districts';
    level.dispatchEvent(new Event('change'));
    expect(store.get().level).toBe('districts');
    expect(text(legend.querySelector('[data-testid="legend-districts"]'))).toContain('no built-in figures');
    // In auto, zooming in past the threshold draws them; regions only never does.
    store.set({ level: 'auto', camera: { lon: 77, lat: 50, zoom: 6.5 } });
    expect(level.value).toBe('auto');
    expect(legend.querySelector('[data-testid="legend-districts"]')).not.toBeNull();
    store.set({ level: 'regions' });
    expect(legend.querySelector('[data-testid="legend-districts"]')).toBeNull();
  });
});

describe('the timeline', () => {
  it('moves the year by keys, pauses when moved by hand, and shows the store’s year', () => {
    const store = testStore();
    const playback = new Playback(store, (s) => (s as ReturnType<typeof store.get>).data.years);
    const timeline = new TimelineControl(playback, store).element;
    const slider = timeline.querySelector<HTMLElement>('[data-testid="year-slider"]')!;
    const key = (k: string) => slider.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    expect(slider.getAttribute('aria-valuenow')).toBe('2024');
    key('ArrowLeft');
    expect(store.get().year).toBe(2023);
    key('PageDown');
    expect(store.get().year).toBe(2018);
    key('Home');
    expect(slider.getAttribute('aria-valuenow')).toBe('1990');
    expect(text(timeline.querySelector('[data-testid="year-label"]'))).toBe('1990');
    key(' ');
    expect(store.get().playing).toBe(true);
    key('End');
    expect(store.get()).toMatchObject({ playing: false, year: 2026 });
    store.set({ year: 2010 });
    expect(slider.getAttribute('aria-valuetext')).toMatch(/^2010: /);
    playback.dispose();
  });
});

describe('the tooltip', () => {
  it('hides when the year, the measure or the language changes, and stays for a camera move', () => {
    const store = testStore();
    const tooltip = new Tooltip(store);
    const show = () => tooltip.showPicked({ kind: 'region', polygonId: 'KZ-KAR' }, 100, 100);
    show();
    expect(tooltip.element.hidden).toBe(false);
    expect(text(tooltip.element)).toContain('2024');
    store.set({ camera: { lon: 70, lat: 48, zoom: 4 } });
    expect(tooltip.element.hidden).toBe(false);
    for (const patch of [{ year: 2013 }, { measure: 'density' as const }, { lang: 'kk' as const }]) {
      show();
      store.set(patch);
      expect(tooltip.element.hidden, JSON.stringify(patch)).toBe(true);
    }
  });
});
