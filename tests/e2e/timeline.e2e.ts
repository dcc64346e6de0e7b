/**
 * The timeline: the year slider's keys, the year everywhere it shows (label,
 * ARIA, data-year, URL, map), a year without flows, playback by keyboard and
 * by button. Also writes screenshots of four consecutive played years.
 */
import { mkdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { appState, cleanSpotIn, kazakhstanRect, pointerOffMap, settle, updateAndDraw, waitForUrlParam } from './driver';
import type { Watched } from './harness';
import { closeContexts, sharedDefaultView } from './shared';
import { countArcPixels, differingShare, readCanvas, type Pixels, type Rect } from './pixels';

const SHOTS = `${REPO_ROOT}/test-results/screenshots`;

let w: Watched;
let kz: Rect;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  w = await sharedDefaultView();
  kz = await kazakhstanRect(w.page);
  await pointerOffMap(w.page);
});

afterAll(async () => {
  await closeContexts();
});

/** The year as every part of the page shows it. */
async function shownYear(page: Page) {
  return {
    label: await page.getByTestId('year-label').textContent(),
    aria: await page.getByTestId('year-slider').getAttribute('aria-valuenow'),
    data: await page.locator('#app').getAttribute('data-year'),
    state: (await appState(page)).year,
    legend: await page.getByTestId('legend').locator('h2').textContent(),
  };
}

async function expectYear(page: Page, year: number, opts: { url?: boolean } = {}): Promise<void> {
  await settle(page, `app.state.year === ${year}`);
  const shown = await shownYear(page);
  expect(shown).toEqual({
    label: String(year),
    aria: String(year),
    data: String(year),
    state: year,
    legend: expect.stringMatching(new RegExp(` · ${year}$`)) as unknown as string,
  });
  if (opts.url !== false) await waitForUrlParam(page, 'year', String(year));
}

async function pause(page: Page): Promise<void> {
  await page.evaluate(() => window.__app!.playback.pause());
}

