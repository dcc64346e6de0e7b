/**
 * The presenter's tools: the composed picture (1× and 2×), the timeline
 * video, the embed view and its code, and the projector view (story files and
 * notes: presenter-files.e2e.ts).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appState,
  composedPicture,
  kazakhstanRect,
  pointerOffMap,
  settle,
  updateAndDraw,
  waitForUrlParam,
} from './driver';
import { relativeLuminance } from '../../src/core/greyscale';
import { openPage, waitForMap, type Watched } from './harness';
import { closeContexts, servedApp, sharedBrowser } from './shared';
import {
  colourDistance,
  countArcPixels,
  countNonBasemap,
  decodePng,
  differingShare,
  pixelAt,
  readCanvas,
  rows,
  type Pixels,
  type Rgb,
} from './pixels';

/** Bands of the composed picture in CSS pixels (composePicture in src/render/export.ts). */
const HEADER = 64;
const FOOTER = 96;

let served: { url: string };
let browser: Browser;
/** The default view at 1400×900, reduced motion; the picture, video and embed tests use it. */
let main: Watched;
const dialogs: string[] = [];

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
  main = await watched();
});

afterAll(async () => {
  await closeContexts();
});

/** A fresh context (reduced motion) whose dialogs are recorded and dismissed. */
async function watched(): Promise<Watched> {
  const w = await openPage(browser, served.url, { reducedMotion: 'reduce' });
  w.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

async function open(w: Watched, url: string): Promise<Page> {
  // Tests switch between contexts: make this page the active one, so that its animation frames run.
  await w.page.bringToFront();
  await w.page.goto(url);
  await waitForMap(w.page);
  return w.page;
}

/** The page as an earlier test left it if the app runs there (saves a load), else freshly opened at `url`. */
async function reuse(w: Watched, url: string): Promise<Page> {
  const running = await w.page.evaluate(() => window.__app !== undefined).catch(() => false);
  return running ? front(w.page) : open(w, url);
}

/** Makes a running page the active one (its animation frames run) and waits for its frame. */
async function front(page: Page): Promise<Page> {
  await page.bringToFront();
  await settle(page);
  return page;
}

/** The page at `url`'s view: as an earlier test left it if the app runs there in the same layout, else loaded. */
async function at(w: Watched, url: string): Promise<Page> {
  const wanted = new URL(url).searchParams;
  const view = wanted.get('embed') === '1' ? 'embed' : (wanted.get('view') ?? 'normal');
  const running = await w.page.evaluate((v) => window.__app?.state.view === v, view).catch(() => false);
  return running ? front(w.page) : open(w, url);
}

/** Opens the presenter panel (a <details>). */
async function openPresenter(page: Page): Promise<void> {
  const panel = page.getByTestId('presenter');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await page.getByTestId('add-note').waitFor({ state: 'visible', timeout: 5_000 });
}

/** The notice that names `text` (notices pile up; each test looks for its own). */
const notice = (page: Page, text: string) => page.getByTestId('notice').filter({ hasText: text });

/** Dark (text) pixels of a band of rows. */
function darkPixels(p: Pixels, y0: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = 0; x < p.width; x++) {
      const [r, g, b] = pixelAt(p, x, y);
      if (r + g + b < 3 * 110) n++;
    }
  return n;
}

/** The footer row with the most distinct saturated colours (the legend's colour bar) and those colours. */
function colourBar(p: Pixels, y0: number, y1: number): Rgb[] {
  let best: Rgb[] = [];
  for (let y = y0; y < y1; y++) {
    const seen = new Map<number, Rgb>();
    for (let x = 0; x < p.width; x++) {
      const c = pixelAt(p, x, y);
      if (Math.max(...c) - Math.min(...c) > 30) seen.set((c[0] << 16) | (c[1] << 8) | c[2], c);
    }
    if (seen.size > best.length) best = [...seen.values()];
  }
  return best;
}

/** The labels matching `selector` that are shown (laid out and not hidden for lack of room), left to right. */
async function shownLabels(page: Page, selector: string): Promise<{ text: string; left: number; right: number }[]> {
  return page.locator(selector).evaluateAll((spans) =>
    spans
      .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => ({
        text: e.textContent ?? '',
        left: e.getBoundingClientRect().left,
        right: e.getBoundingClientRect().right,
      }))
      .sort((a, b) => a.left - b.left),
  );
}

