/**
 * Kazakh, Russian and English; every function by keyboard and screen reader:
 * axe-core finds no violations in the main view, the table view, the help and
 * each language; the timeline, the region search, the table, the help and the
 * language switch work with the keyboard alone; numbers follow the language.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { appState, settle, type AppState } from './driver';
import { openPage, waitForMap, type Watched } from './harness';
import { closeContexts, servedApp, sharedBrowser } from './shared';

const AXE = readFileSync(`${REPO_ROOT}/node_modules/axe-core/axe.min.js`, 'utf8');

let served: { url: string };
let browser: Browser;

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
});

async function open(query: string, opts: Parameters<typeof openPage>[2] = {}): Promise<Watched> {
  const w = await openPage(browser, served.url, opts);
  await w.page.goto(served.url + query);
  await waitForMap(w.page);
  return w;
}

/** Runs axe-core in the page (WCAG 2.1 A/AA rules) and returns the violations, readable. */
async function axe(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not as a page script.
  await page.evaluate(AXE);
  const script = `axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')))`;
  return (await page.evaluate(script)) as string[];
}

/** Presses Tab until the element with the test id has the focus (at most 80 times). */
async function tabTo(page: Page, testid: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testid)) return;
  }
  throw new Error(`Tab never reached ${testid}`);
}

/**
 * One page for every check (a page load costs about 11 s of CPU here): the
 * first visit, without a query, of a browser set to Kazakh, whose language as
 * the load left it is kept in `firstVisit`; the tests change the view through
 * the app.
 */
let shared: Watched | undefined;
let firstVisit: { lang: string; title: string | null; urlLang: string | null };

/** The shared page, put back to the default view in English with nothing open. */
async function sharedPage(patch: Partial<AppState> = {}): Promise<Page> {
  if (!shared) {
    shared = await open('', { locale: 'kk-KZ' });
    const { page } = shared;
    // The app writes the language into the URL a moment after the load.
    await page.waitForFunction(() => location.search.includes('lang='), null, { timeout: 5_000 });
    firstVisit = {
      lang: (await appState(page)).lang,
      title: await page.locator('h1').textContent(),
      urlLang: new URL(page.url()).searchParams.get('lang'),
    };
  }
  const { page } = shared;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(
    (p) => window.__app!.update({ year: 2024, selected: null, lang: 'en', highContrast: false, ...p }),
    patch,
  );
  await settle(page);
  return page;
}

