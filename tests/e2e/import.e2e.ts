/**
 * Bring your own data, end to end, in one browser profile shared by the tests
 * in file order, as a user's browser would be (each test notes what is stored
 * before it acts and checks what changed): a good flows file (column guesses,
 * arcs, sums), a file with errors (file, line and reason; import only the
 * valid rows; cancelling changes nothing), a name mapped by hand, reload and
 * a link to a missing dataset, rename / delete with undo / export, a hostile
 * name shown as text, the Content-Security-Policy, and storage the browser
 * refuses (a profile of its own). Real files (workbooks, wide tables, refused
 * files), large files, figures and boundaries: import-files.e2e.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appState, kazakhstanRect, pointerOffMap, settle, waitForUrlParam, urlWritten } from './driver';
import { waitForMap, type Watched } from './harness';
import {
  arcsShown,
  chooseFile,
  csv,
  GEOGRAPHY,
  GOOD_CODES,
  GOOD_CSV,
  GOOD_NAME,
  GOOD_ROWS,
  internalArcPixels,
  isHidden,
  issueLines,
  listedIds,
  modelFlows,
  nextDataset,
  notice,
  openDataPanel,
  pairsOf,
  readToSummary,
  showYear,
  storedDatasets,
  watchedProfile,
} from './import-support';
import { countNonBasemap, readCanvas } from './pixels';
import { closeContexts, servedApp, sharedBrowser } from './shared';
import { REPO_ROOT } from '../../data/read-tables';

let served: { url: string };
let browser: Browser;
/** The shared profile (reduced motion). */
let main: Watched;
const dialogs: string[] = [];

/** Column order of data/flows.csv: an exported flows dataset has exactly these. */
const FLOWS_HEADER = 'year,origin_code,destination_code,migrants,period,geography,source_id,quality_flag';

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
  main = await watched();
  await main.page.goto(served.url);
  await waitForMap(main.page);
});

afterAll(async () => {
  await closeContexts();
});
/** A fresh profile whose dialogs (alert, confirm) are recorded and dismissed. */
const watched = (initScript?: string) => watchedProfile(browser, served.url, dialogs, initScript);

/** The good dataset's id once test 1 has imported it. */
let goodId = '';

