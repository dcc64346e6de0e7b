/**
 * Each year in its own borders (src/core/geography.ts), on one page load at
 * 1440×900: the polygons and labels of 2016, 2017, 2019 and 2024, Abai's own
 * polygon and tooltip, a Russian subject's Rosstat population, and the panel
 * of a Russian subject with both countries' counts; then the districts level,
 * chosen in the settings at 1280×720 and reached by zooming in. Writes
 * screenshots of 2005, 2019, 2024 and the districts into
 * test-results/screenshots/ for people to look at.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import type { DistrictProps } from '../../src/core/district-level';
import { cleanSpotIn, kazakhstanRect, openApp, pointerOffMap, project, settle, updateAndDraw } from './driver';
import type { Watched } from './harness';
import { differingShare, readCanvas } from './pixels';
import { closeContexts, servedApp, sharedBrowser } from './shared';

const SHOTS = `${REPO_ROOT}/test-results/screenshots`;

/** Each district's label point, English name and its region's English name (geo/districts.topojson, data/units.csv). */
function districtLabels(): { lon: number; lat: number; name: string; region: string }[] {
  const units = new Map(
    csvParse(readFileSync(`${REPO_ROOT}/data/units.csv`, 'utf8')).map((u) => [u.unit_code!, u.name_en!]),
  );
  const topology = JSON.parse(readFileSync(`${REPO_ROOT}/geo/districts.topojson`, 'utf8')) as {
    objects: { districts: { geometries: { properties: DistrictProps }[] } };
  };
  return topology.objects.districts.geometries.map(({ properties: p }) => ({
    lon: p.label_lon,
    lat: p.label_lat,
    name: p.name_en,
    region: units.get(p.unit_code)!,
  }));
}

let browser: Browser;
let w: Watched;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await sharedBrowser();
  w = await openApp(browser, servedApp().url, '', { width: 1440, height: 900 });
});

afterAll(async () => {
  await closeContexts();
});

const drawn = () => w.page.evaluate(() => window.__app!.drawnPolygons());
const kazakh = (ids: string[]) => ids.filter((id) => id.startsWith('KZ-')).sort();
const placed = () => w.page.evaluate(() => window.__app!.placedLabels());
const borders = () => w.page.getByTestId('legend-borders').textContent();

/** Shows a view and waits until its labels are placed in the frame. */
async function show(year: number, measure: string, selected: string | null = null): Promise<void> {
  await pointerOffMap(w.page);
  await updateAndDraw(w.page, { year, measure: measure as 'population', selected, minFlow: 0, topN: 50 });
  await settle(w.page, `app.state.year === ${year}`);
}

async function hover(id: string): Promise<{ title: string; text: string }> {
  const { page } = w;
  const { spot } = await cleanSpotIn(page, id, await readCanvas(page), { match: 'shown' });
  expect(spot, `a spot of ${id} free of arcs and labels`).not.toBeNull();
  await page.mouse.move(spot![0], spot![1]);
  const tooltip = page.getByTestId('tooltip');
  await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
  const out = {
    title: (await tooltip.locator('strong').textContent()) ?? '',
    text: (await tooltip.textContent()) ?? '',
  };
  await pointerOffMap(page);
  await tooltip.waitFor({ state: 'hidden', timeout: 20_000 });
  return out;
}

describe('each year in its own borders', () => {
  it('2016: South Kazakhstan with Shymkent, 16 Kazakh polygons, the borders before June 2018', async () => {
    await show(2016, 'population');
    const ids = kazakh(await drawn());
    expect(ids).toHaveLength(16);
    expect(ids).toContain('KZ-YUZ');
    expect(ids).not.toContain('KZ-79');
    expect(await borders()).toBe('Shown in the borders before June 2018');
    expect((await placed()).join('|')).toContain('South Kazakhstan (incl. Shymkent)');
  });

  it('2017: BNS restated 1 January 2017 with Shymkent apart, drawn in the borders of 2018–2021; net (no figure) in those in force', async () => {
    await show(2017, 'population');
    const ids = kazakh(await drawn());
    expect(ids).toHaveLength(17);
    expect(ids).toEqual(expect.arrayContaining(['KZ-61', 'KZ-79', 'KZ-VOS']));
    expect(await borders()).toBe('Shown in the borders of 2018–2021, in which these figures were published');
    expect(await placed()).toContain('Shymkent');
    await show(2017, 'net');
    expect(kazakh(await drawn())).toHaveLength(16);
    expect(await borders()).toBe('Shown in the borders before June 2018');
  });

  it('2019: 17 polygons, East Kazakhstan still holds Abai', async () => {
    await show(2019, 'population');
    const ids = kazakh(await drawn());
    expect(ids).toHaveLength(17);
    expect(ids).not.toContain('KZ-10');
    expect(await borders()).toBe('Shown in the borders of 2018–2021');
    await w.page.screenshot({ path: `${SHOTS}/geography-2019.png` });
    const labels = await placed();
    expect(labels).toContain('Turkestan');
    expect(labels).not.toContain('Abai');
  });

  it('2024: 20 polygons; Abai has its own label and tooltip with its population', async () => {
    await show(2024, 'population');
    const ids = kazakh(await drawn());
    expect(ids).toHaveLength(20);
    expect(ids).toEqual(expect.arrayContaining(['KZ-10', 'KZ-33', 'KZ-62', 'KZ-63']));
    expect(await borders()).toBe('Shown in the borders of 2022 onwards');
    const labels = await placed();
    for (const name of ['Abai', 'Jetisu', 'Ulytau']) expect(labels).toContain(name);
    const abai = await hover('KZ-10');
    expect(abai.title).toBe('Abai Region');
    expect(abai.text).toContain('Population (1 January), 2024: 607,589');
    expect(abai.text).toContain('S170');
    await w.page.screenshot({ path: `${SHOTS}/geography-2024.png` });
  });

  it('2005: the old borders, with the Russian subjects coloured by Rosstat’s series', async () => {
    await show(2005, 'population');
    expect(kazakh(await drawn())).toHaveLength(16);
    await w.page.screenshot({ path: `${SHOTS}/geography-2005.png` });
    expect(statSync(`${SHOTS}/geography-2005.png`).size).toBeGreaterThan(10_000);
  });
});

