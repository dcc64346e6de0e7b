/**
 * The pointer on the map: hovering a region names it in the tooltip; clicking
 * it selects it (panel, URL, isolated arcs); Escape clears the selection.
 * Points are found in the canvas's pixels: a spot near the region's label
 * point that shows only the region's fill, so the pointer touches no arc,
 * node or label.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appState, cleanSpotIn, kazakhstanRect, pointerOffMap, settle, updateAndDraw, waitForUrlParam } from './driver';
import type { Watched } from './harness';
import { closeContexts, sharedDefaultView } from './shared';
import { countArcPixels, readCanvas } from './pixels';

let w: Watched;

beforeAll(async () => {
  w = await sharedDefaultView();
});

afterAll(async () => {
  await closeContexts();
});

beforeEach(async () => {
  // Every test starts from the default view with the pointer off the map.
  await pointerOffMap(w.page);
  await w.page.getByTestId('tooltip').waitFor({ state: 'hidden', timeout: 10_000 });
  await updateAndDraw(w.page, { year: 2024, measure: 'net', selected: null, minFlow: 0, topN: 50 });
});

/** Hovers a clean spot of a region and returns the tooltip's title and text. */
async function hover(id: string): Promise<{ title: string; text: string }> {
  const { page } = w;
  const { spot } = await cleanSpotIn(page, id, await readCanvas(page), { match: 'shown' });
  expect(spot, `a spot of ${id} free of arcs and labels`).not.toBeNull();
  await page.mouse.move(spot![0], spot![1]);
  const tooltip = page.getByTestId('tooltip');
  // Picking under SwiftShader takes about a second.
  await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
  return { title: (await tooltip.locator('strong').textContent()) ?? '', text: (await tooltip.textContent()) ?? '' };
}

describe('hover', () => {
  it('the tooltip names the region under the pointer and its value', async () => {
    const { title, text } = await hover('KZ-35');
    // 2024 is drawn in today's borders: Ulytau is a polygon of its own.
    expect(title).toBe('Karaganda Region');
    expect(title).not.toContain('→'); // a region, not an arc
    expect(text).toMatch(/Net inter-regional migration, 2024: [−-]?[\d,]+/);
    expect(text).toContain('Click to isolate its flows');
    // Leaving the map hides it.
    await pointerOffMap(w.page);
    await w.page.getByTestId('tooltip').waitFor({ state: 'hidden', timeout: 20_000 });
  });

  it('population before Abai existed (2020) is drawn in the borders of 2018–2021: East Kazakhstan alone', async () => {
    await updateAndDraw(w.page, { year: 2020, measure: 'population' });
    const { title } = await hover('KZ-VOS');
    expect(title).toBe('East Kazakhstan Region');
  });
});

