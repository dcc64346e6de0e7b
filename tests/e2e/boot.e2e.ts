/**
 * Start-up, and a page that cannot start saying so in the visitor's
 * language with what to do instead: the normal build opened from a folder
 * (file://, where browsers refuse its module scripts), the app's code not
 * arriving, the app failing to start, a browser whose map gets no WebGL 2,
 * and storage the browser refuses. On a slow link the loading screen shows
 * Kazakhstan's outline and the stage of loading before the code arrives.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { BOOT_MESSAGES, SINGLE_FILE_NAME } from '../../src/boot/messages';
import { ru } from '../../src/i18n/ru';
import { launchBrowser, openPage, serveDist, type Served, type Watched } from './harness';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await serveDist();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** The problem card, once it shows `problem`. */
async function problemCard(page: Page, problem: string): Promise<{ title: string; text: string; action: string }> {
  const card = page.locator(`#boot-problem[data-problem="${problem}"]`);
  await card.waitFor({ state: 'visible', timeout: 30_000 });
  const part = async (name: string) => {
    const node = card.locator(`[data-part="${name}"]`);
    return (await node.isVisible()) ? ((await node.textContent()) ?? '') : '';
  };
  return { title: await part('title'), text: await part('text'), action: await part('action') };
}

/** A fresh profile in a browser language; its own routes are asked before the harness's. */
async function visitor(locale: string, initScript?: string): Promise<Watched> {
  const w = await openPage(browser, served.url, { locale });
  if (initScript) await w.context.addInitScript({ content: initScript });
  return w;
}

const MAIN_SCRIPT = /\/assets\/index-[^/]*\.js$/;

describe('the normal build opened from a folder', () => {
  for (const [locale, lang] of [
    ['kk-KZ', 'kk'],
    ['ru-RU', 'ru'],
    ['en-GB', 'en'],
  ] as const)
    it(`says so in the visitor's language (${lang}) and names the single file`, async () => {
      const context = await browser.newContext({ locale });
      try {
        const page = await context.newPage();
        await page.goto(pathToFileURL(join(REPO_ROOT, 'dist/index.html')).href);
        const card = await problemCard(page, 'file');
        expect(card).toEqual({
          title: BOOT_MESSAGES[lang].fileTitle,
          text: BOOT_MESSAGES[lang].fileBody,
          action: '',
        });
        expect(card.text).toContain(SINGLE_FILE_NAME);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        // Not a blank page, and no loading screen promising a map that cannot come.
        expect(await page.locator('.boot-card').isVisible()).toBe(false);
      } finally {
        await context.close();
      }
    });
});

describe('served', () => {
  it('shows the outline and the stage before the code arrives, then the app; refused storage said in Russian', async () => {
    // IndexedDB refused, as in some private modes.
    const w = await visitor(
      'ru-RU',
      `IDBFactory.prototype.open = function () { throw new DOMException('denied', 'SecurityError'); };`,
    );
    const { page } = w;
    try {
      // The app's code is held back, as on a slow link.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await w.context.route(MAIN_SCRIPT, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(served.url, { waitUntil: 'commit' });
      await page.locator('#boot svg.boot-outline path').waitFor({ state: 'visible', timeout: 10_000 });
      const box = (await page.locator('#boot svg.boot-outline path').boundingBox())!;
      // Kazakhstan drawn large, in the part of the screen the map's home view gives it.
      expect(box.width).toBeGreaterThan(500);
      expect(box.x).toBeGreaterThan(200);
      expect(await page.locator('#boot [data-text="title"]').textContent()).toBe(BOOT_MESSAGES.ru.title);
      expect(await page.locator('#boot [data-text="stage"]').textContent()).toBe(BOOT_MESSAGES.ru.loading);
      expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('./manifest.ru.webmanifest');
      // Still waiting: the screen explains that a first visit on a slow link takes a while.
      await page.locator('#boot [data-text="slow"]').waitFor({ state: 'visible', timeout: 15_000 });
      expect(await page.locator('#boot [data-text="slow"]').textContent()).toBe(BOOT_MESSAGES.ru.slow);

      release();
      // The app has started (the map need not have drawn its labels for what follows).
      await page.waitForFunction(() => document.documentElement.dataset.boot === 'done', null, { timeout: 60_000 });
      expect(await page.locator('#boot').count()).toBe(0);
      expect(await page.locator('#boot-problem').isVisible()).toBe(false);

      const panel = page.getByTestId('data-panel');
      if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
      const off = page.getByTestId('storage-off');
      await off.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await off.textContent()).toBe(ru['data.notSaved']);
      expect(w.consoleErrors).toEqual([]);
      expect(w.offOrigin).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('says so when the code does not arrive (Kazakh), with a reload button', async () => {
    const w = await visitor('kk-KZ');
    try {
      await w.context.route(MAIN_SCRIPT, (route) => route.abort());
      await w.page.goto(served.url);
      expect(await problemCard(w.page, 'loadFailed')).toEqual({
        title: BOOT_MESSAGES.kk.title,
        text: BOOT_MESSAGES.kk.loadFailed,
        action: BOOT_MESSAGES.kk.reload,
      });
    } finally {
      await w.context.close();
    }
  });

  it('says so when the app cannot start (Russian), with the reason as text', async () => {
    const w = await visitor('ru-RU');
    try {
      // The boundaries do not arrive: the app cannot be built.
      await w.context.route(/\/assets\/regions-[^/]*\.topojson$/, (route) => route.abort());
      await w.page.goto(served.url);
      const card = await problemCard(w.page, 'startFailed');
      expect(card.title).toBe(BOOT_MESSAGES.ru.title);
      const [before, after] = BOOT_MESSAGES.ru.startFailed.split('{reason}') as [string, string];
      expect(card.text.startsWith(before) && card.text.endsWith(after)).toBe(true);
      expect(card.text.length).toBeGreaterThan(before.length + after.length);
      expect(card.action).toBe(BOOT_MESSAGES.ru.reload);
    } finally {
      await w.context.close();
    }
  });

  it('says what to do when the map gets no WebGL 2 (Kazakh); the panels still work', async () => {
    // As a browser without WebGL 2, or with it switched off: no context of that type.
    const w = await visitor(
      'kk-KZ',
      `const getContext = HTMLCanvasElement.prototype.getContext;
       HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
         return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
       };`,
    );
    try {
      await w.page.goto(served.url);
      expect(await problemCard(w.page, 'noWebgl')).toEqual({
        title: BOOT_MESSAGES.kk.title,
        text: BOOT_MESSAGES.kk.noWebgl,
        action: BOOT_MESSAGES.kk.close,
      });
      expect(await w.page.locator('#boot').count()).toBe(0);
      // The app runs without the map: its panels answer.
      await w.page.getByTestId('lang-en').click();
      await w.page.waitForFunction(() => document.documentElement.lang === 'en');
      await w.page.locator('#boot-problem [data-part="action"]').click();
      expect(await w.page.locator('#boot-problem').isVisible()).toBe(false);
    } finally {
      await w.context.close();
    }
  });
});