/** Shown labels of a scale (legend ticks, timeline years) do not overlap and stay in the window; the ends are shown. */
async function expectApart(page: Page, selector: string): Promise<void> {
  // A resize is fitted by a ResizeObserver, which runs in the page's next rendering step: wait for two.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const labels = await shownLabels(page, selector);
  const width = page.viewportSize()!.width;
  expect(labels.length, selector).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < labels.length; i++)
    expect(labels[i]!.left, `${labels[i - 1]!.text} | ${labels[i]!.text} (${selector}, ${width} px)`).toBeGreaterThan(
      labels[i - 1]!.right + 2,
    );
  expect(labels[0]!.left).toBeGreaterThanOrEqual(0);
  expect(labels[labels.length - 1]!.right).toBeLessThanOrEqual(width);
}

/** The colour stops of the on-screen legend bar (its CSS gradient). */
async function legendStops(page: Page): Promise<Rgb[]> {
  const style = (await page.getByTestId('legend-bar').getAttribute('style')) ?? '';
  return [...style.matchAll(/rgba\((\d+),(\d+),(\d+),/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
}

/** Distinct colours of a picture (capped: enough to tell a drawn map from a blank or flat one). */
function distinctColours(p: Pixels, cap = 5000): number {
  const seen = new Set<number>();
  for (let i = 0; i < p.data.length && seen.size < cap; i += 4)
    seen.add((p.data[i]! << 16) | (p.data[i + 1]! << 8) | p.data[i + 2]!);
  return seen.size;
}

/** A picture at twice the size, sampled back to one (nearest pixel). */
function halve(p: Pixels): Pixels {
  const width = Math.floor(p.width / 2);
  const height = Math.floor(p.height / 2);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data.set(p.data.subarray((2 * y * p.width + 2 * x) * 4, (2 * y * p.width + 2 * x) * 4 + 4), (y * width + x) * 4);
  return { width, height, data };
}

describe('picture', () => {
  it('composes header, map (with its arcs) and legend at 1× and 2×, and leaves the map as it was', async () => {
    const page = await open(main, `${served.url}?v=1`);
    await pointerOffMap(page);
    await settle(page);
    const before = await readCanvas(page);
    const { width: W, height: H } = before;
    const stops = await legendStops(page);
    expect(stops.length).toBeGreaterThan(10);

    for (const scale of [1, 2] as const) {
      const picture = decodePng(await composedPicture(page, scale));
      const header = HEADER * scale;
      const map = rows(picture, header, H * scale);
      expect(picture.width, `width at ${scale}×`).toBe(W * scale);
      expect(picture.height, `height at ${scale}×`).toBe((H + HEADER + FOOTER) * scale);

      // Header: the title and subtitle in dark text on white.
      expect(darkPixels(picture, 0, header), `title text at ${scale}×`).toBeGreaterThan(400 * scale * scale);
      expect([...pixelAt(picture, picture.width - 3, 3)]).toEqual([255, 255, 255]);

      // Map: drawn (many colours, not bare basemap) with the internal arcs' orange→purple.
      expect(distinctColours(map)).toBeGreaterThan(1000);
      expect(countNonBasemap(map) / (map.width * map.height)).toBeGreaterThan(0.2);
      expect(countArcPixels(map), `arc pixels at ${scale}×`).toBeGreaterThan(5000 * scale * scale);
      if (scale === 1) {
        // The very frame on screen.
        expect(differingShare(map, before)).toBeLessThan(0.01);
      } else {
        // The same view drawn at twice the resolution over the whole map, not a corner of it.
        expect(differingShare(halve(map), before, undefined, 40)).toBeLessThan(0.1);
        for (const [qx, qy] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ])
          expect(
            differingShare(halve(map), before, { x: (qx! * W) / 2, y: (qy! * H) / 2, width: W / 2, height: H / 2 }, 40),
            `quarter ${qx},${qy} at 2×`,
          ).toBeLessThan(0.15);
      }

      // Footer: the legend's colour bar (the on-screen legend's colours) and its text.
      const footerTop = header + H * scale;
      const bar = colourBar(picture, footerTop, picture.height);
      expect(bar.length, `distinct colours of the legend bar at ${scale}×`).toBeGreaterThanOrEqual(20);
      for (const stop of stops.filter((c) => Math.max(...c) - Math.min(...c) > 30))
        expect(
          Math.min(...bar.map((c) => colourDistance(c, stop))),
          `legend colour ${stop.join(',')} in the picture at ${scale}×`,
        ).toBeLessThan(16);
      expect(darkPixels(picture, footerTop, picture.height), `legend text at ${scale}×`).toBeGreaterThan(
        300 * scale * scale,
      );
    }

    // The map is back at its pixel ratio and draws as before.
    const after = await page.evaluate(async () => {
      const app = window.__app!;
      await app.nextFrame();
      const canvas = document.querySelector<HTMLCanvasElement>('#map canvas.maplibregl-canvas')!;
      return { width: canvas.width, height: canvas.height, ratio: app.pixelRatio(), dpr: devicePixelRatio };
    });
    expect(after).toEqual({ width: W, height: H, ratio: after.dpr, dpr: after.dpr });
    await settle(page);
    expect(differingShare(await readCanvas(page), before)).toBeLessThan(0.01);

    // The button saves the same picture as a file.
    await openPresenter(page);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('export-png').click(),
    ]);
    expect(download.suggestedFilename()).toBe('kz-migration-net-2024.png');
    const saved = decodePng(readFileSync(await download.path()));
    expect([saved.width, saved.height]).toEqual([W, H + HEADER + FOOTER]);
    expect(main.consoleErrors).toEqual([]);
  });
});

