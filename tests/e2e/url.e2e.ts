/**
 * The view in the URL: a shared link (and a reload) restores the view; a
 * malformed or outdated link falls back to defaults with a notice, draws the
 * map, and never runs what it carries.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIEW as DEFAULT_STATE } from '../../src/state/url-state';
import {
  appState,
  kazakhstanRect,
  openApp,
  pointerOffMap,
  settle,
  waitForUrlParam,
  type AppState,
  urlWritten,
} from './driver';
import { openPage, waitForMap } from './harness';
import { closeContexts, servedApp, sharedBrowser } from './shared';
import { countNonBasemap, differingShare, readCanvas, type Pixels } from './pixels';

let served: { url: string };
let browser: Browser;

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
});

const { camera: _camera, lang: _lang, ...DEFAULT_VIEW } = DEFAULT_STATE;

/** The view fields of the state (the camera is compared separately). */
const view = (s: AppState) => {
  const { camera: _camera, lang: _lang, ...rest } = s;
  return rest;
};

/** The map is drawn: most of Kazakhstan's rectangle is not bare basemap. */
async function expectMapDrawn(page: Page): Promise<void> {
  const kz = await kazakhstanRect(page);
  const share = countNonBasemap(await readCanvas(page), kz) / (kz.width * kz.height);
  expect(share).toBeGreaterThan(0.4);
  expect(await page.locator('header h1').textContent()).toBe('Kazakhstan migration map');
  expect(await page.locator('#fatal').isHidden()).toBe(true);
}

/** What the controls and panels show for the shared view. */
async function expectSharedView(page: Page): Promise<void> {
  expect(view(await appState(page))).toEqual({
    ...DEFAULT_VIEW,
    year: 2015,
    measure: 'density',
    selected: 'KZ-VOS',
    minFlow: 0,
    topN: 25,
    scale: 'fixed',
    showExternal: false,
  });
  expect(await page.getByTestId('measure').inputValue()).toBe('density');
  expect(await page.getByTestId('top-n').inputValue()).toBe('25');
  expect(await page.getByTestId('external').isChecked()).toBe(false);
  expect(await page.getByTestId('min-flow').inputValue()).toBe('0');
  expect(await page.getByTestId('year-label').textContent()).toBe('2015');
  expect(await page.getByTestId('year-slider').getAttribute('aria-valuenow')).toBe('2015');
  expect(await page.getByTestId('legend').locator('h2').textContent()).toBe('Population density · 2015');
  const panel = page.getByTestId('region-panel');
  expect(await panel.isVisible()).toBe(true);
  expect(await panel.locator('h2').textContent()).toContain('East Kazakhstan');
  expect(await panel.locator('h3').first().textContent()).toBe('Totals in 2015');
  expect(await page.getByTestId('notice').count()).toBe(0);
}

describe('shared link', () => {
  it('opening a copied link, and reloading it, restores the view', async () => {
    const first = await openApp(browser, served.url);
    const { page } = first;
    // Set a view through the controls.
    const slider = page.getByTestId('year-slider');
    await slider.focus();
    // Home is 1990 (the first figure); five pages of five years reach 2015.
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
    await page.getByTestId('measure').selectOption('density');
    await page.getByTestId('top-n').selectOption('25');
    await page.getByTestId('external').uncheck();
    await page.evaluate(() => window.__app!.update({ selected: 'KZ-VOS' }));
    await settle(page, "app.state.year === 2015 && app.state.selected === 'KZ-VOS' && !app.state.showExternal");
    await expectSharedView(page);
    for (const [k, v] of [
      ['v', '1'],
      ['year', '2015'],
      ['m', 'density'],
      ['sel', 'KZ-VOS'],
      ['top', '25'],
      ['ext', '0'],
    ] as const)
      await waitForUrlParam(page, k, v);
    const href = page.url();
    const cam = new URL(href).searchParams.get('cam') ?? '';
    expect(cam).toMatch(/^-?[\d.]+,-?[\d.]+,[\d.]+$/);
    const [lon, lat, zoom] = cam.split(',').map(Number) as [number, number, number];
    await pointerOffMap(page);
    const original: Pixels = await readCanvas(page);

    // A fresh browser context (no shared storage) opens the link.
    const second = await openApp(browser, href);
    await expectSharedView(second.page);
    await expectMapDrawn(second.page);
    // The link's camera is the one the map opens at.
    const opened = (await appState(second.page)).camera!;
    expect(opened).toEqual({ lon, lat, zoom });
    // The same view in the same viewport: the same picture (but for sub-pixel camera rounding).
    const kz = await kazakhstanRect(second.page);
    expect(differingShare(original, await readCanvas(second.page), kz, 40)).toBeLessThan(0.05);

    // Reloading the first page (its URL written by the app as the view changed) keeps the view.
    await page.reload();
    await waitForMap(page);
    await expectSharedView(page);
    await expectMapDrawn(page);

    for (const w of [first, second]) {
      expect(w.offOrigin).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      await w.context.close();
    }
  });
});

describe('bad links', () => {
  it('a malformed link falls back field by field, names what it rejected, and runs nothing', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const query = `?v=1&year=1850&m=bogus&sel=${encodeURIComponent(payload)}&top=10`;
    const w = await openPage(browser, served.url);
    const dialogs: string[] = [];
    w.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await w.page.goto(served.url + query);
    await waitForMap(w.page);
    const { page } = w;
    await expectMapDrawn(page);
    // The bad fields fall back to defaults; the good one (top=10) is kept.
    expect(view(await appState(page))).toEqual({ ...DEFAULT_VIEW, topN: 10 });
    expect(await page.getByTestId('region-panel').isHidden()).toBe(true);

    const notice = page.getByTestId('notice');
    expect(await notice.count()).toBe(1);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Part of the link could not be used and was reset');
    expect(text).toContain('year = “1850” (not a whole number from 1990 to 2026)');
    expect(text).toContain('m = “bogus” (unknown measure)');
    // The hostile value is echoed literally, as text.
    expect(text).toContain(`sel = “${payload}” (unknown region)`);
    expect(text).not.toContain('top');

    // Nothing from the link became markup, and no handler ran.
    await urlWritten(page);
    expect(dialogs).toEqual([]);
    const injected = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      onerror: document.querySelectorAll('[onerror]').length,
      noticeHtml: document.querySelector('[data-testid="notices"]')!.innerHTML,
    }));
    expect(injected.imgs).toBe(0);
    expect(injected.onerror).toBe(0);
    expect(injected.noticeHtml).not.toMatch(/<img/i);

    // The notice can be dismissed.
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByTestId('notice').count()).toBe(0);
    expect(w.offOrigin).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('a link of another version shows the default view with a notice', async () => {
    const w = await openApp(browser, served.url, '?v=99&year=2015&m=density');
    const { page } = w;
    await expectMapDrawn(page);
    expect(view(await appState(page))).toEqual(DEFAULT_VIEW);
    expect(await page.getByTestId('year-label').textContent()).toBe('2024');
    expect(await page.getByTestId('legend').locator('h2').textContent()).toBe('Net inter-regional migration · 2024');
    const notice = page.getByTestId('notice');
    expect(await notice.count()).toBe(1);
    expect(await notice.textContent()).toContain(
      'This link is from another version of the map; showing the default view.',
    );
    expect(w.offOrigin).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
