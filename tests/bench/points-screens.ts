/**
 * Screenshots of a places dataset at three zoom levels, to look at (not a
 * test): 3,000 synthetic places inside the real polygons and 100,000 flows
 * over 20 years (the benchmark's generators), imported through the data
 * panel's places button of the built app, at the opening zoom and two and
 * four steps in. Also says how long the import took in the page.
 *
 * Run after `npx vite build`: npx tsx tests/bench/points-screens.ts [outDir]
 * (POINTS_SCREENS_FLOWS sets the flows).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, serveDist, waitForMap } from '../e2e/harness';
import { syntheticFlows, syntheticLocations } from './synthetic';

const FLOWS = Number(process.env.POINTS_SCREENS_FLOWS ?? 100_000);
const out = process.argv[2] ?? join(process.cwd(), 'tests/bench/.screens');
mkdirSync(out, { recursive: true });

const locs = syntheticLocations();
const locations = `id,name,lat,lon\n${locs.lon.map((lon, i) => `p${i},Place ${i},${locs.lat[i]},${lon}`).join('\n')}\n`;
const table = syntheticFlows(FLOWS, locs.lon.length);
const lines = ['origin,dest,count,time'];
for (let i = 0; i < table.length; i++)
  lines.push(`p${table.origin[i]},p${table.destination[i]},${table.count[i]},${table.year[i]}`);
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

const served = await serveDist();
const browser = await launchBrowser();
try {
  const { page, consoleErrors } = await openPage(browser, served.url, { width: 1280, height: 720, reducedMotion: 'reduce' }); // prettier-ignore
  await page.goto(served.url);
  await waitForMap(page);
  await page.getByTestId('data-panel').locator('summary').click();
  const started = Date.now();
  await page.getByTestId('places-files').setInputFiles([csv('locations.csv', locations), csv('flows.csv', lines.join('\n'))]); // prettier-ignore
  await page.getByTestId('import-summary').waitFor({ state: 'visible', timeout: 300_000 });
  console.log(`import in the page: ${((Date.now() - started) / 1000).toFixed(1)} s for ${FLOWS} flows`);
  await page.getByTestId('import-valid').click();
  await page.getByTestId('data-panel').locator('summary').click();
  for (const step of [0, 2, 2]) {
    for (let i = 0; i < step; i++) await page.locator('.maplibregl-ctrl-zoom-in').click();
    await page.waitForFunction(
      () => {
        const app = window.__app!;
        const p = app.points();
        return p !== null && p.arcs > 0 && app.isDrawn() && !app.isMoving() && app.framesSinceUpdate > 0;
      },
      null,
      { timeout: 120_000, polling: 100 },
    );
    await page.mouse.move(5, 5);
    const state = await page.evaluate(() => ({ points: window.__app!.points(), camera: window.__app!.camera() }));
    const file = join(out, `places-zoom-${state.camera!.zoom.toFixed(1)}.png`);
    await page.screenshot({ path: file });
    console.log(file, JSON.stringify(state));
  }
  if (consoleErrors.length) console.log('console errors:', consoleErrors);
} finally {
  await browser.close();
  await served.stop();
}