describe('print', () => {
  it('"Print handout" fills an A4 handout (legend, year, credits) that alone is printed, in a palette greyscale keeps', async () => {
    const page = await at(main, `${served.url}?v=1`);
    await openPresenter(page);
    await page.evaluate(() => {
      const w = window as unknown as { __printed: boolean; print: () => void };
      w.__printed = false;
      w.print = () => {
        w.__printed = true;
      };
    });
    await page.getByTestId('print-handout').click();
    await page.waitForFunction(() => (window as unknown as { __printed: boolean }).__printed, undefined, {
      timeout: 60_000,
    });
    const { year } = await appState(page);
    await page.emulateMedia({ media: 'print' });
    try {
      const shown = (testid: string) =>
        page.getByTestId(testid).evaluate((e) => e.getClientRects().length > 0 && (e as HTMLElement).innerText.trim());
      // The interface is not printed; the handout is.
      for (const hidden of ['presenter', 'legend', 'timeline'])
        expect(await page.getByTestId(hidden).evaluate((e) => e.getClientRects().length), hidden).toBe(0);
      expect(await page.locator('#map').evaluate((e) => e.getClientRects().length)).toBe(0);
      expect(await shown('handout-year')).toBe(`Year: ${year}`);
      expect(await shown('handout-credits')).toMatch(/Bureau of National Statistics/);
      expect(await shown('handout-legend')).toMatch(/Net/);
      expect(await page.getByTestId('handout-picture').evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(
        2 * 1400,
      );

      // The legend bar in greyscale: the mean relative luminance of its first and last tenth.
      const bar = decodePng(await page.getByTestId('handout-legend-bar').screenshot());
      const end = (from: number) => {
        let sum = 0;
        let n = 0;
        const w = Math.floor(bar.width / 10);
        for (let y = 2; y < bar.height - 2; y++)
          for (let x = from + 2; x < from + w - 2; x++, n++) sum += relativeLuminance(pixelAt(bar, x, y));
        return sum / n;
      };
      const [loss, gain] = [end(0), end(bar.width - Math.floor(bar.width / 10))];
      const middle = relativeLuminance(pixelAt(bar, bar.width / 2, bar.height / 2));
      // The print palette: lighter from loss through zero to gain, so that black and white keeps the sign
      // (the screen's BrBG has two equally dark ends); no − / + marks are needed then.
      expect(middle - loss).toBeGreaterThan(0.25);
      expect(gain - middle).toBeGreaterThan(0.25);
      expect(await page.getByTestId('handout-signs').count()).toBe(0);
      // The screen's legend keeps BrBG (its ends alike in greyscale).
      await page.emulateMedia({ media: null });
      const screenBar = decodePng(await page.getByTestId('legend-bar').screenshot());
      const screenEnds = [2, screenBar.width - 3].map((x) =>
        relativeLuminance(pixelAt(screenBar, x, screenBar.height / 2)),
      );
      expect(Math.abs(screenEnds[0]! - screenEnds[1]!)).toBeLessThan(0.25);
    } finally {
      await page.emulateMedia({ media: null });
    }
  });
});

describe('video', () => {
  it('records the timeline as a WebM of the map, and puts the year back', async () => {
    const page = await reuse(main, `${served.url}?v=1`);
    const startYear = (await appState(page)).year;
    expect(startYear).toBeGreaterThan(2000);
    const recorder = await page.evaluate(
      () => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported('video/webm'),
    );
    await openPresenter(page);
    const button = page.getByTestId('record-video');
    expect(await button.textContent()).toBe('Record the timeline (WebM)');
    if (!recorder) {
      await button.click();
      await notice(page, 'cannot record video').waitFor({ timeout: 5_000 });
      return;
    }
    // The video follows the timeline's speed: the fastest (0.4 s a year) keeps the wait short.
    await page.getByTestId('speed').selectOption('3');
    const years = await page.locator('.tl-cell[data-year]').count();
    expect(years).toBeGreaterThan(30);
    const downloading = page.waitForEvent('download', { timeout: 90_000 });
    const started = Date.now();
    await button.click();
    await page.waitForFunction(
      () => /^Recording… \d{4}$/.test(document.querySelector('[data-testid="record-video"]')?.textContent ?? ''),
      null,
      { timeout: 5_000, polling: 50 },
    );
    // The timeline plays from the first year.
    await page.waitForFunction((y) => window.__app!.state.year < y, startYear, { timeout: 10_000, polling: 100 });
    const download = await downloading;
    // Each year held at least the chosen 0.4 s, and the whole well under the default speed's 1.2 s a year.
    expect(Date.now() - started).toBeGreaterThanOrEqual(years * 400);
    expect(Date.now() - started).toBeLessThan(years * 1200);
    expect(download.suggestedFilename()).toBe('kz-migration-net-timeline.webm');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML (WebM)
    expect(bytes.length).toBeGreaterThan(100_000);
    // It plays in the browser, at the map's size.
    const video = await page.evaluate(async (base64) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
      await new Promise<void>((resolve, reject) => {
        v.onloadedmetadata = () => resolve();
        v.onerror = () => reject(new Error('the video does not decode'));
        setTimeout(() => reject(new Error('no metadata in 10 s')), 10_000);
      });
      // A recorder's WebM carries no duration in its header: the browser finds it by seeking to the end.
      if (!Number.isFinite(v.duration)) {
        const found = new Promise<void>(
          (resolve) => (v.ondurationchange = () => Number.isFinite(v.duration) && resolve()),
        );
        v.currentTime = 1e6;
        await Promise.race([found, new Promise((r) => setTimeout(r, 10_000))]);
      }
      const canvas = document.querySelector<HTMLCanvasElement>('#map canvas.maplibregl-canvas')!;
      return { width: v.videoWidth, height: v.videoHeight, mapWidth: canvas.width, mapHeight: canvas.height, seconds: v.duration }; // prettier-ignore
    }, bytes.toString('base64'));
    expect([video.width, video.height]).toEqual([video.mapWidth, video.mapHeight]);
    // It lasts as long as the years were shown: frames are taken only when the map changes, so a still
    // year is one frame held for its time (18.7 s for 37 years at 0.4 s here).
    expect(Number.isFinite(video.seconds)).toBe(true);
    expect(video.seconds).toBeGreaterThanOrEqual(years * 0.4 * 0.95);
    // The view is back where it was.
    await settle(page, `app.state.year === ${startYear}`);
    expect(await page.getByTestId('year-label').textContent()).toBe(String(startYear));
    expect(await button.textContent()).toBe('Record the timeline (WebM)');
    await page.getByTestId('speed').selectOption('1');
    expect(main.consoleErrors).toEqual([]);
  });
});