describe('a good flows file', () => {
  it('guesses the columns, reads every row as valid, and shows the file’s arcs and sums', async () => {
    const page = main.page;
    expect((await appState(page)).dataset).toBeNull();
    const storedBefore = await storedDatasets(page);
    await chooseFile(page, csv(GOOD_NAME, GOOD_CSV));

    // The mapping step: the kind and every column guessed from the Russian header.
    expect(await page.getByTestId('import-kind').inputValue()).toBe('flows');
    const guessed = Object.fromEntries(
      await Promise.all(
        ['origin', 'destination', 'year', 'count', 'period', 'source', 'note'].map(
          async (f) => [f, await page.getByTestId(`map-${f}`).inputValue()] as const,
        ),
      ),
    );
    expect(guessed).toEqual({
      origin: '1',
      destination: '2',
      year: '0',
      count: '3',
      period: '4',
      source: '',
      note: '',
    });

    const summary = await readToSummary(page);
    const n = GOOD_ROWS.length;
    expect(summary).toBe(`${n} rows read: ${n} valid, 0 with problems (0 problems).`);
    expect(await issueLines(page)).toEqual([]);
    expect(await page.getByTestId('unmatched-name').count()).toBe(0);
    const importValid = page.getByTestId('import-valid');
    expect(await importValid.textContent()).toBe(`Import only the ${n} valid rows`);
    await importValid.click();

    goodId = await nextDataset(page, null);
    expect(goodId).toMatch(/^user-[a-z0-9-]+$/);
    expect(await isHidden(page.getByTestId('import-dialog'))).toBe(true);
    await waitForUrlParam(page, 'ds', goodId);
    await notice(page, `Imported "${GOOD_NAME}": ${n} rows.`).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId(`dataset-${goodId}`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('dataset-builtin').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId(`dataset-${goodId}`).textContent()).toBe(GOOD_NAME);
    // Stored: one more record, with every row.
    const storedAfter = await storedDatasets(page);
    expect(storedAfter.map((d) => d.id).sort()).toEqual([...storedBefore.map((d) => d.id), goodId].sort());
    expect(storedAfter.find((d) => d.id === goodId)).toMatchObject({ name: GOOD_NAME, rowCount: n, deletedAt: null });

    // The model holds the file's full-year rows (summed per year and pair), nothing of the built-in flows.
    expect(await modelFlows(page)).toEqual(
      GOOD_CODES.filter((r) => r[4] === 'Jan-Dec')
        .map(([y, o, d, c]) => `${y} ${o}→${d} ${c} ${goodId}`)
        .sort(),
    );

    // Each year of the file draws its full-year pairs; a year without rows draws none.
    await pointerOffMap(page);
    for (const year of [2021, 2022, 2023]) {
      await showYear(page, year);
      expect(await arcsShown(page), `arcs of ${year}`).toBe(pairsOf(year));
    }
    const kz = await kazakhstanRect(page);
    const arcs2023 = await internalArcPixels(page, kz);
    expect(arcs2023.count, 'arc pixels of the six 2023 flows').toBeGreaterThan(300);
    expect(countNonBasemap(await readCanvas(page), kz) / (kz.width * kz.height)).toBeGreaterThan(0.4);
    await showYear(page, 2024);
    expect(await arcsShown(page)).toBe(0);
    expect((await internalArcPixels(page, kz)).count, 'arc pixels of 2024 (no rows)').toBeLessThan(30);
    await showYear(page, 2023);
    expect(main.consoleErrors).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// A file with errors, one per line (line 1 is the header).
// ---------------------------------------------------------------------------------------------
const ERRORS_NAME = 'flows-with-errors.csv';
const ERRORS_CSV = [
  'from,to,year,count', //                          1
  'Astana,Almaty city,2022,500', //                 2 valid
  'Astana,Karaganda,2022,-5', //                    3 negative
  'Almaty city,Astana,2022,many', //                4 not a number
  'Petropavlovsk,Astana,2022,100', //               5 a city that is not a unit
  'Almaty city,Karaganda,2022,70', //               6 valid
  'Nur-Sultan,Alma-Ata,2022,510', //                7 duplicates line 2
  'Astana,Pavlodar,1985,40', //                     8 year out of range
  'Astana,Nur-Sultan,2022,10', //                   9 origin = destination
  'Kostanay,Pavlodar,2022,33', //                   10 valid
  'Atlantis,Astana,2022,-3', //                     11 two problems
].join('\n');
const ERRORS_ISSUES = [
  `${ERRORS_NAME}, line 3: count “-5” is negative`,
  `${ERRORS_NAME}, line 4: count “many” is not a number`,
  `${ERRORS_NAME}, line 5: “Petropavlovsk” (origin) matches no region`,
  `${ERRORS_NAME}, line 7: repeats line 2 (2022, Astana (city) → Almaty (city))`,
  `${ERRORS_NAME}, line 8: year 1985 is outside 1990–2100`,
  `${ERRORS_NAME}, line 9: origin and destination are the same region (Astana (city))`,
  `${ERRORS_NAME}, line 11: “Atlantis” (origin) matches no region`,
  `${ERRORS_NAME}, line 11: count “-3” is negative`,
];

describe('a file with errors', () => {
  it('names file, line and reason of each problem; cancelling changes nothing; only the valid rows are imported', async () => {
    const page = main.page;
    const before = await appState(page);
    const listBefore = await listedIds(page);
    const storedBefore = await storedDatasets(page);

    // Read, then cancel at the summary.
    await chooseFile(page, csv(ERRORS_NAME, ERRORS_CSV));
    expect(await page.getByTestId('map-origin').inputValue()).toBe('0');
    expect(await page.getByTestId('map-destination').inputValue()).toBe('1');
    expect(await page.getByTestId('map-year').inputValue()).toBe('2');
    expect(await page.getByTestId('map-count').inputValue()).toBe('3');
    expect(await readToSummary(page)).toBe('10 rows read: 3 valid, 7 with problems (8 problems).');
    expect(await issueLines(page)).toEqual(ERRORS_ISSUES);
    expect(await page.getByTestId('unmatched-name').allTextContents()).toEqual(['Petropavlovsk (1)', 'Atlantis (1)']);
    expect(await page.getByTestId('import-valid').textContent()).toBe('Import only the 3 valid rows');
    await page.getByTestId('import-discard').click();
    expect(await isHidden(page.getByTestId('import-dialog'))).toBe(true);
    await urlWritten(page);
    expect(await appState(page)).toEqual(before);
    expect(await listedIds(page)).toEqual(listBefore);
    expect(await storedDatasets(page)).toEqual(storedBefore);
    expect(new URL(page.url()).searchParams.get('ds')).toBe(before.dataset);

    // Read again and import the valid rows, knowingly.
    await chooseFile(page, csv(ERRORS_NAME, ERRORS_CSV));
    expect(await readToSummary(page)).toBe('10 rows read: 3 valid, 7 with problems (8 problems).');
    await page.getByTestId('import-valid').click();
    const id = await nextDataset(page, before.dataset);
    await waitForUrlParam(page, 'ds', id);
    expect(await listedIds(page)).toEqual(['builtin', id, ...listBefore.slice(1)]);
    const stored = await storedDatasets(page);
    expect(stored.find((d) => d.id === id)).toMatchObject({ name: ERRORS_NAME, rowCount: 3, deletedAt: null });
    expect(await modelFlows(page)).toEqual(
      [`2022 KZ-71→KZ-75 500 ${id}`, `2022 KZ-75→KZ-35 70 ${id}`, `2022 KZ-39→KZ-55 33 ${id}`].sort(),
    );
    await showYear(page, 2022);
    expect(await arcsShown(page)).toBe(3);
    expect(main.consoleErrors).toEqual([]);
  });
});

describe('a name mapped by hand', () => {
  it('an old oblast name is listed as unmatched; mapped to a unit, the row is read as valid', async () => {
    const page = main.page;
    const name = 'semipalatinsk.csv';
    // "Semipalatinsk region" (abolished 1997) lies in today's Abai and East Kazakhstan: the user picks.
    const text = 'origin,destination,year,migrants\nSemipalatinsk region,Astana,2021,75\nPavlodar,Astana,2021,60\n';
    const datasetBefore = (await appState(page)).dataset;
    await chooseFile(page, csv(name, text));
    expect(await readToSummary(page)).toBe('2 rows read: 1 valid, 1 with problems (1 problems).');
    expect(await issueLines(page)).toEqual([
      `${name}, line 2: “Semipalatinsk region” (origin) could be Abai Region or East Kazakhstan Region: say which`,
    ]);
    expect(await page.getByTestId('unmatched-name').allTextContents()).toEqual(['Semipalatinsk region (1)']);
    const select = page.getByTestId('unmatched-select');
    expect(await select.inputValue()).toBe(''); // two candidates: no guess
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain('KZ-63');
    await select.selectOption('KZ-63');
    await page.getByTestId('import-remap').click();
    await page.getByTestId('import-summary').filter({ hasText: '2 rows read: 2 valid' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-summary').textContent()).toBe(
      '2 rows read: 2 valid, 0 with problems (0 problems).',
    );
    expect(await issueLines(page)).toEqual([]);
    expect(await page.getByTestId('unmatched-name').count()).toBe(0);
    await page.getByTestId('import-valid').click();
    const id = await nextDataset(page, datasetBefore);
    expect(await modelFlows(page)).toEqual([`2021 KZ-55→KZ-71 60 ${id}`, `2021 KZ-63→KZ-71 75 ${id}`]);
  });
});

describe('kept in the browser', () => {
  it('a reload keeps the datasets and shows the one the URL names; a link to a missing dataset says so', async () => {
    expect(goodId, 'the good file was imported (first test)').not.toBe('');
    const page = main.page;
    const listBefore = await listedIds(page);
    await page.goto(`${served.url}?v=1&ds=${goodId}&year=2023`);
    await waitForMap(page);
    await settle(page, `app.state.dataset === '${goodId}' && app.state.year === 2023`);
    await openDataPanel(page);
    expect(await listedIds(page)).toEqual(listBefore);
    expect(await page.getByTestId(`dataset-${goodId}`).getAttribute('aria-pressed')).toBe('true');
    expect(await arcsShown(page)).toBe(pairsOf(2023));
    expect((await modelFlows(page)).every((l) => l.endsWith(goodId))).toBe(true);

    // A link to a dataset this browser does not have.
    await page.goto(`${served.url}?v=1&ds=user-doesnotexist-0000&year=2023`);
    await waitForMap(page);
    await settle(page, 'app.state.dataset === null && app.state.year === 2023');
    const missing = notice(page, 'user-doesnotexist-0000');
    await missing.waitFor({ timeout: 5_000 });
    expect(await missing.textContent()).toContain(
      'The link shows the dataset "user-doesnotexist-0000", which is not stored in this browser. Showing the built-in data.',
    );
    // The built-in data, drawn: its 2023 arcs (the top 50), a filled map.
    await pointerOffMap(page);
    await settle(page);
    expect(await arcsShown(page)).toBe(50);
    const kz = await kazakhstanRect(page);
    const frame = await readCanvas(page);
    expect(countNonBasemap(frame, kz) / (kz.width * kz.height)).toBeGreaterThan(0.4);
    expect((await internalArcPixels(page, kz)).count).toBeGreaterThan(1000);
    expect(await page.locator('#fatal').isHidden()).toBe(true);
    await openDataPanel(page);
    expect(await page.getByTestId(`dataset-${goodId}`).getAttribute('aria-pressed')).toBe('false');
    // The list marks the built-in data as shown after a missing-dataset link.
    expect(await page.getByTestId('dataset-builtin').getAttribute('aria-pressed')).toBe('true');
    expect(await listedIds(page)).toEqual(listBefore);
    await waitForUrlParam(page, 'ds', null);
    expect(main.consoleErrors).toEqual([]);
  });
});

describe('the dataset list', () => {
  it('the list marks the built-in data as shown after choosing it (and after a missing-dataset link, above)', async () => {
    const page = main.page;
    await openDataPanel(page);
    const [first] = (await listedIds(page)).filter((id) => id !== 'builtin');
    await page.getByTestId(`dataset-${first}`).click();
    await settle(page, `app.state.dataset === '${first}'`);
    await page.getByTestId('dataset-builtin').click();
    await settle(page, 'app.state.dataset === null');
    expect(await page.getByTestId('dataset-builtin').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId(`dataset-${first}`).getAttribute('aria-pressed')).toBe('false');
  });

  it('rename (kept over a reload), delete and undo, export as CSV', async () => {
    expect(goodId, 'the good file was imported (first test)').not.toBe('');
    const page = main.page;
    await openDataPanel(page);
    await page.getByTestId(`dataset-${goodId}`).click();
    await settle(page, `app.state.dataset === '${goodId}'`);

    // Rename.
    const newName = 'Internal migration 2021–2023 (BNS)';
    await page.getByTestId(`rename-${goodId}`).click();
    const input = page.getByTestId(`rename-input-${goodId}`);
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill(newName);
    await input.press('Enter');
    await page.getByTestId(`dataset-${goodId}`).filter({ hasText: newName }).waitFor({ timeout: 5_000 });
    expect((await storedDatasets(page)).find((d) => d.id === goodId)?.name).toBe(newName);
    await page.reload();
    await waitForMap(page);
    await settle(page, `app.state.dataset === '${goodId}'`);
    await openDataPanel(page);
    expect(await page.getByTestId(`dataset-${goodId}`).textContent()).toBe(newName);

    // Delete, then undo.
    const listBefore = await listedIds(page);
    await page.getByTestId(`delete-${goodId}`).click();
    await page.getByTestId(`dataset-${goodId}`).waitFor({ state: 'detached', timeout: 5_000 });
    await settle(page, 'app.state.dataset === null');
    expect(await listedIds(page)).toEqual(listBefore.filter((id) => id !== goodId));
    const deleted = notice(page, `Deleted "${newName}".`);
    await deleted.waitFor({ timeout: 5_000 });
    expect((await storedDatasets(page)).find((d) => d.id === goodId)?.deletedAt).not.toBeNull();
    await deleted.getByTestId('notice-action').click();
    await page.getByTestId(`dataset-${goodId}`).waitFor({ timeout: 5_000 });
    expect(await listedIds(page)).toEqual(listBefore);
    expect((await storedDatasets(page)).find((d) => d.id === goodId)?.deletedAt).toBeNull();
    // It can be shown again.
    await page.getByTestId(`dataset-${goodId}`).click();
    await settle(page, `app.state.dataset === '${goodId}'`);

    // Export: the columns of data/flows.csv, one line per imported row, in file order.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByTestId(`export-${goodId}`).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const flowsHeader = readFileSync(`${REPO_ROOT}/data/flows.csv`, 'utf8').split('\n')[0]!.trim();
    expect(flowsHeader).toBe(FLOWS_HEADER);
    const lines = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(flowsHeader);
    expect(lines.slice(1)).toEqual(
      GOOD_CODES.map(([y, o, d, n, p]) => [y, o, d, n, p, GEOGRAPHY[y], goodId, 'user_import'].join(',')),
    );
    expect(main.consoleErrors).toEqual([]);
  });
});

describe('hostile text', () => {
  it('a region named like markup and a file named like markup are shown as text', async () => {
    const page = main.page;
    const fileName = '<b>x</b>.csv';
    const hostile = '<img src=x onerror=alert(1)>';
    const text = `origin,destination,year,migrants\n${hostile},Astana,2023,100\nAlmaty city,Astana,2023,2500\nAstana,Karaganda,2023,700\n`;
    const datasetBefore = (await appState(page)).dataset;
    const markup = () =>
      page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        b: document.querySelectorAll('b').length,
        onerror: document.querySelectorAll('[onerror]').length,
      }));
    expect(await markup()).toEqual({ img: 0, b: 0, onerror: 0 });

    await chooseFile(page, csv(fileName, text));
    // The sample table of the mapping step shows the cell as text.
    expect(await page.getByTestId('import-dialog').locator('table').textContent()).toContain(hostile);
    expect(await page.getByTestId('import-dialog').locator('h2').textContent()).toContain(fileName);
    expect(await readToSummary(page)).toBe('3 rows read: 2 valid, 1 with problems (1 problems).');
    expect(await issueLines(page)).toEqual([`${fileName}, line 2: “${hostile}” (origin) matches no region`]);
    expect(await page.getByTestId('unmatched-name').allTextContents()).toEqual([`${hostile} (1)`]);
    expect(await markup()).toEqual({ img: 0, b: 0, onerror: 0 });
    await page.getByTestId('import-valid').click();
    const id = await nextDataset(page, datasetBefore);

    // The list, the notices, the region panel and an arc's tooltip name the file as text.
    expect(await page.getByTestId(`dataset-${id}`).textContent()).toBe(fileName);
    expect(await page.getByTestId(`dataset-${id}`).innerHTML()).toBe('&lt;b&gt;x&lt;/b&gt;.csv');
    await notice(page, `Imported "${fileName}": 2 rows.`).waitFor({ timeout: 5_000 });
    await showYear(page, 2023);
    expect(await arcsShown(page)).toBe(2);
    await page.evaluate(() => window.__app!.update({ selected: 'KZ-AST' }));
    await settle(page, "app.state.selected === 'KZ-AST'");
    const sources = page.getByTestId('region-panel').locator('.panel-sources');
    await sources.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await sources.textContent()).toContain(`${id} ${fileName}`);
    await page.evaluate(() => window.__app!.update({ selected: null }));
    await settle(page, 'app.state.selected === null');

    // Hover one of the two arcs.
    const at = (await internalArcPixels(page, await kazakhstanRect(page))).point;
    expect(at, 'a pixel in the middle of an arc').not.toBeNull();
    await page.mouse.move(at![0], at![1]);
    const tooltip = page.getByTestId('tooltip');
    await page.waitForFunction(
      () => {
        const t = document.querySelector<HTMLElement>('[data-testid="tooltip"]');
        return !!t && !t.hidden && t.textContent!.includes('→');
      },
      null,
      { timeout: 10_000, polling: 50 },
    );
    // An imported file is cited by its name (its id is made at import: nobody could look it up).
    expect(await tooltip.textContent()).toContain(`Source: ${fileName}`);
    expect(await tooltip.textContent()).not.toContain(id);
    await pointerOffMap(page);
    expect(await markup()).toEqual({ img: 0, b: 0, onerror: 0 });
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(main.consoleErrors).toEqual([]);
  });
});

describe('the Content-Security-Policy', () => {
  it('allows scripts and connections only from the page itself; a fetch off the origin is blocked before the network', async () => {
    const html = await (await fetch(served.url)).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta, 'the CSP meta element').not.toBeNull();
    const directives = new Map(
      meta![1]!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values] as const),
    );
    // The page's files, and its inline start-up script by its hash (build/plugins.ts): never 'unsafe-inline'.
    const [self, ...hashes] = directives.get('script-src')!;
    expect(self).toBe("'self'");
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
    );
    expect(hashes).toEqual(inline);
    const connect = directives.get('connect-src') ?? directives.get('default-src')!;
    expect(connect).toContain("'self'");
    expect(connect.filter((s) => /^https?:|^\*|^wss?:/.test(s))).toEqual([]);
    expect(directives.get('default-src')).toEqual(["'self'"]);

    const page = main.page;
    const offBefore = [...main.offOrigin];
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      const listener = (e: SecurityPolicyViolationEvent) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
      document.addEventListener('securitypolicyviolation', listener);
      let outcome: string;
      try {
        await fetch('http://example.com/');
        outcome = 'fetched';
      } catch (e) {
        outcome = `rejected: ${String(e)}`;
      }
      // The violation event is queued as a task.
      await new Promise((r) => setTimeout(r, 100));
      document.removeEventListener('securitypolicyviolation', listener);
      let evalOutcome: string;
      try {
        evalOutcome = String((0, eval)('1 + 1'));
      } catch (e) {
        evalOutcome = `blocked: ${(e as Error).name}`;
      }
      return { outcome, violations, evalOutcome };
    });
    expect(result.outcome).toMatch(/^rejected: TypeError/);
    expect(result.violations).toEqual(['connect-src http://example.com/']);
    expect(result.evalOutcome).toBe('blocked: EvalError');
    // The CSP stopped it in the page: no request reached the network (the harness records any).
    expect(main.offOrigin).toEqual(offBefore);
    expect(main.offOrigin).toEqual([]);
    const errors = main.consoleErrors.filter((e) => !/Content Security Policy|example\.com|unsafe-eval/.test(e));
    expect(errors).toEqual([]);
  });
});

