/**
 * Every screen a class or a viewer has: a phone held in one hand (390×844,
 * touch), a tablet (768×1024, touch), and a 1280×720, 1024×768 and
 * 1920×1080 screen. On each, Kazakhstan lies whole in the part of the map
 * that the panels leave free, no control is outside the window, and on touch
 * screens every control is at least 44×44 px. A finger drags the timeline; a
 * note pinned on Karaganda shows above the regions; a tooltip goes when the
 * year changes; a short link (`?lang=kk`) gives a Kazakh interface.
 * (Screenshots for people to look at: `npm run shots`.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appState, cleanSpotIn, project, settle } from './driver';
import { openPage, waitForMap, type Watched } from './harness';
import { decodePng, readCanvas, type Rect, type Rgb } from './pixels';
import { closeContexts, servedApp, sharedBrowser } from './shared';

let served: { url: string };
let browser: Browser;

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
});

async function open(opts: { width: number; height: number; touch?: boolean }, query: string): Promise<Watched> {
  const w = await openPage(browser, served.url, { ...opts, reducedMotion: 'reduce' });
  await w.page.bringToFront();
  await w.page.goto(served.url + query);
  await waitForMap(w.page);
  return w;
}

/** Kazakhstan's bounding box on the page (46.5–87.3°E, 40.6–55.4°N). */
async function kazakhstanBox(page: Page): Promise<Rect> {
  const [x0, y0] = await project(page, 46.5, 55.4);
  const [x1, y1] = await project(page, 87.3, 40.6);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** What the panels cover: each shown panel's box, cut to the boxes that scroll it. */
async function panelBoxes(page: Page): Promise<{ name: string; box: Rect }[]> {
  return page.evaluate(() => {
    const opaque = (e: Element) => getComputedStyle(e).backgroundColor.replace(/\s/g, '') !== 'rgba(0,0,0,0)';
    const panels = [
      ...document.querySelectorAll('#app .panel, #app .status, #app .sheet-bar, #app .credit'),
      ...[...document.querySelectorAll('#app .left, #app .side, #app .story-area')].filter(opaque),
    ];
    const out: { name: string; box: Rect }[] = [];
    for (const e of panels) {
      if (e.getClientRects().length === 0) continue;
      let { left, top, right, bottom } = e.getBoundingClientRect();
      for (let a = e.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowY === 'visible') continue;
        const r = a.getBoundingClientRect();
        left = Math.max(left, r.left);
        top = Math.max(top, r.top);
        right = Math.min(right, r.right);
        bottom = Math.min(bottom, r.bottom);
      }
      if (right - left > 1 && bottom - top > 1)
        out.push({ name: e.className, box: { x: left, y: top, width: right - left, height: bottom - top } });
    }
    return out;
  });
}

/** Kazakhstan lies inside the window and under no panel. */
async function expectKazakhstanFree(page: Page, where: string): Promise<void> {
  const kz = await kazakhstanBox(page);
  const { width, height } = page.viewportSize()!;
  expect(kz.x, `${where}: west edge`).toBeGreaterThanOrEqual(0);
  expect(kz.y, `${where}: north edge`).toBeGreaterThanOrEqual(0);
  expect(kz.x + kz.width, `${where}: east edge`).toBeLessThanOrEqual(width);
  expect(kz.y + kz.height, `${where}: south edge`).toBeLessThanOrEqual(height);
  const overlaps = (await panelBoxes(page))
    .filter(({ box: b }) => {
      const w = Math.min(b.x + b.width, kz.x + kz.width) - Math.max(b.x, kz.x);
      const h = Math.min(b.y + b.height, kz.y + kz.height) - Math.max(b.y, kz.y);
      return w > 2 && h > 2;
    })
    .map((p) => p.name);
  expect(overlaps, `${where}: panels over Kazakhstan`).toEqual([]);
  // It is drawn large enough to read: at least a third of the window's width or height.
  expect(Math.max(kz.width / width, kz.height / height), where).toBeGreaterThan(0.33);
}

/**
 * Controls that are shown but lie outside the window (one inside a scrolling
 * panel need only lie within the window's width), and, on touch screens,
 * those smaller than 44×44 px (a checkbox counts with its label).
 */