describe('embed', () => {
  it('the embed code is an iframe of the current view without chrome; it shows the map, a title, the legend, the year, play and a link to the full map', async () => {
    // A story open (from the presenter panel): the embed shows its view, not the story.
    const page = await reuse(main, `${served.url}?v=1`);
    await openPresenter(page);
    await page.getByTestId('story-start').click();
    await settle(page, "app.state.story === 'north-south' && app.state.step === 0");
    await waitForUrlParam(page, 'story', 'north-south');
    const code = await page.evaluate(() => window.__app!.embedCode());
    expect(code).toMatch(/^<iframe src="[^"]+"[^>]*><\/iframe>$/);
    const src = new URL(code.match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&'));
    expect(src.origin).toBe(new URL(served.url).origin);
    expect(src.searchParams.get('view')).toBe('embed');
    expect(src.searchParams.get('story')).toBeNull();
    const { year, measure } = await appState(page);
    expect(src.searchParams.get('year')).toBe(String(year));
    expect(src.searchParams.get('m')).toBe(measure);

    for (const url of [src.href, `${served.url}?v=1&embed=1`]) {
      await open(main, url);
      expect((await appState(page)).view, url).toBe('embed');
      for (const hidden of [
        'header .subtitle',
        'header .header-tools',
        '[data-testid="settings"]',
        '[data-testid="presenter"]',
        '[data-testid="step-back"]',
      ])
        expect(await page.locator(hidden).isHidden(), `${hidden} in ${url}`).toBe(true);
      // A title, a play button and the way to the full map, at the same view.
      expect(await page.locator('header h1').textContent()).toBe('Kazakhstan migration map');
      expect(await page.getByTestId('play').isVisible()).toBe(true);
      const full = new URL((await page.getByTestId('full-map').getAttribute('href'))!, served.url);
      expect(await page.getByTestId('full-map').getAttribute('target')).toBe('_blank');
      expect(full.searchParams.get('view')).toBeNull();
      const shown = await appState(page);
      expect(full.searchParams.get('year')).toBe(String(shown.year));
      expect(full.searchParams.get('m')).toBe(shown.measure);
      expect(await page.getByTestId('story').isHidden()).toBe(true);
      expect(await page.getByTestId('legend').isVisible()).toBe(true);
      expect(await page.getByTestId('legend-bar').isVisible()).toBe(true);
      expect(await page.getByTestId('year-label').isVisible()).toBe(true);
      const kz = await kazakhstanRect(page);
      const frame = await readCanvas(page);
      expect(countNonBasemap(frame, kz) / (kz.width * kz.height)).toBeGreaterThan(0.4);
      expect(countArcPixels(frame, kz)).toBeGreaterThan(1000);
    }
    expect(main.consoleErrors).toEqual([]);
    expect(main.offOrigin).toEqual([]);
  });
});

describe('ways in and out', () => {
  it('embed: the timeline slider spans the panel; at 800×500 everything fits with the legend folded', async () => {
    // The embed test left the main page at an embed link; an iframe of 960×600 is a viewport of that size.
    const page = await at(main, `${served.url}?v=1&embed=1`);
    try {
      await page.setViewportSize({ width: 960, height: 600 });
      const slider = await page.getByTestId('year-slider').boundingBox();
      expect(slider!.width).toBeGreaterThan(500);
      const labels = await shownLabels(page, '.tl-axis span');
      expect(labels[labels.length - 1]!.left - labels[0]!.left).toBeGreaterThan(400);
      await expectApart(page, '.legend-tick');

      await page.setViewportSize({ width: 800, height: 500 });
      // The legend folded into its sheet; the title, the link, play and the year inside the frame.
      await page.getByTestId('legend-bar').waitFor({ state: 'hidden', timeout: 5_000 });
      for (const id of ['full-map', 'play', 'year-label', 'year-slider', 'sheet-legend']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box, id).not.toBeNull();
        expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 800 && box.y + box.height <= 500, id).toBe(true);
      }
      expect(await page.getByTestId('sheet-settings').isHidden()).toBe(true);
      await expectApart(page, '.tl-axis span');
      expect(await page.locator('header h1').isVisible()).toBe(true);
      await page.getByTestId('sheet-legend').click();
      await page.getByTestId('legend-bar').waitFor({ state: 'visible', timeout: 5_000 });
      await expectApart(page, '.legend-tick');
      await page.getByTestId('sheet-legend').click();
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('projector view: a visible button and the P key leave it', async () => {
    // Entered through the app's state (the embed test left an embed link open): the test is about leaving it.
    const page = await reuse(main, `${served.url}?v=1`);
    await page.evaluate(() => window.__app!.update({ view: 'projector' }));
    await settle(page, "app.state.view === 'projector'");
    await waitForUrlParam(page, 'view', 'projector');
    const leave = page.getByTestId('leave-projector');
    expect(await leave.isVisible()).toBe(true);
    expect(await page.getByTestId('settings').isVisible()).toBe(false);
    await leave.click();
    await settle(page, "app.state.view === 'normal'");
    expect(await page.getByTestId('settings').isVisible()).toBe(true);
    await waitForUrlParam(page, 'view', null);
    await page.locator('body').press('p');
    await settle(page, "app.state.view === 'projector'");
    await page.locator('body').press('p');
    await settle(page, "app.state.view === 'normal'");
  });

  it('legend ticks and timeline years never overlap: 1280×720 in English and Kazakh (full numbers), 390×844', async () => {
    // The projector test left the page in the normal view: resized, not loaded again.
    const page = await at(main, `${served.url}?v=1`);
    try {
      await page.setViewportSize({ width: 1280, height: 720 });
      for (const patch of [{}, { lang: 'kk' as const }, { measure: 'population' as const }]) {
        await updateAndDraw(page, patch);
        await expectApart(page, '.legend-tick');
        await expectApart(page, '.tl-axis span');
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await expectApart(page, '.tl-axis span');
      await page.getByTestId('sheet-legend').click();
      await page.getByTestId('legend-bar').waitFor({ state: 'visible', timeout: 5_000 });
      await expectApart(page, '.legend-tick');
      await page.getByTestId('sheet-legend').click();
    } finally {
      await updateAndDraw(page, { lang: 'en', measure: 'net' });
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });
});