describe('storage the browser refuses', () => {
  it('says so, imports for the session, and the page works', async () => {
    // IndexedDB fails as in some private modes: open() throws.
    const w = await watched(
      `IDBFactory.prototype.open = function () { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };`,
    );
    try {
      const page = w.page;
      await page.goto(served.url);
      await waitForMap(page);
      await openDataPanel(page);
      const off = page.getByTestId('storage-off');
      await off.waitFor({ state: 'visible', timeout: 10_000 });
      expect((await off.textContent())!.length).toBeGreaterThan(10);
      await chooseFile(page, csv(GOOD_NAME, GOOD_CSV));
      expect(await readToSummary(page)).toBe(
        `${GOOD_ROWS.length} rows read: ${GOOD_ROWS.length} valid, 0 with problems (0 problems).`,
      );
      await page.getByTestId('import-valid').click();
      const id = await nextDataset(page, null);
      expect(await page.getByTestId(`dataset-${id}`).getAttribute('aria-pressed')).toBe('true');
      await showYear(page, 2023);
      expect(await arcsShown(page)).toBe(pairsOf(2023));
      expect((await internalArcPixels(page, await kazakhstanRect(page))).count).toBeGreaterThan(300);
      expect(await page.getByTestId('storage-off').isVisible()).toBe(true);
      expect(await page.locator('#fatal').isHidden()).toBe(true);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
