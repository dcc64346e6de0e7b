/**
 * The measure select: the legend, the root's data-measure and the map's
 * colours follow it. Also writes a screenshot of each measure (2023) for
 * people to look at, into test-results/screenshots/.
 */
import { mkdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { MEASURE_IDS as ALL_MEASURES } from '../../src/core/measures';

/** The built-in measures: the imported-figures measure is offered only with an imported dataset. */
const MEASURE_IDS = ALL_MEASURES.filter((m) => m !== 'custom');
import { REPO_ROOT } from '../../data/read-tables';
import { cleanSpotIn, kazakhstanRect, pointerOffMap, settle, updateAndDraw } from './driver';
import type { Watched } from './harness';
import { closeContexts, sharedDefaultView } from './shared';
import { differingShare, readCanvas, type Pixels } from './pixels';

const SHOTS = `${REPO_ROOT}/test-results/screenshots`;

let w: Watched;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  w = await sharedDefaultView();
});

afterAll(async () => {
  await closeContexts();
});

const legendTitle = () => w.page.getByTestId('legend').locator('h2').textContent();

async function chooseMeasure(id: string): Promise<void> {
  await w.page.getByTestId('measure').selectOption(id);
  await settle(w.page, `app.state.measure === '${id}'`);
}

describe('measure', () => {
  it('offers the seven measures', async () => {
    const values = await w.page
      .getByTestId('measure')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(values).toEqual([...MEASURE_IDS]);
    expect(values).toEqual(['population', 'density', 'change', 'net', 'netRate', 'arrivals', 'departures']);
  });

  it('changing the measure changes the legend title, data-measure and the URL', async () => {
    const { page } = w;
    expect(await legendTitle()).toBe('Net inter-regional migration · 2024');
    await chooseMeasure('density');
    expect(await legendTitle()).toBe('Population density · 2024');
    expect(await page.getByTestId('legend').locator('.legend-unit').textContent()).toBe('persons per km²');
    expect(await page.locator('#app').getAttribute('data-measure')).toBe('density');
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('m'))).toBe('density');
    await chooseMeasure('net');
    expect(await legendTitle()).toBe('Net inter-regional migration · 2024');
  });

  it('changing the measure recolours the map', async () => {
    const { page } = w;
    await pointerOffMap(page);
    const kz = await kazakhstanRect(page);
    const net = await readCanvas(page);
    await chooseMeasure('density');
    const density = await readCanvas(page);
    // Arcs and labels stay; the regions' colours change.
    expect(differingShare(net, density, kz)).toBeGreaterThan(0.15);
    // Each region shows its density colour, or the no-data grey where the year has no population figure.
    for (const id of ['KZ-ZHA', 'KZ-35', 'KZ-AKT', 'KZ-PAV', 'KZ-KUS']) {
      const { spot } = await cleanSpotIn(page, id, density);
      expect(spot, `${id} is drawn in its density colour (or grey)`).not.toBeNull();
    }
    await chooseMeasure('net');
  });

  it('screenshots of every measure in 2023 (test-results/screenshots/measure-*.png)', async () => {
    const { page } = w;
    await pointerOffMap(page);
    await updateAndDraw(page, { year: 2023 });
    const frames: Pixels[] = [];
    for (const id of MEASURE_IDS) {
      await chooseMeasure(id);
      expect(await legendTitle()).toBe(`${en[`measure.${id}`]} · 2023`);
      const path = `${SHOTS}/measure-${id}-2023.png`;
      await page.screenshot({ path });
      expect(statSync(path).size).toBeGreaterThan(100_000);
      frames.push(await readCanvas(page));
    }
    // Each measure paints the map differently from the one before.
    const kz = await kazakhstanRect(page);
    for (let i = 1; i < frames.length; i++)
      expect(
        differingShare(frames[i - 1]!, frames[i]!, kz),
        `${MEASURE_IDS[i]} vs ${MEASURE_IDS[i - 1]}`,
      ).toBeGreaterThan(0.02);
    expect(w.consoleErrors).toEqual([]);
  });
});
