/**
 * The built-in story (data/stories/north-south.json) as a presenter runs it:
 * a clicker's keys walk the steps, each step sets the year, measure and
 * camera and shows its caption with figures filled from the data and its
 * sources; a step's link restores it; a question step hides the values until
 * the answer is revealed; a forecast step never moves the timeline past the
 * observed years; without reduced motion the year counts up; and the
 * projector view is large enough for a classroom (`npm run shots` writes
 * screenshots of every step for people to look at).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appState,
  cleanSpotIn,
  fullyVisible,
  kazakhstanRect,
  pointerOffMap,
  settle,
  shippedStory,
  waitForUrlParam,
  urlWritten,
} from './driver';
import { openPage, waitForMap, type Watched } from './harness';
import { closeContexts, servedApp, sharedBrowser } from './shared';
import { countArcPixels, pixelAt, readCanvas, type Pixels, type Rect } from './pixels';

const STORY = shippedStory('north-south');
const STEPS = STORY.steps;
/** HIDDEN_FILL in src/app.ts: every region's colour while a question hides the values. */
const HIDDEN_FILL = [222, 216, 202] as const;

let served: { url: string };
let browser: Browser;
/** Reduced motion: steps jump (no flight, no count-up). */
let reduced: Watched;

const storyUrl = (step: number, extra = '') => `${served.url}?v=1&story=north-south&step=${step}${extra}`;

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
  reduced = await openPage(browser, served.url, { reducedMotion: 'reduce' });
  reduced.page.on('dialog', (d) => void d.dismiss());
});

afterAll(async () => {
  await closeContexts();
});

async function open(w: Watched, url: string): Promise<Page> {
  // Tests switch between contexts: make this page the active one, so that its animation frames run.
  await w.page.bringToFront();
  await w.page.goto(url);
  try {
    await waitForMap(w.page);
  } catch (error) {
    const where = await w.page
      .evaluate(() => ({
        readyState: document.readyState,
        starting: document.body.classList.contains('loading'),
        canvas: document.querySelector('#map canvas') !== null,
        fonts: document.fonts.status,
        fatal: document.getElementById('fatal')?.textContent ?? '',
        visibility: document.visibilityState,
      }))
      .catch((e: unknown) => String(e));
    throw new Error(
      `${url} did not draw: ${String(error)}; page: ${JSON.stringify(where)}; console: ${w.consoleErrors.join(' | ')}`,
      { cause: error },
    );
  }
  return w.page;
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

/** Pixels whose colour is clearly saturated: choropleth colours and arcs, not the greys and beiges of the basemap. */
function colourful(p: Pixels, rect: Rect): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(rect.y)); y < Math.min(p.height, rect.y + rect.height); y++)
    for (let x = Math.max(0, Math.floor(rect.x)); x < Math.min(p.width, rect.x + rect.width); x++) {
      const [r, g, b] = pixelAt(p, x, y);
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
    }
  return n;
}

/**
 * What the app shows at a step (1-based): the card (progress, title, caption
 * with its figures, sources, question and forecast badges), the state and the
 * link.
 */
async function expectStep(page: Page, n: number): Promise<void> {
  const step = STEPS[n - 1]!;
  await settle(page, `app.state.story === 'north-south' && app.state.step === ${n - 1}`);
  expect(await text(page, 'story-progress')).toBe(`Step ${n} of ${STEPS.length}`);
  expect(await text(page, 'story-step-title')).toBe(step.title.en);
  const caption = await text(page, 'story-caption');
  expect(caption.length, `caption of step ${n}`).toBeGreaterThan(20);
  // Every {placeholder} was filled with a figure from the data (GAP "[—]" means a missing figure).
  expect(caption, `caption of step ${n}`).not.toMatch(/[{}]/);
  expect(caption, `caption of step ${n}`).not.toContain('[—]');
  expect(caption, `caption of step ${n}`).toMatch(/\d/);
  // Each figure adds a number the template does not carry (placeholder names such as {y2024} aside).
  const numbers = (t: string) => t.match(/\d+(?:[,.\u202f]\d+)*/g)?.length ?? 0;
  const placeholders = new Set(step.caption.en.match(/\{\w+\}/g) ?? []).size;
  expect(numbers(caption), `numbers in the caption of step ${n}`).toBeGreaterThanOrEqual(
    numbers(step.caption.en.replace(/\{\w+\}/g, '')) + placeholders,
  );
  const sources = await text(page, 'story-sources');
  expect(sources).toMatch(/^Sources: \S/);
  for (const id of step.sources) expect(sources, `step ${n} cites ${id}`).toContain(`(${id})`);
  expect(await page.getByTestId('story-question').count()).toBe(step.question ? 1 : 0);
  expect(await page.getByTestId('story-forecast').count()).toBe(step.forecast ? 1 : 0);
  expect(await page.getByTestId('story-previous').isDisabled()).toBe(n === 1);
  expect(await page.getByTestId('story-next').isDisabled()).toBe(n === STEPS.length);

  const state = await appState(page);
  expect(state.year, `year of step ${n}`).toBe(step.year);
  expect(state.measure, `measure of step ${n}`).toBe(step.measure);
  expect(await page.getByTestId('year-label').textContent()).toBe(String(step.year));

  await waitForUrlParam(page, 'step', String(n));
  const params = new URL(page.url()).searchParams;
  expect(params.get('story')).toBe('north-south');
  expect(params.get('year')).toBe(String(step.year));
  expect(params.get('m')).toBe(step.measure);
  // The camera jumped to the step's (reduced motion).
  const [lon, lat, zoom] = (params.get('cam') ?? '').split(',').map(Number);
  expect(lon).toBeCloseTo(step.camera.lon, 1);
  expect(lat).toBeCloseTo(step.camera.lat, 1);
  expectStepZoom(zoom!, step.camera.zoom);
}