async function misplacedControls(page: Page, touch: boolean): Promise<string[]> {
  return page.evaluate((touch) => {
    const wrong: string[] = [];
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 20)}]`;
    for (const e of document.querySelectorAll(
      '#app button, #app select, #app input, #app [role="slider"], #app summary',
    )) {
      // A file input is opened by its button, and hidden itself.
      if ((e as HTMLInputElement).type === 'file') continue;
      if (e.getClientRects().length === 0 || getComputedStyle(e).visibility === 'hidden') continue;
      const target = (e as HTMLInputElement).type === 'checkbox' ? (e.closest('label') ?? e) : e;
      const r = target.getBoundingClientRect();
      let scrolled = false;
      for (let a = e.parentElement; a; a = a.parentElement)
        if (a.scrollHeight > a.clientHeight + 1 && getComputedStyle(a).overflowY !== 'visible') scrolled = true;
      const outside =
        r.left < -1 || r.right > innerWidth + 1 || (!scrolled && (r.top < -1 || r.bottom > innerHeight + 1));
      if (outside) wrong.push(`${name(e)} outside at ${[r.left, r.top, r.right, r.bottom].map(Math.round).join(',')}`);
      if (touch && (r.width < 43.5 || r.height < 43.5))
        wrong.push(`${name(e)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return wrong;
  }, touch);
}

/** The camera now, as text to compare. */
const cameraText = (page: Page) => page.evaluate(() => JSON.stringify(window.__app!.camera()));

/** Waits until the camera differs from `before` (Kazakhstan fitted again after a change of layout) and is drawn. */
async function cameraMoved(page: Page, before: string): Promise<void> {
  await page.waitForFunction((b) => JSON.stringify(window.__app!.camera()) !== b, before, {
    timeout: 10_000,
    polling: 50,
  });
  await settle(page);
}

/** A finger's drag along the page (Chromium's touch events, which the page sees as pointer events). */
async function touchDrag(page: Page, from: [number, number], to: [number, number], steps = 12): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(...from) });
  for (let i = 1; i <= steps; i++) {
    const x = from[0] + ((to[0] - from[0]) * i) / steps;
    const y = from[1] + ((to[1] - from[1]) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x, y) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('a phone held upright (390×844, touch)', () => {
  let phone: Watched;

  beforeAll(async () => {
    // A short link, as the README gives it: no version, only the language.
    phone = await open({ width: 390, height: 844, touch: true }, '?lang=kk');
  });

  afterAll(async () => {
    await phone?.context.close();
  });

  it('a short link ?lang=kk alone gives the Kazakh interface, with no notice', async () => {
    const { page } = phone;
    expect((await appState(page)).lang).toBe('kk');
    expect(await page.locator('header h1').textContent()).toBe('Қазақстанның көші-қон картасы');
    expect(await page.getByTestId('notice').count()).toBe(0);
  });

  it('shows the map first with Kazakhstan whole, every control on screen and large enough for a finger', async () => {
    const { page } = phone;
    await expectKazakhstanFree(page, 'phone');
    expect(await misplacedControls(page, true)).toEqual([]);
    // No text under 12 px.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('#app *')]
        .filter(
          (e) =>
            e.getClientRects().length > 0 && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()),
        )
        .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12)
        .map((e) => e.className || e.tagName),
    );
    expect(small).toEqual([]);
    // The whole country on a phone is more than two and a half zoom steps from the districts: their
    // file is not fetched (on a computer's screen it is, while idle: geography.e2e.ts).
    await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 2000 })));
    expect((await page.evaluate(() => window.__app!.camera()))!.zoom).toBeLessThan(3);
    expect((await page.evaluate(() => window.__app!.districts()))!.load).toBe('idle');
  });

  it('opens the panels as sheets from the bottom, and Kazakhstan moves into the map that is left', async () => {
    const { page } = phone;
    for (const sheet of ['legend', 'settings']) {
      const before = await cameraText(page);
      await page.getByTestId(`sheet-${sheet}`).tap();
      await page.waitForFunction((s) => document.getElementById('app')!.dataset.sheet === s, sheet, {
        timeout: 15_000,
        polling: 100,
      });
      await cameraMoved(page, before);
      await expectKazakhstanFree(page, `phone, ${sheet} sheet`);
      expect(await misplacedControls(page, true), sheet).toEqual([]);
    }
    expect(await page.getByTestId('legend').isVisible()).toBe(false);
    expect(await page.getByTestId('settings').isVisible()).toBe(true);
    await page.getByTestId('sheet-settings').tap();
    await page.waitForFunction(() => document.getElementById('app')!.dataset.sheet === undefined, null, {
      timeout: 15_000,
      polling: 100,
    });
  });

  it('a finger dragged along the timeline moves it year by year', async () => {
    const { page } = phone;
    const before = (await appState(page)).year;
    const box = (await page.getByTestId('year-slider').boundingBox())!;
    const y = box.y + box.height / 2;
    // From the right end to beyond the left one: the slider keeps the finger.
    await touchDrag(page, [box.x + box.width - 4, y], [box.x - 30, y]);
    await settle(page);
    const after = (await appState(page)).year;
    expect(before - after).toBeGreaterThanOrEqual(10);
    expect(after).toBe(Number(await page.getByTestId('year-slider').getAttribute('aria-valuemin')));
    expect(phone.consoleErrors).toEqual([]);
    expect(phone.offOrigin).toEqual([]);
  });
});

