/**
 * What the import end-to-end files share: choosing a file in the data panel,
 * reading to the summary, the stored datasets as IndexedDB holds them, the
 * model's flows, arcs as drawn, and the good flows file both files use.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { appState, pointerOffMap, settle, updateAndDraw } from './driver';
import { openPage, type Watched } from './harness';
import {
  ARC_DESTINATION,
  ARC_ORIGIN,
  colourDistance,
  distanceToGradient,
  pixelAt,
  readCanvas,
  type Rect,
} from './pixels';

/** A fresh profile (reduced motion) whose dialogs (alert, confirm) are recorded in `dialogs` and dismissed. */
export async function watchedProfile(
  browser: Browser,
  url: string,
  dialogs: string[],
  initScript?: string,
): Promise<Watched> {
  const w = await openPage(browser, url, { reducedMotion: 'reduce' });
  // tsx/esbuild's keepNames helper, for functions passed to page.evaluate.
  await w.context.addInitScript({ content: 'window.__name = (f) => f;' });
  if (initScript) await w.context.addInitScript({ content: initScript });
  w.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

export const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** Opens the data panel (a <details>). */
export async function openDataPanel(page: Page): Promise<void> {
  const panel = page.getByTestId('data-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await page.getByTestId('dataset-list').waitFor({ state: 'visible', timeout: 5_000 });
}

/** Gives the file to the panel's file input and waits for the mapping step. */
export async function chooseFile(page: Page, file: ReturnType<typeof csv> | string): Promise<void> {
  await openDataPanel(page);
  await page.getByTestId('data-file').setInputFiles(file);
  await page.getByTestId('import-start').waitFor({ state: 'visible', timeout: 10_000 });
}

/** "Read the file" and wait for the summary. */
export async function readToSummary(page: Page): Promise<string> {
  await page.getByTestId('import-start').click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor({ state: 'visible', timeout: 30_000 });
  return (await summary.textContent()) ?? '';
}

export async function issueLines(page: Page): Promise<string[]> {
  const list = page.getByTestId('import-issues');
  if ((await list.count()) === 0) return [];
  return list.locator('li').allTextContents();
}

/** The ids the dataset list shows, in order ('builtin' first). */
export async function listedIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('dataset-list')
    .locator('button[data-testid^="dataset-"]')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')!.slice('dataset-'.length)));
}

export interface StoredMeta {
  id: string;
  name: string;
  rowCount: number;
  deletedAt: string | null;
}

/** The dataset records in the page's IndexedDB (read directly, not through the app), sorted by id. */
export async function storedDatasets(page: Page): Promise<StoredMeta[]> {
  return page.evaluate(
    () =>
      new Promise<StoredMeta[]>((resolve, reject) => {
        const request = indexedDB.open('kz-migration-map');
        // Never create the database here: that would give the app a version-1 database without its stores.
        request.onupgradeneeded = () => request.transaction!.abort();
        request.onerror = () => reject(new Error(`indexedDB: ${String(request.error)}`));
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('datasets').objectStore('datasets').getAll();
          all.onerror = () => reject(new Error(String(all.error)));
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as StoredMeta[])
                .map((m) => ({ id: m.id, name: m.name, rowCount: m.rowCount, deletedAt: m.deletedAt }))
                .sort((a, b) => a.id.localeCompare(b.id)),
            );
          };
        };
      }),
  );
}

/** Waits until the app shows a dataset other than `previous` and returns its id. */
export async function nextDataset(page: Page, previous: string | null): Promise<string> {
  await page.waitForFunction(
    (prev) => {
      const s = window.__app?.state ?? null;
      return s !== null && s.dataset !== null && s.dataset !== prev;
    },
    previous,
    { timeout: 20_000, polling: 50 },
  );
  const id = (await appState(page)).dataset!;
  await settle(page, `app.state.dataset === '${id}'`);
  return id;
}

/** Sets the year (as the controls do) and waits for the frame. */
export async function showYear(page: Page, year: number): Promise<void> {
  await page.evaluate((y) => window.__app!.update({ year: y }), year);
  await settle(page, `app.state.year === ${year}`);
}

export const arcsShown = async (page: Page) => Number(await page.getByTestId('status').getAttribute('data-arcs'));

/** The model's flows (what the map draws) as "year origin→destination count source" lines, sorted. */
export async function modelFlows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .__app!.dataset.model.flows.map(
        (f) => `${f.year} ${f.origin_code}→${f.destination_code} ${f.migrants} ${f.source_id}`,
      )
      .sort(),
  );
}

/** The notice that names `text` (notices pile up; each test looks for its own). */
export const notice = (page: Page, text: string) => page.getByTestId('notice').filter({ hasText: text });

export const isHidden = (l: Locator) => l.evaluate((e) => (e as HTMLElement).hidden);

/**
 * The internal arcs as drawn: pixels of the arcs' orange→purple gradient that go away when every
 * arc is filtered out (the net measure's fills share those colours, so a colour count alone would
 * mix them in). External arcs are hidden while measuring; the view is restored after. Also returns
 * a point in the middle of an arc line (the arc pixel with the most arc around it), to hover.
 */
