/**
 * Loading: the app starts offline, without errors, and really draws: the
 * choropleth and the arcs are checked in the canvas's pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appState, cleanSpotIn, kazakhstanRect, pointerOffMap, settle } from './driver';
import type { Watched } from './harness';
import { closeContexts, sharedDefaultView } from './shared';
import { BASEMAP, colourDistance, countArcPixels, countNonBasemap, readCanvas, type Pixels, type Rect } from './pixels';

let w: Watched;
let kz: Rect;
let firstFrame: Pixels;

beforeAll(async () => {
  w = await sharedDefaultView();
  kz = await kazakhstanRect(w.page);
  firstFrame = await readCanvas(w.page);
});

afterAll(async () => {
  await closeContexts();
});

describe('load', () => {
  it('starts offline, without console errors, with its header, legend and timeline', async () => {
    const { page } = w;
    expect(await page.title()).toBe('Kazakhstan migration map');
    await expect.poll(() => page.locator('header h1').textContent()).toBe('Kazakhstan migration map');
    expect(await page.getByTestId('legend').isVisible()).toBe(true);
    expect(await page.getByTestId('legend').locator('h2').textContent()).toBe('Net inter-regional migration · 2024');
    expect(await page.getByTestId('legend-bar').isVisible()).toBe(true);
    expect(await page.getByTestId('timeline').isVisible()).toBe(true);
    expect(await page.getByTestId('year-label').textContent()).toBe('2024');
    expect(await page.getByTestId('year-slider').getAttribute('aria-valuenow')).toBe('2024');
    expect(await page.locator('#app').getAttribute('data-year')).toBe('2024');
    expect(await page.locator('#app').getAttribute('data-measure')).toBe('net');
    expect(await page.locator('#fatal').isHidden()).toBe(true);
    expect(await page.getByTestId('notice').count()).toBe(0);
    // Two WebGL canvases: maplibre's basemap, and deck.gl's over it (a year step redraws only that one).
    expect(await page.locator('#map canvas').count()).toBe(2);
    expect(await page.locator('canvas').count()).toBe(2);
    expect(w.offOrigin).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it("draws deck.gl's first frames at the map's full size", async () => {
    // Not into the canvas's default 300 × 150 before luma.gl's ResizeObserver has sized it (a
    // small picture stretched over the map, then everything drawn again). The harness records the
    // sizes at each draw (openPage); the device pixel ratio is 1 here.
    const sizes = await w.page.evaluate(() => (window as unknown as { __deckDrawSizes: number[][] }).__deckDrawSizes);
    expect(sizes.length).toBeGreaterThan(3);
    const { width, height } = w.page.viewportSize()!;
    for (const [bufferWidth, bufferHeight, cssWidth, cssHeight] of sizes)
      expect([bufferWidth, bufferHeight, cssWidth, cssHeight]).toEqual([width, height, width, height]);
  });

  it('makes no pipeline in the middle of a frame (each would wait for the draws sent before it)', async () => {
    // deck.gl applies a layer's parameters at its first draw: the nodes' and labels' pipelines
    // were then made between the regions' and arcs' draws, and luma.gl's synchronous reading of
    // the program held the first frame 0.25-0.37 s (src/render/on-top.ts). The harness records a
    // program queried after a draw to the screen in the same task (openPage).
    const stalls = await w.page.evaluate(() => (window as unknown as { __deckStalls: string[] }).__deckStalls);
    expect(stalls).toEqual([]);
  });

  it('draws the choropleth: regions show their own fill colours, not the basemap', async () => {
    // Most of Kazakhstan's rectangle is coloured regions, arcs and labels, not bare basemap.
    const share = countNonBasemap(firstFrame, kz) / (kz.width * kz.height);
    expect(share).toBeGreaterThan(0.4);
    for (const id of ['KZ-35', 'KZ-63', 'KZ-AKT', 'KZ-KZY', 'KZ-PAV', 'KZ-KUS', 'KZ-ZAP', 'KZ-MAN']) {
      const { spot, fill } = await cleanSpotIn(w.page, id, firstFrame);
      expect(fill, `${id} has a value in 2024`).not.toBeNull();
      expect(
        BASEMAP.every((b) => colourDistance(fill!, b) > 10),
        `${id}'s fill is not a basemap colour`,
      ).toBe(true);
      // A patch of the region is painted in exactly the colour the app computed for it.
      expect(spot, `${id} is drawn in its fill colour near its label point`).not.toBeNull();
    }
  });

  it('draws the arcs, and a minimum flow above every flow removes them', async () => {
    const { page } = w;
    const status = page.getByTestId('status');
    expect(await status.getAttribute('data-arcs')).toBe('50');
    expect(await status.textContent()).toMatch(/^2024: 50 of the 380 flows between regions are drawn\./);
    const withArcs = countArcPixels(firstFrame, kz);
    expect(withArcs).toBeGreaterThan(5000);

    const minFlow = page.getByTestId('min-flow');
    await minFlow.fill('1000000');
    await minFlow.press('Enter');
    await minFlow.blur();
    await settle(page, 'app.state.minFlow === 1000000');
    expect(await status.getAttribute('data-arcs')).toBe('0');
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('min'))).toBe('1000000');
    const none = countArcPixels(await readCanvas(page), kz);
    expect(none).toBeLessThan(withArcs * 0.03);

    await minFlow.fill('0');
    await minFlow.press('Enter');
    await minFlow.blur();
    await settle(page, 'app.state.minFlow === 0');
    expect(await status.getAttribute('data-arcs')).toBe('50');
    const again = countArcPixels(await readCanvas(page), kz);
    expect(Math.abs(again - withArcs)).toBeLessThan(withArcs * 0.02);
  });

  it('a bad minimum is not applied', async () => {
    const { page } = w;
    const minFlow = page.getByTestId('min-flow');
    await minFlow.fill('-5');
    await minFlow.blur();
    expect(await minFlow.inputValue()).toBe('0');
    expect((await appState(page)).minFlow).toBe(0);
  });

  it('"Largest flows: All" draws every flow of the year, more than the top 50', async () => {
    const { page } = w;
    await pointerOffMap(page);
    const before = countArcPixels(await readCanvas(page), kz);
    await page.getByTestId('top-n').selectOption('all');
    await settle(page, 'app.state.topN === null');
    expect(await page.getByTestId('status').getAttribute('data-arcs')).toBe('380');
    const all = countArcPixels(await readCanvas(page), kz);
    expect(all).toBeGreaterThan(before * 1.3);
    await page.getByTestId('top-n').selectOption('10');
    await settle(page, 'app.state.topN === 10');
    expect(await page.getByTestId('status').getAttribute('data-arcs')).toBe('10');
    const ten = countArcPixels(await readCanvas(page), kz);
    expect(ten).toBeLessThan(before * 0.8);
    expect(ten).toBeGreaterThan(0);
  });

  it('made no off-origin request and logged no error', () => {
    expect(w.offOrigin).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