describe('selection', () => {
  it('a click selects the region: panel, URL, isolated arcs; Escape clears it', async () => {
    const { page } = w;
    const kz = await kazakhstanRect(page);
    const status = page.getByTestId('status');
    // All flows, so that isolating one region's flows shows in the count and in the picture.
    await page.getByTestId('top-n').selectOption('all');
    await settle(page, 'app.state.topN === null');
    expect(await status.getAttribute('data-arcs')).toBe('380');
    const before = await readCanvas(page);
    const arcsBefore = countArcPixels(before, kz);

    const { spot } = await cleanSpotIn(page, 'KZ-63', before, { match: 'shown' });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot![0], spot![1]);
    await settle(page, "app.state.selected === 'KZ-63'", 30_000);

    // The panel: name and figures of 2024.
    const panel = page.getByTestId('region-panel');
    expect(await panel.isVisible()).toBe(true);
    const heading = (await panel.locator('h2').textContent()) ?? '';
    expect(heading).toContain('East Kazakhstan');
    expect(await panel.locator('h3').first().textContent()).toBe('Totals in 2024');
    const figures = Object.fromEntries(
      await panel
        .locator('table.figures tr')
        .evaluateAll((rows) =>
          rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('td')?.textContent ?? '']),
        ),
    ) as Record<string, string>;
    expect(Object.keys(figures)).toContain('Population 1 Jan 2024');
    const num = (s: string | undefined) => Number((s ?? '').replace(/[,\s]/g, '').replace('−', '-'));
    const arrivals = num(figures.Arrivals);
    const departures = num(figures.Departures);
    expect(arrivals).toBeGreaterThan(1000);
    expect(departures).toBeGreaterThan(1000);
    expect(num(figures.Net)).toBe(arrivals - departures);
    expect(await panel.locator('.flow-list').count()).toBeGreaterThan(0);

    // The URL.
    await waitForUrlParam(page, 'sel', 'KZ-63');

    // Only the arcs into or out of the region's units remain.
    const expected = await page.evaluate(() => {
      const app = window.__app!;
      const units = new Set(app.dataset.model.polygons.get('KZ-63')!.unitCodes);
      return app.dataset.model.flows.filter(
        (f) => f.year === 2024 && (units.has(f.origin_code) || units.has(f.destination_code)),
      ).length;
    });
    expect(expected).toBeGreaterThan(10);
    expect(expected).toBeLessThan(380);
    expect(await status.getAttribute('data-arcs')).toBe(String(expected));
    expect(await status.textContent()).toContain(`${expected} of the 380 flows between regions are drawn.`);
    await pointerOffMap(page);
    await settle(page);
    const arcsSelected = countArcPixels(await readCanvas(page), kz);
    expect(arcsSelected).toBeLessThan(arcsBefore * 0.7);
    expect(arcsSelected).toBeGreaterThan(arcsBefore * 0.05);

    // Clicking the same spot again clears the selection, even where an isolated arc now lies over it.
    await page.mouse.click(spot![0], spot![1]);
    await settle(page, 'app.state.selected === null', 30_000);
    expect(await panel.isHidden()).toBe(true);
    await page.mouse.click(spot![0], spot![1]);
    await settle(page, "app.state.selected === 'KZ-63'", 30_000);

    // Escape clears the selection and closes the panel.
    await page.keyboard.press('Escape');
    await settle(page, 'app.state.selected === null');
    expect(await panel.isHidden()).toBe(true);
    await waitForUrlParam(page, 'sel', null);
    expect(await status.getAttribute('data-arcs')).toBe('380');
    const arcsAfter = countArcPixels(await readCanvas(page), kz);
    expect(Math.abs(arcsAfter - arcsBefore)).toBeLessThan(arcsBefore * 0.02);
  });

  it('with the top 50, a selection keeps at most 50 arcs, all its own', async () => {
    const { page } = w;
    await updateAndDraw(page, { selected: 'KZ-35' });
    const state = await appState(page);
    expect(state.topN).toBe(50);
    const shown = Number(await page.getByTestId('status').getAttribute('data-arcs'));
    const own = await page.evaluate(() => {
      const app = window.__app!;
      const units = new Set(app.dataset.model.polygons.get('KZ-35')!.unitCodes);
      return app.dataset.model.flows.filter(
        (f) => f.year === 2024 && (units.has(f.origin_code) || units.has(f.destination_code)),
      ).length;
    });
    expect(shown).toBe(Math.min(50, own));
    expect(await page.getByTestId('region-panel').locator('h2').textContent()).toContain('Karaganda');
    // The panel's close button clears the selection too.
    await page.getByTestId('region-panel').getByRole('button', { name: 'Close' }).click();
    await settle(page, 'app.state.selected === null');
    expect(await page.getByTestId('region-panel').isHidden()).toBe(true);
  });

  it('a unit selected in other borders is described by the polygon that held it (Abai in 2019: East Kazakhstan)', async () => {
    const { page } = w;
    const panel = page.getByTestId('region-panel');
    await updateAndDraw(page, { selected: 'KZ-10', year: 2024, measure: 'population' });
    expect(await panel.locator('h2').textContent()).toBe('Abai Region');
    await updateAndDraw(page, { selected: 'KZ-10', year: 2019, measure: 'population' });
    expect(await panel.locator('h2').textContent()).toBe('East Kazakhstan Region');
  });

  it('made no off-origin request and logged no error', () => {
    expect(w.offOrigin).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