export async function internalArcPixels(
  page: Page,
  rect: Rect,
): Promise<{ count: number; point: [number, number] | null }> {
  const { minFlow, showExternal } = await appState(page);
  await pointerOffMap(page);
  await updateAndDraw(page, { showExternal: false });
  const shown = await readCanvas(page);
  await updateAndDraw(page, { minFlow: 10_000_000 });
  const hidden = await readCanvas(page);
  await updateAndDraw(page, { minFlow, showExternal });
  const isArc = (x: number, y: number) => {
    const c = pixelAt(shown, x, y);
    return colourDistance(c, pixelAt(hidden, x, y)) > 30 && distanceToGradient(c, ARC_ORIGIN, ARC_DESTINATION) < 28;
  };
  // The arc pixel with the widest all-arc square around it (radius 0 to 2).
  const solidRadius = (x: number, y: number) => {
    for (let r = 1; r <= 2; r++)
      for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (!isArc(x + dx, y + dy)) return r - 1;
    return 2;
  };
  let count = 0;
  let point: [number, number] | null = null;
  let best = -1;
  const x0 = Math.max(2, Math.floor(rect.x));
  const y0 = Math.max(2, Math.floor(rect.y));
  const x1 = Math.min(shown.width - 2, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(shown.height - 2, Math.ceil(rect.y + rect.height));
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (!isArc(x, y)) continue;
      count++;
      if (best === 2) continue;
      const r = solidRadius(x, y);
      if (r > best) {
        best = r;
        point = [x, y];
      }
    }
  return { count, point };
}

// ---------------------------------------------------------------------------------------------
// The good file: Russian headers in an unusual order; region names in English, Russian and
// Kazakh, with former names and abbreviations (src/import/region-matcher.ts says what maps where).
// ---------------------------------------------------------------------------------------------
export const GOOD_NAME = 'bns-flows-2021-2023.csv';
export const GOOD_ROWS: [number, string, string, number, string][] = [
  [2021, 'Nur-Sultan', 'Alma-Ata', 1200, ''],
  [2021, 'Kustanai', 'Карагандинская область', 300, 'Jan-Dec'],
  [2021, 'Шымкент қаласы', 'г. Алматы', 950, ''],
  [2021, 'Павлодар облысы', 'Astana', 410, 'январь-декабрь'],
  [2021, 'Almaty Region', 'Alma-Ata', 2200, ''],
  [2022, 'Astana', 'Almaty city', 1300, ''],
  [2022, 'ВКО', 'Astana', 640, ''],
  [2022, 'Актюбинская обл.', 'Атырау облысы', 120, ''],
  [2022, 'Mangystau', 'Shymkent', 90, ''],
  [2023, 'Astana', 'Almaty city', 1500, ''],
  [2023, 'Alma-Ata', 'Nur-Sultan', 1400, ''],
  [2023, 'Қарағанды', 'Astana', 800, ''],
  [2023, 'Kostanay Region', 'Павлодарская область', 260, ''],
  [2023, 'Turkestan', 'Shymkent', 3100, ''],
  [2023, 'North Kazakhstan', 'Астана қаласы', 520, ''],
  // Half a year: imported, but never mixed into the full-year arcs.
  [2023, 'Zhambyl', 'Almaty city', 1100, 'Jan-Jun'],
];
/** The same rows as unit codes, in file order (period: '' and "январь-декабрь" are the full year). */
export const GOOD_CODES: [number, string, string, number, string][] = [
  [2021, 'KZ-71', 'KZ-75', 1200, 'Jan-Dec'],
  [2021, 'KZ-39', 'KZ-35', 300, 'Jan-Dec'],
  [2021, 'KZ-79', 'KZ-75', 950, 'Jan-Dec'],
  [2021, 'KZ-55', 'KZ-71', 410, 'Jan-Dec'],
  [2021, 'KZ-19', 'KZ-75', 2200, 'Jan-Dec'],
  [2022, 'KZ-71', 'KZ-75', 1300, 'Jan-Dec'],
  [2022, 'KZ-63', 'KZ-71', 640, 'Jan-Dec'],
  [2022, 'KZ-15', 'KZ-23', 120, 'Jan-Dec'],
  [2022, 'KZ-47', 'KZ-79', 90, 'Jan-Dec'],
  [2023, 'KZ-71', 'KZ-75', 1500, 'Jan-Dec'],
  [2023, 'KZ-75', 'KZ-71', 1400, 'Jan-Dec'],
  [2023, 'KZ-35', 'KZ-71', 800, 'Jan-Dec'],
  [2023, 'KZ-39', 'KZ-55', 260, 'Jan-Dec'],
  [2023, 'KZ-61', 'KZ-79', 3100, 'Jan-Dec'],
  [2023, 'KZ-59', 'KZ-71', 520, 'Jan-Dec'],
  [2023, 'KZ-31', 'KZ-75', 1100, 'Jan-Jun'],
];
export const GOOD_CSV =
  'Год,Регион выбытия,Регион прибытия,Число мигрантов,Период\n' +
  GOOD_ROWS.map(([y, o, d, n, p]) => [y, o, d, n, p].join(',')).join('\n') +
  '\n';
/** The boundary version each year's rows get (2021: with Shymkent, before Abai/Jetisu/Ulytau). */
export const GEOGRAPHY: Record<number, string> = { 2021: 'G17_2017_2021', 2022: 'G20_2022plus', 2023: 'G20_2022plus' };
/** Full-year pairs per year: the arcs the map draws. */
export const pairsOf = (year: number) => GOOD_CODES.filter((r) => r[0] === year && r[4] === 'Jan-Dec').length;