/** Starts recording the current year and every year playback moves to (window.__years), so that no step is missed however slow the page. */
async function recordYears(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__years = [window.__app.playback.current.year];
    if (window.__stopRecording) window.__stopRecording();
    window.__stopRecording = window.__app.playback.subscribe((s) => {
      const ys = window.__years;
      if (ys[ys.length - 1] !== s.year) ys.push(s.year);
      // A test may ask playback to stop at a year, so that a slow machine cannot skip past it.
      if (s.year === window.__pauseAt && s.playing) window.__app.playback.pause();
    });
  })()`);
}

const recordedYears = (page: Page) => page.evaluate(() => (window as unknown as { __years: number[] }).__years);

describe('timeline', () => {
  beforeEach(async () => {
    // A test that failed while playing must not leave the next one playing.
    await pause(w.page);
    await pointerOffMap(w.page);
  });

  it('the slider moves by arrow keys, Page Up/Down, Home and End; every year display and the URL follow', async () => {
    const { page } = w;
    const slider = page.getByTestId('year-slider');
    // The app writes the URL on the first change; a fresh page keeps the bare one.
    await expectYear(page, 2024, { url: false });
    // The timeline starts with the first figure: the Russian subjects' population of 1990 (S173).
    expect(await slider.getAttribute('aria-valuemin')).toBe('1990');
    expect(await slider.getAttribute('aria-valuemax')).toBe('2026');
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^2024: Origin–destination flows/);
    const y2024 = await readCanvas(page);

    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expectYear(page, 2023);
    const y2023 = await readCanvas(page);
    // The arcs of 2023 are not those of 2024.
    expect(differingShare(y2024, y2023, kz)).toBeGreaterThan(0.01);

    await page.keyboard.press('ArrowRight');
    await expectYear(page, 2024);
    // Back to 2024: the same picture as before.
    expect(differingShare(y2024, await readCanvas(page), kz)).toBeLessThan(0.002);

    await page.keyboard.press('Home');
    await expectYear(page, 1990);
    await page.keyboard.press('End');
    await expectYear(page, 2026);
    await page.keyboard.press('PageDown');
    await expectYear(page, 2021);
    await page.keyboard.press('ArrowDown');
    await expectYear(page, 2020);
    await page.keyboard.press('PageUp');
    await expectYear(page, 2025);
    await page.keyboard.press('ArrowUp');
    await expectYear(page, 2026);
    // At the end the slider stays put.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('End');
    await expectYear(page, 2026);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('year-slider');
  });

  it('the regions are recoloured for the year', async () => {
    const { page } = w;
    await updateAndDraw(page, { year: 2024 });
    await updateAndDraw(page, { year: 2021 });
    const frame = await readCanvas(page);
    // 2021's net migration is given in today's units: Karaganda without Ulytau.
    for (const id of ['KZ-35', 'KZ-AKT', 'KZ-PAV', 'KZ-KZY']) {
      const { spot } = await cleanSpotIn(page, id, frame);
      expect(spot, `${id} is drawn in its 2021 colour`).not.toBeNull();
    }
  });

  it('2013 has no flows: the status says so and no arcs are drawn', async () => {
    const { page } = w;
    await updateAndDraw(page, { year: 2024 });
    const arcs2024 = countArcPixels(await readCanvas(page), kz);
    expect(arcs2024).toBeGreaterThan(5000);
    await page.getByTestId('year-slider').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectYear(page, 2013);
    const status = page.getByTestId('status');
    expect(await status.textContent()).toContain(
      '2013: the sources hold no origin–destination flows between regions for this year, so no arcs between regions are drawn.',
    );
    expect(await status.getAttribute('data-arcs')).toBe('0');
    expect(countArcPixels(await readCanvas(page), kz)).toBeLessThan(arcs2024 * 0.03);
    // No net migration for 2013: the status line offers the measures that have a figure, and one
    // chosen from the keyboard switches the map to it.
    expect(await status.textContent()).toMatch(
      /^No figure for “Net inter-regional migration” in 2013\. Figures for 2013: /,
    );
    await page.getByTestId('status-measure-density').focus();
    await page.keyboard.press('Enter');
    await settle(page, "app.state.measure === 'density'");
    expect(await page.getByTestId('status-no-figure').count()).toBe(0);
    await updateAndDraw(page, { measure: 'net' });
    await page.getByTestId('year-slider').focus();
    // The next flow year draws arcs again.
    await page.keyboard.press('PageUp');
    await expectYear(page, 2018);
    await updateAndDraw(page, { year: 2015 });
    expect(await status.getAttribute('data-arcs')).toBe('50');
    expect(countArcPixels(await readCanvas(page), kz)).toBeGreaterThan(arcs2024 * 0.3);
  });

  it('Space on the slider starts playback, and Space again pauses it', async () => {
    const { page } = w;
    await updateAndDraw(page, { year: 2015 });
    const slider = page.getByTestId('year-slider');
    const play = page.getByTestId('play');
    await slider.focus();
    expect(await play.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press(' ');
    expect(await play.getAttribute('aria-pressed')).toBe('true');
    expect(await play.getAttribute('aria-label')).toBe('Pause');
    // Normal speed: a year every 1.2 s.
    await page.waitForFunction(() => window.__app!.state.year >= 2016, null, { timeout: 5_000, polling: 50 });
    await page.keyboard.press(' ');
    expect(await play.getAttribute('aria-pressed')).toBe('false');
    const stopped = (await appState(page)).year;
    expect(stopped).toBeGreaterThanOrEqual(2016);
    expect(stopped).toBeLessThanOrEqual(2019);
    // Paused: no step of playback is waiting to move the year.
    expect(await page.evaluate(() => window.__app!.playback.ticking)).toBe(false);
    expect((await appState(page)).year).toBe(stopped);
    expect(await page.getByTestId('year-label').textContent()).toBe(String(stopped));
    expect(await slider.getAttribute('aria-valuenow')).toBe(String(stopped));
  });

  it('the play button plays and pauses; the step buttons move a year', async () => {
    const { page } = w;
    await updateAndDraw(page, { year: 2010 });
    const play = page.getByTestId('play');
    await play.click();
    expect(await play.getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(() => window.__app!.state.year >= 2011, null, { timeout: 5_000, polling: 50 });
    await play.click();
    expect(await play.getAttribute('aria-pressed')).toBe('false');
    expect(await play.getAttribute('aria-label')).toBe('Play');
    const stopped = (await appState(page)).year;
    await page.getByTestId('step-forward').click();
    await expectYear(page, stopped + 1);
    await page.getByTestId('step-back').click();
    await page.getByTestId('step-back').click();
    await expectYear(page, stopped - 1);
    // Playing from the last year starts over at the first.
    await updateAndDraw(page, { year: 2026 });
    await recordYears(page);
    await play.click();
    await page.waitForFunction(() => window.__app!.state.year !== 2026, null, { timeout: 3_000, polling: 50 });
    await play.click();
    expect((await recordedYears(page)).slice(0, 2)).toEqual([2026, 1990]);
  });

  it('screenshots of four consecutive years while playing (test-results/screenshots/timeline-*.png)', async () => {
    const { page } = w;
    await updateAndDraw(page, { year: 2020 });
    // Playback holds at each year for the pictures (however long they take), so the fastest speed serves.
    await page.getByTestId('speed').selectOption('3');
    await recordYears(page);
    const years: number[] = [];
    const frames: Pixels[] = [];
    const arcs: string[] = [];
    try {
      for (const year of [2021, 2022, 2023, 2024]) {
        // Play on to the year, where playback holds for the pictures (however long they take).
        await page.evaluate((y) => ((window as unknown as { __pauseAt: number }).__pauseAt = y), year);
        await page.getByTestId('play').click();
        await settle(page, `app.state.year === ${year}`, 10_000);
        expect(await page.getByTestId('play').getAttribute('aria-pressed')).toBe('false');
        const path = `${SHOTS}/timeline-${year}.png`;
        await page.screenshot({ path });
        frames.push(await readCanvas(page));
        years.push(Number(await page.getByTestId('year-label').textContent()));
        arcs.push((await page.getByTestId('status').getAttribute('data-arcs')) ?? '');
        expect(statSync(path).size).toBeGreaterThan(100_000);
      }
      await page.evaluate(() => ((window as unknown as { __pauseAt: number }).__pauseAt = 0));
      await page.getByTestId('play').click();
      expect(await page.getByTestId('play').getAttribute('aria-pressed')).toBe('true');
    } finally {
      await pause(page);
    }
    expect(years).toEqual([2021, 2022, 2023, 2024]);
    expect((await recordedYears(page)).slice(0, 5)).toEqual([2020, 2021, 2022, 2023, 2024]);
    // 2022 has no flows between regions; 2021, 2023 and 2024 have different ones.
    expect(arcs).toEqual(['50', '0', '50', '50']);
    for (let i = 1; i < frames.length; i++)
      expect(differingShare(frames[i - 1]!, frames[i]!, kz)).toBeGreaterThan(0.01);
    // (2022's two arcs with other countries blend into colours near the internal arcs', hence not zero.)
    expect(countArcPixels(frames[1]!, kz)).toBeLessThan(countArcPixels(frames[0]!, kz) * 0.25);
    await page.getByTestId('speed').selectOption('1');
    expect(w.offOrigin).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