describe('the Russian side', () => {
  it('a Russian subject shows its population in 2015 (Rosstat’s revised series)', async () => {
    await show(2015, 'population');
    const omsk = await hover('RU-OMS');
    expect(omsk.title).toContain('Omsk');
    expect(omsk.text).toContain('Population 2015 (Rosstat, revised series): 1,966,641');
    expect(omsk.text).toContain('Rosstat’s revised population series');
    expect(omsk.text).toContain('S173');
  });

  it('the panel of a Russian subject shows both countries’ counts for 2018', async () => {
    await show(2018, 'population', 'RU-ORE');
    const counts = w.page.getByTestId('border-counts');
    await counts.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await counts.textContent()) ?? '';
    expect(text).toContain(
      'Russia counted 72,141 people arriving from Kazakhstan and 45,625 leaving for it in 2018 (S174).',
    );
    expect(text).toContain('Kazakhstan’s count: no full-year figure for 2018.');
    expect(text).toContain('The two countries count differently');
    expect(await w.page.getByTestId('border-chart').locator('circle').count()).toBe(4);
  });
});

describe('the districts', () => {
  const districts = () => w.page.evaluate(() => window.__app!.districts());
  /** Waits until the districts are drawn (224) or not (0), and deck.gl has drawn that frame. */
  const districtsDrawn = async (count: 224 | 0) => {
    await w.page.waitForFunction((n) => window.__app!.districts()?.drawn === n && window.__app!.isDrawn(), count, {
      timeout: 30_000,
      polling: 50,
    });
  };
  /** Whether the page has fetched the districts file (not before the view is within two and a half zoom steps of them). */
  const fetchedDistricts = () =>
    w.page.evaluate(() =>
      performance.getEntriesByType('resource').some((e) => /\/districts-[\w-]+\.json$/.test(e.name)),
    );

  it('chosen in the settings at 1280×720: the 224 outlines drawn, the legend says there are no district figures', async () => {
    // The whole country on a computer's screen is two zoom steps from the districts: their file is
    // fetched and read while the map is idle (a phone's view, further out, does not: layout.e2e.ts),
    // and nothing of them is drawn.
    await w.page.waitForFunction(() => window.__app!.districts()?.load === 'done', null, { timeout: 30_000 });
    expect(await fetchedDistricts()).toBe(true);
    await w.page.setViewportSize({ width: 1280, height: 720 });
    await show(2024, 'population');
    expect(await districts()).toEqual({ shown: false, drawn: 0, load: 'done' });
    const regionsOnly = await readCanvas(w.page);
    await w.page.getByTestId('level').selectOption('districts');
    await districtsDrawn(224);
    expect(await districts()).toEqual({ shown: true, drawn: 224, load: 'done' });
    expect(await w.page.getByTestId('legend-districts').textContent()).toContain(
      'There are no built-in figures for districts',
    );
    // The district lines change the picture inside Kazakhstan (the regions alone drew none of them).
    const rect = await kazakhstanRect(w.page);
    expect(differingShare(regionsOnly, await readCanvas(w.page), rect)).toBeGreaterThan(0.01);
    await w.page.screenshot({ path: `${SHOTS}/geography-districts-1280x720.png` });
    // Back to auto: at the whole country's zoom the districts are not drawn.
    await w.page.getByTestId('level').selectOption('auto');
    await districtsDrawn(0);
  });

  it('zooming in past the threshold draws them; a district’s tooltip names it, its region and “no built-in figure”', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1440, height: 900 });
    await updateAndDraw(page, { year: 2024, measure: 'population', topN: 1, showExternal: false });
    for (let i = 0; i < 5 && !(await districts())!.shown; i++) {
      const zoom = (await page.evaluate(() => window.__app!.camera()))!.zoom;
      await page.locator('.maplibregl-ctrl-zoom-in').click();
      // One step of the button is one zoom level, eased: wait until it has arrived.
      await page.waitForFunction(
        (z) =>
          window.__app!.camera()!.zoom > z + 0.9 &&
          !window.__app!.isMoving() &&
          window.__app!.state.camera!.zoom > z + 0.9,
        zoom,
        { timeout: 10_000 },
      );
    }
    expect((await districts())!.shown).toBe(true);
    await districtsDrawn(224);
    // The district whose label point is nearest the middle of the map, and its region's name.
    const centre = (await page.evaluate(() => window.__app!.camera()))!;
    const nearest = districtLabels().reduce((a, b) =>
      Math.hypot(a.lon - centre.lon, a.lat - centre.lat) <= Math.hypot(b.lon - centre.lon, b.lat - centre.lat) ? a : b,
    );
    const [x, y] = await project(page, nearest.lon, nearest.lat);
    await page.mouse.move(x, y);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await tooltip.locator('strong').textContent()).toBe(nearest.name);
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toContain(`District in ${nearest.region}`);
    expect(text).toContain('No built-in figure for districts');
    expect(text).toContain(`Figure of `);
    expect(text).toContain('Population (1 January), 2024: ');
    // Zoomed in, districts are named on the map too (below the regions' labels).
    const names = new Set(districtLabels().map((d) => d.name));
    expect((await placed()).filter((l) => names.has(l)).length).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/geography-districts-zoom.png` });
    await pointerOffMap(page);
  });
});