/**
 * A step's camera was made for the map area left at 1920 × 1080 (STORY_FRAME);
 * in the smaller free area of the test window it zooms out (never in) to show
 * the same ground, by at most one level at these sizes.
 */
function expectStepZoom(zoom: number, stepZoom: number): void {
  expect(zoom).toBeLessThanOrEqual(stepZoom + 0.01);
  expect(zoom).toBeGreaterThan(stepZoom - 1);
}

describe('story by keyboard', () => {
  it('a clicker walks all the steps forwards and back, each showing its view, caption and sources', async () => {
    const page = await open(reduced, storyUrl(1));
    expect(STEPS).toHaveLength(10);
    await expectStep(page, 1);
    // Nothing before the first step.
    await page.keyboard.press('PageUp');
    await urlWritten(page);
    await expectStep(page, 1);

    // Forwards: a clicker's Page Down, and the arrow and n keys.
    const forward = ['PageDown', 'ArrowRight', 'n', 'ArrowDown', 'PageDown', 'PageDown', 'PageDown', 'PageDown', 'N'];
    for (let n = 2; n <= STEPS.length; n++) {
      await page.keyboard.press(forward[n - 2]!);
      await expectStep(page, n);
    }
    // Nothing after the last.
    await page.keyboard.press('PageDown');
    await urlWritten(page);
    await expectStep(page, STEPS.length);

    // Back with Page Up and the arrows.
    for (const [key, n] of [
      ['PageUp', 9],
      ['PageUp', 8],
      ['ArrowLeft', 7],
      ['ArrowUp', 6],
    ] as const) {
      await page.keyboard.press(key);
      await expectStep(page, n);
    }

    // With the focus in the map the arrows pan the map, not the story; Page Down still advances.
    await page.locator('#map canvas.maplibregl-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await urlWritten(page);
    expect((await appState(page)).step).toBe(5);
    await page.keyboard.press('PageDown');
    await settle(page, 'app.state.step === 6');
    expect(await text(page, 'story-progress')).toBe('Step 7 of 10');

    // Escape closes the story and leaves its link.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await settle(page, 'app.state.story === null');
    expect(await page.getByTestId('story').isHidden()).toBe(true);
    await waitForUrlParam(page, 'story', null);
    expect(reduced.consoleErrors).toEqual([]);
    expect(reduced.offOrigin).toEqual([]);
  });

  it("a step's link opens that step in a fresh page", async () => {
    // A link is a new document: the app starts from the link alone (step 1 was opened from its
    // link above). The question step's link, so that the tests below go on from there.
    const page = await open(reduced, storyUrl(3));
    await expectStep(page, 3);
    expect(await page.getByTestId('story').isVisible()).toBe(true);
    expect(reduced.consoleErrors).toEqual([]);
    expect(reduced.offOrigin).toEqual([]);
  });
});

describe('question step', () => {
  it('hides the values (legend, status, colours, arcs, tooltip figures) until the answer is revealed', async () => {
    // Opened from its link by the test above.
    const page = reduced.page;
    await pointerOffMap(page);
    await expectStep(page, 3);
    await settle(page, 'app.valuesHidden');
    expect(await text(page, 'story-question')).toBe(STEPS[2]!.question!.en);
    expect(await page.getByTestId('story-answer').count()).toBe(0);
    expect(await page.getByTestId('story-reveal').isVisible()).toBe(true);
    expect(await page.getByTestId('legend-hidden').isVisible()).toBe(true);
    expect(await page.getByTestId('legend-bar').count()).toBe(0);
    expect(await text(page, 'status')).toBe('Values are hidden until the answer is revealed.');
    expect(await page.getByTestId('status').getAttribute('data-arcs')).toBe('0');

    // The map: one neutral colour for every region, no arcs.
    const kz = await kazakhstanRect(page);
    const hidden = await readCanvas(page);
    const hiddenArcs = countArcPixels(hidden, kz);
    const hiddenColourful = colourful(hidden, kz);
    expect(hiddenArcs).toBeLessThan(50);
    expect(hiddenColourful).toBeLessThan(500);
    // Karaganda (the middle of the country; 2021's net is in today's units) shows the neutral fill.
    const { spot } = await cleanSpotIn(page, 'KZ-35', hidden, { match: 'shown' });
    expect(spot, 'a clean spot in Karaganda').not.toBeNull();
    expect([...pixelAt(hidden, spot![0], spot![1])]).toEqual([...HIDDEN_FILL]);

    // Hovering a region names it but gives no figure.
    await page.mouse.move(spot![0], spot![1]);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
    const tip = (await tooltip.textContent()) ?? '';
    expect(tip).toContain('Karaganda');
    expect(tip).toContain('Values are hidden');
    expect(tip).not.toMatch(/\d/);
    await pointerOffMap(page);
    await tooltip.waitFor({ state: 'hidden', timeout: 20_000 });

    // Enter reveals the answer: Turkestan, with its figure, and the values come back.
    await page.keyboard.press('Enter');
    await settle(page, '!app.valuesHidden');
    const answer = await text(page, 'story-answer');
    expect(answer).toContain('Turkestan');
    expect(answer).toMatch(/\d{1,3}(,\d{3})+|\d{4,}/);
    expect(await page.getByTestId('story-reveal').count()).toBe(0);
    expect(await page.getByTestId('legend-hidden').count()).toBe(0);
    expect(await page.getByTestId('legend-bar').isVisible()).toBe(true);
    expect(await text(page, 'status')).toMatch(/^2021: 25 of the \d+ flows between regions are drawn\./);
    const shown = await readCanvas(page);
    expect(countArcPixels(shown, kz)).toBeGreaterThan(Math.max(2000, 20 * hiddenArcs));
    expect(colourful(shown, kz)).toBeGreaterThan(Math.max(20_000, 20 * hiddenColourful));

    // Leaving the step and coming back asks the question again.
    await page.keyboard.press('PageDown');
    await settle(page, 'app.state.step === 3');
    await page.keyboard.press('PageUp');
    await settle(page, 'app.state.step === 2 && app.valuesHidden');
    expect(await page.getByTestId('story-reveal').isVisible()).toBe(true);
    expect(await page.getByTestId('story-answer').count()).toBe(0);
    // The reveal button works too.
    await page.getByTestId('story-reveal').click();
    await settle(page, '!app.valuesHidden');
    expect(await text(page, 'story-answer')).toBe(answer);
    expect(reduced.consoleErrors).toEqual([]);
  });
});

describe('forecast step', () => {
  it('says it is a forecast and keeps the timeline at an observed year', async () => {
    // The question test left this page in the story: its dots lead to step 6.
    const page = reduced.page;
    await page.getByRole('button', { name: 'Go to step 6' }).click();
    await expectStep(page, 6);
    expect(await page.getByTestId('story-forecast').count()).toBe(0);
    // The step's dot in the card.
    await page.getByRole('button', { name: 'Go to step 7' }).click();
    await expectStep(page, 7);
    const forecast = page.getByTestId('story-forecast');
    expect(await forecast.isVisible()).toBe(true);
    expect(await forecast.textContent()).toBe('Forecast — not observed data');
    expect(await text(page, 'story-step-title')).toBe('A forecast for 2050');
    const { year } = await appState(page);
    expect(year).toBe(STEPS[6]!.year);
    expect(year).toBeLessThanOrEqual(2023);
    expect(await page.getByTestId('year-label').textContent()).toBe(String(year));
    await waitForUrlParam(page, 'year', String(year));
    expect(await page.getByTestId('legend').locator('h2').textContent()).toContain(String(year));
    expect(await page.getByTestId('legend').textContent()).not.toContain('2050');
  });
});

describe('motion', () => {
  it('without reduced motion the year counts up through the years between two steps', async () => {
    // The same page, its visitor no longer asking for reduced motion (read at each step).
    const page = reduced.page;
    await page.getByRole('button', { name: 'Go to step 5' }).click();
    await settle(page, 'app.state.step === 4 && app.state.year === 2000');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    try {
      await page.evaluate(() => {
        const root = document.getElementById('app')!;
        const seen: string[] = [root.dataset.year!];
        (window as unknown as { __years: string[] }).__years = seen;
        new MutationObserver(() => {
          if (seen[seen.length - 1] !== root.dataset.year) seen.push(root.dataset.year!);
        }).observe(root, { attributes: true, attributeFilter: ['data-year'] });
      });
      await page.keyboard.press('PageDown');
      // The card changes at once; the year follows, one year every 140 ms.
      await page.waitForFunction(() => window.__app!.state.step === 5, null, { timeout: 5_000, polling: 50 });
      expect(await text(page, 'story-progress')).toBe('Step 6 of 10');
      await page.waitForFunction(() => window.__app!.state.year === 2023, null, { timeout: 60_000, polling: 50 });
      await settle(page);
      const years = (await page.evaluate(() => (window as unknown as { __years: string[] }).__years)).map(Number);
      // 2000, then intermediate years, ending at 2023; never backwards, never past it.
      expect(years[0]).toBe(2000);
      expect(years[years.length - 1]).toBe(2023);
      expect(years.length).toBeGreaterThan(3);
      for (let i = 1; i < years.length; i++) expect(years[i]).toBeGreaterThan(years[i - 1]!);
      // The camera flew to the step's.
      const camera = await page.evaluate(async () => {
        const app = window.__app!;
        const deadline = performance.now() + 10_000;
        while (app.isMoving() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        return app.camera()!;
      });
      expect(camera.lon).toBeCloseTo(STEPS[5]!.camera.lon, 1);
      expect(camera.lat).toBeCloseTo(STEPS[5]!.camera.lat, 1);
      expectStepZoom(camera.zoom, STEPS[5]!.camera.zoom);
      expect(reduced.consoleErrors).toEqual([]);
    } finally {
      await page.emulateMedia({ reducedMotion: 'reduce' });
    }
  });
});

describe('projector view', () => {
  let projector: Watched;

  beforeAll(async () => {
    // The same page (a page load costs about 11 s of CPU here), on a projector, switched as the
    // presenter's button does (the link's view=projector is read by src/state/url-state.ts, unit-tested).
    projector = reduced;
    const { page } = projector;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.evaluate(() => window.__app!.update({ view: 'projector' }));
    await page.getByRole('button', { name: 'Go to step 1', exact: true }).click();
    await settle(page, "app.state.view === 'projector' && app.state.step === 0");
  });

  it('hides the settings and shows the caption in large type at 1920×1080', async () => {
    const { page } = projector;
    expect((await appState(page)).view).toBe('projector');
    expect(await page.getByTestId('settings').isHidden()).toBe(true);
    expect(await page.getByTestId('presenter').isHidden()).toBe(true);
    const caption = page.getByTestId('story-caption');
    expect(await caption.isVisible()).toBe(true);
    const size = await caption.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    const title = await page.getByTestId('story-step-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(title).toBeGreaterThanOrEqual(size);
    // The map is drawn beside the card.
    const kz = await kazakhstanRect(page);
    expect(countArcPixels(await readCanvas(page), kz)).toBeGreaterThan(1000);
  });

  it('at 1920×1080, 1280×720 and 1024×768 every caption and its buttons are on screen, in type sized to fit', async () => {
    const { page } = projector;
    // Every step at every size, walked forwards at one size and back at the next (each walk starts
    // where the last ended: a step's change of map is the costly part here).
    const forwards = STEPS.map((_, i) => i + 1);
    const walks = [
      [1920, 1080, forwards],
      [1280, 720, [...forwards].reverse()],
      [1024, 768, forwards],
    ] as const;
    for (const [width, height, steps] of walks) {
      await page.setViewportSize({ width, height });
      for (const [k, n] of steps.entries()) {
        if (k > 0) await page.keyboard.press(steps === forwards ? 'PageDown' : 'PageUp');
        await settle(page, `app.state.step === ${n - 1}`);
        // The buttons stay in sight; a long caption scrolls within its card and, scrolled to, shows whole.
        for (const id of width === 1920
          ? ['story-previous', 'story-next', 'story-sources']
          : ['story-previous', 'story-next'])
          expect(await fullyVisible(page, `[data-testid="${id}"]`), `${width}: step ${n}: ${id}`).toEqual({
            ok: true,
            why: '',
          });
        if (width !== 1920) await page.getByTestId('story-caption').scrollIntoViewIfNeeded();
        expect(await fullyVisible(page, '[data-testid="story-caption"]'), `${width}: step ${n}`).toEqual({
          ok: true,
          why: '',
        });
        const size = await page.getByTestId('story-caption').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        expect(size).toBeGreaterThanOrEqual(18);
      }
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(projector.consoleErrors).toEqual([]);
  });
});
