/**
 * Places of your own, end to end, in one page load: a FlowmapBlue-style pair
 * (a locations file and a flows file, written here) imported through the
 * data panel's places button; the summary names the place outside the mapped
 * regions; the arcs between clusters are drawn; zooming in splits clusters;
 * a cluster's tooltip lists its places and a click on it leaves only its
 * flows; after a reload the dataset is still there and drawn.
 *
 * The places are real: the label points of the 224 districts of S172
 * (geo/districts.topojson), the 12 Russian subjects' centres (geo/centres.csv,
 * GeoNames) and Bishkek (GeoNames, outside every mapped region). The counts
 * are made up for the test and never shown as data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { project, settle } from './driver';
import { openPage, waitForMap, type Watched } from './harness';
import { countArcPixels, readCanvas } from './pixels';
import { closeContexts, servedApp, sharedBrowser } from './shared';

interface Place {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

function realPlaces(): Place[] {
  const topology = JSON.parse(readFileSync(join(REPO_ROOT, 'geo/districts.topojson'), 'utf8')) as {
    objects: { districts: { geometries: { properties: Record<string, string | number> }[] } };
  };
  const districts = topology.objects.districts.geometries.map(({ properties: p }) => ({
    id: String(p.district_id),
    name: String(p.name_en),
    lat: Number(p.label_lat),
    lon: Number(p.label_lon),
  }));
  const russian = readFileSync(join(REPO_ROOT, 'geo/centres.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter(([code]) => code!.startsWith('RU-'))
    .map(([code, name, lat, lon]) => ({ id: code!, name: name!, lat: Number(lat), lon: Number(lon) }));
  return [...districts, ...russian, { id: 'KG-BISHKEK', name: 'Bishkek', lat: 42.87, lon: 74.59 }];
}

const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const places = realPlaces();
const LOCATIONS = ['id,name,lat,lon', ...places.map((p) => [p.id, quote(p.name), p.lat, p.lon].join(','))].join('\n');
/** Each place sends to five others, in four years; deterministic. */
const FLOW_LINES = ['origin,dest,count,time'];
for (let i = 0; i < places.length; i++)
  for (let k = 1; k <= 5; k++) {
    const j = (i * 7 + k * 13) % places.length;
    if (j === i) continue;
    for (const year of [2020, 2021, 2022, 2023])
      FLOW_LINES.push([places[i]!.id, places[j]!.id, 10 + ((i * 31 + j * 17 + year) % 400), year].join(','));
  }
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

let browser: Browser;
let w: Watched;

beforeAll(async () => {
  browser = await sharedBrowser();
  w = await openPage(browser, servedApp().url, { reducedMotion: 'reduce' });
  await w.context.addInitScript({ content: 'window.__name = (f) => f;' });
  await w.page.goto(servedApp().url);
  await waitForMap(w.page);
});

afterAll(async () => {
  await closeContexts();
});

const pointsState = (page: Page) => page.evaluate(() => window.__app!.points());

describe('places of your own', () => {
  it('imports a locations + flows pair, draws clustered arcs, splits clusters on zoom, selects a city, keeps it over a reload', async () => {
    const { page } = w;
    expect(places.length).toBeGreaterThan(200);
    const before = countArcPixels(await readCanvas(page));

    // Import: both files at once, in either order; their headers tell them apart.
    const panel = page.getByTestId('data-panel');
    await panel.locator('summary').click();
    await page
      .getByTestId('places-files')
      .setInputFiles([csv('flows.csv', FLOW_LINES.join('\n')), csv('locations.csv', LOCATIONS)]);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ state: 'visible', timeout: 60_000 });
    const issues = await page.getByTestId('import-issues').locator('li').allTextContents();
    expect(issues[0]).toMatch(new RegExp(`^${places.length} places, \\d+ flows between them; 1 outside`));
    expect(issues.join('\n')).toContain('outside Kazakhstan and the 12 Russian subjects (“Bishkek”)');
    await page.getByTestId('import-valid').click();

    // Drawn: clusters at the opening zoom, arcs between them, the legend says they are clustered.
    await page.waitForFunction(() => (window.__app!.points()?.arcs ?? 0) > 0, null, { timeout: 60_000 });
    await settle(page);
    const coarse = (await pointsState(page))!;
    expect(coarse.clusters).toBeLessThan(places.length);
    expect(coarse.busiest).not.toBeNull();
    expect(await page.getByTestId('legend').textContent()).toContain('merged into clusters by zoom');
    // The year's busiest clusters are named on the map ("Name +N"), and the status line counts flows between places.
    const named = await page.evaluate(() => window.__app!.placedLabels());
    expect(named.some((label) => /^\S.* \+\d+$/.test(label))).toBe(true);
    expect(await page.getByTestId('status').textContent()).toMatch(
      /flows between your \d+ places, drawn between clusters/,
    );
    expect(countArcPixels(await readCanvas(page))).toBeGreaterThan(before + 500);
    // Region totals come from the places: Bishkek's flows are in no region, the rest are.
    expect(await page.evaluate(() => window.__app!.dataset.model.flowYears.includes(window.__app!.state.year))).toBe(
      true,
    );

    // The busiest cluster's tooltip lists its places; a click leaves only its flows.
    const { lon, lat, members } = coarse.busiest!;
    const [x, y] = await project(page, lon, lat);
    await page.mouse.move(x, y);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tooltip.textContent()).toContain(`Cluster of ${members} places`);
    await page.mouse.click(x, y);
    await page.waitForFunction(() => window.__app!.points()?.selectedPlace != null, null, { timeout: 10_000 });
    await settle(page);
    const selected = (await pointsState(page))!;
    expect(selected.arcs).toBeGreaterThan(0);
    expect(selected.arcs).toBeLessThan(coarse.arcs);

    // Zooming in splits clusters: a finer level with more clusters, the selection kept.
    for (let i = 0; i < 2; i++) await page.locator('.maplibregl-ctrl-zoom-in').click();
    await page.waitForFunction((level) => (window.__app!.points()?.level ?? -1) > level, coarse.level, { timeout: 30_000 }); // prettier-ignore
    await settle(page);
    const fine = (await pointsState(page))!;
    expect(fine.clusters).toBeGreaterThan(coarse.clusters);
    expect(fine.selectedPlace).toBe(selected.selectedPlace);
    // The worker has summed every level in the background by now, and sent the levels next to this one ahead.
    await page.waitForFunction(() => window.__app!.points()?.warmed === true && window.__app!.points()?.levelsAsked === 0, null, { timeout: 30_000 }); // prettier-ignore

    // Reload: the dataset is kept and drawn again.
    await page.reload();
    await waitForMap(page);
    await page.waitForFunction(() => (window.__app!.points()?.arcs ?? 0) > 0, null, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__app!.state.dataset)).toMatch(/^user-/);
    expect(w.offOrigin).toEqual([]);
  });
});