describe('axe-core finds no violations', () => {
  for (const lang of ['en', 'ru', 'kk'] as const) {
    it(`in the main view, the table view and the help (${lang})`, async () => {
      const page = await sharedPage({ selected: 'KZ-63', lang });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('t');
      await page.getByTestId('table-regions').waitFor();
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('table-view').waitFor({ state: 'hidden' });
      await page.keyboard.press('?');
      await page.getByTestId('help').locator('table').waitFor();
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('help').waitFor({ state: 'hidden' });
      expect(shared!.consoleErrors).toEqual([]);
    });
  }

  it('(the check itself reports a planted violation)', async () => {
    const page = await sharedPage();
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'planted';
      document.querySelector('.settings')!.append(b); // a button without a name
    });
    expect((await axe(page)).join('\n')).toContain('button-name');
    await page.evaluate(() => document.getElementById('planted')!.remove());
  });

  it('in the dark theme and with high contrast', async () => {
    const page = await sharedPage({ year: 2023 });
    // The system switches to a dark theme: the map follows it.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => matchMedia('(prefers-color-scheme: dark)').matches);
    await settle(page);
    expect(await axe(page)).toEqual([]);
    await page.evaluate(() => window.__app!.update({ highContrast: true }));
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('the keyboard alone', () => {
  it('operates the timeline, chooses a region, opens the table and the help, switches language', async () => {
    const page = await sharedPage();

    // The year slider: Tab to it, then arrows and Home/End.
    await tabTo(page, 'year-slider');
    await page.keyboard.press('ArrowLeft');
    await settle(page, 'app.state.year === 2023');
    await page.keyboard.press('End');
    await settle(page, 'app.state.year === 2026');
    await page.keyboard.press('ArrowLeft');
    await settle(page, 'app.state.year === 2025');
    // The change is announced to screen readers (politely, once the keys stop).
    await page.waitForFunction(
      () => document.querySelector('[data-testid="announcer"]')?.textContent?.startsWith('2025'),
      null,
      { timeout: 5_000 },
    );
    await page.keyboard.press('ArrowLeft');
    await settle(page, 'app.state.year === 2024');

    // The region search: type, move, choose; it does what a click does.
    await tabTo(page, 'region-search');
    await page.keyboard.type('Abai');
    const listed = await page.locator('#region-options [role="option"]').allTextContents();
    expect(listed.some((o) => o.includes('Abai'))).toBe(true);
    await page.keyboard.press('Enter');
    await settle(page, "app.state.selected === 'KZ-10'");
    expect(await page.getByTestId('region-panel').isVisible()).toBe(true);
    expect(await page.locator('#map-description').textContent()).toContain('Abai');
    // Escape first empties the box, then clears the selection.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('region-search').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await settle(page, 'app.state.selected === null');

    // The table view: flows with origin, destination and count, sortable by keyboard.
    await tabTo(page, 'open-table');
    await page.keyboard.press('Enter');
    const table = page.getByTestId('table-flows');
    await table.waitFor();
    const first = async () => (await table.locator('tbody tr').first().locator('td').nth(2).textContent()) ?? '';
    const largest = Number((await first()).replace(/\D/g, ''));
    await page.keyboard.press('Tab'); // to the dialog's first sort button
    const migrantsSort = page.getByRole('button', { name: 'Sort by Migrants' });
    await migrantsSort.focus();
    await page.keyboard.press('Enter');
    const smallest = Number((await first()).replace(/\D/g, ''));
    expect(smallest).toBeLessThan(largest);
    expect(await table.locator('th[aria-sort="ascending"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('table-view').isHidden()).toBe(true);
    // Focus went back to the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-table');

    // The help overlay lists the keys.
    await page.keyboard.press('Escape');
    await page.locator('body').press('?');
    await page.getByTestId('help').locator('kbd').first().waitFor();
    expect(await page.getByTestId('help').textContent()).toContain('Page Down');
    await page.keyboard.press('Escape');

    // The language switch: texts change, numbers follow the language.
    await tabTo(page, 'lang-ru');
    await page.keyboard.press('Enter');
    await settle(page, "app.state.lang === 'ru'");
    expect(await page.locator('h1').textContent()).toBe('Карта миграции Казахстана');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(shared!.consoleErrors).toEqual([]);
  });
});

describe('languages', () => {
  const astana2024 = async (page: Page) => {
    await page.evaluate(() => window.__app!.update({ selected: 'KZ-AST', year: 2024, measure: 'net' }));
    await settle(page, "app.state.selected === 'KZ-AST'");
    const row = page.getByTestId('region-panel').locator('table.figures tr').last();
    return ((await row.locator('td').textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
  };

  it('numbers are formatted by locale: 73,238 in English, 73 238 in Russian and Kazakh', async () => {
    const page = await sharedPage();
    expect(await astana2024(page)).toBe('+73,238');
    await page.evaluate(() => window.__app!.update({ lang: 'ru' }));
    expect(await astana2024(page)).toBe('+73 238');
    await page.evaluate(() => window.__app!.update({ lang: 'kk' }));
    expect(await astana2024(page)).toBe('+73 238');
  });

  it('follow the browser at the first visit, are remembered, and are part of the URL', async () => {
    const page = await sharedPage();
    expect(firstVisit).toEqual({ lang: 'kk', title: 'Қазақстанның көші-қон картасы', urlLang: 'kk' });
    await page.getByTestId('lang-ru').click();
    await settle(page, "app.state.lang === 'ru'");
    await page.goto(served.url);
    await waitForMap(page);
    expect((await appState(page)).lang).toBe('ru');
    await page.goto(`${served.url}?v=1&lang=en`);
    await waitForMap(page);
    expect((await appState(page)).lang).toBe('en');
  });

  it('map labels switch language and render the Kazakh letters', async () => {
    const page = await sharedPage({ lang: 'kk', year: 2023 });
    const labels = await page.evaluate(() => window.__app!.labelTexts());
    expect(labels).toContain('Абай');
    expect(labels).toContain('Ұлытау');
    expect(labels.join(' ')).toMatch(/[әғқңөұүһі]/);
    // The national node is named apart from the regions: the country as a whole.
    expect(labels).toContain('Қазақстан\n(тұтас ел)');
    // Periods and source names in Kazakh, never the English of the data files.
    await page.evaluate(() => window.__app!.update({ selected: 'KZ-SEV', year: 2020 }));
    await settle(page, "app.state.selected === 'KZ-SEV' && app.state.year === 2020");
    const panel = (await page.getByTestId('region-panel').textContent()) ?? '';
    expect(panel).toContain('қаңтар–маусым 2020');
    expect(panel).toContain('деректері бойынша');
    expect(panel).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|citing|Bureau| via /);
    expect(shared!.consoleErrors).toEqual([]);
  });
});