describe('a tablet held upright (768×1024, touch)', () => {
  it('fits Kazakhstan, keeps every control on screen, and shows a note pinned on Karaganda above the regions', async () => {
    const tablet = await open({ width: 768, height: 1024, touch: true }, '');
    const { page } = tablet;
    await expectKazakhstanFree(page, 'tablet');
    expect(await misplacedControls(page, true)).toEqual([]);

    await page.getByTestId('sheet-settings').tap();
    await page.locator('.presenter summary').tap();
    await page.getByTestId('add-note').tap();
    // The sheet closes for the tap on the map; one hint says what to do.
    await page.getByTestId('sheet-settings').tap();
    await page.waitForFunction(() => document.getElementById('app')!.dataset.sheet === undefined, null, {
      timeout: 15_000,
      polling: 100,
    });
    // The closed sheet gives the map its room back: the camera may move to keep Kazakhstan in view.
    await page.waitForFunction(() => !window.__app!.isMoving(), null, { timeout: 15_000, polling: 100 });
    await settle(page);
    expect(await page.getByTestId('notice').count()).toBe(1);
    const frame = await readCanvas(page);
    // A clean patch of the colour shown around Karaganda's label (the arcs from Astana cross it).
    const { spot } = await cleanSpotIn(page, 'KZ-35', frame, { match: 'shown' });
    expect(spot).not.toBeNull();
    await page.touchscreen.tap(spot![0], spot![1]);
    const input = page.getByTestId('note-input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('Temirtau steel works');
    await page.getByTestId('note-save').tap();
    const note = page.getByTestId('note');
    await note.waitFor({ state: 'visible', timeout: 10_000 });
    // Saving neither selected the region beneath nor left the hint behind.
    expect((await appState(page)).selected).toBeNull();
    expect(await page.getByTestId('notice').count()).toBe(0);
    expect(await page.getByTestId('note-editor').count()).toBe(0);
    // On screen, the note's own colour shows over the region (deck.gl's canvas would hide it).
    await settle(page);
    const shot = decodePng(await page.screenshot());
    const box = (await note.boundingBox())!;
    const NOTE_BACKGROUND: Rgb = [255, 251, 230];
    let matching = 0;
    let total = 0;
    for (let y = Math.ceil(box.y + 2); y < box.y + box.height - 2; y++)
      for (let x = Math.ceil(box.x + 2); x < box.x + box.width - 2; x++) {
        const i = (y * shot.width + x) * 4;
        total++;
        if (NOTE_BACKGROUND.every((c, k) => Math.abs(shot.data[i + k]! - c) <= 6)) matching++;
      }
    expect(matching / total).toBeGreaterThan(0.5);
    expect(tablet.consoleErrors).toEqual([]);
    await tablet.context.close();
  });
});

describe('screens of 1280×720, 1024×768 and 1920×1080', () => {
  it('fit Kazakhstan into the free map, keep every control on screen, and a tooltip goes when the year changes', async () => {
    const desk = await open({ width: 1280, height: 720 }, '?v=1');
    const { page } = desk;
    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
      [1920, 1080],
    ] as const) {
      const before = await page.evaluate(() => JSON.stringify(window.__app!.camera()));
      await page.setViewportSize({ width, height });
      // The camera is fitted again a moment after the window changes (a new zoom for the new room).
      if (width !== 1280)
        await page.waitForFunction(
          (b) => JSON.stringify(window.__app!.camera()) !== b && !window.__app!.isMoving(),
          before,
          { timeout: 30_000, polling: 50 },
        );
      await settle(page);
      await expectKazakhstanFree(page, `${width}×${height}`);
      expect(await misplacedControls(page, false), `${width}×${height}`).toEqual([]);
    }

    // A tooltip on Karaganda, then a year change: the tooltip goes (it spoke of the old year).
    const frame = await readCanvas(page);
    const { spot } = await cleanSpotIn(page, 'KZ-35', frame);
    await page.mouse.move(spot![0], spot![1]);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tooltip.textContent()).toContain('2024');
    await page.evaluate(() => window.__app!.update({ year: 2013 }));
    await settle(page, 'app.state.year === 2013');
    expect(await tooltip.isHidden()).toBe(true);
    expect(desk.consoleErrors).toEqual([]);
    await desk.context.close();
  });
});
