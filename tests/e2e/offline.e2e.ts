/**
 * Installed by one visit, then offline: the service worker (Workbox,
 * vite-plugin-pwa) keeps everything the app needs, so that with the network
 * off the page starts in Kazakh with the story, switches to Russian and
 * English, imports a file (the import worker comes from the cache too), and
 * no request fails. Then a new deployment (the build with one asset
 * changed, and its new revision in the service worker) is served at the
 * same address: the page offers it in the visitor's language, does not
 * reload by itself, and reloads into the new version only when asked.
 *
 * One browser profile is shared in file order, as a classroom's browser
 * would be: the first test's visit installs what the others use.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { OFFLINE_MESSAGES } from '../../src/offline/messages';
import { appState, kazakhstanRect, settle } from './driver';
import { launchBrowser, openPage, waitForMap, type Watched } from './harness';
import { countNonBasemap, readCanvas } from './pixels';
import { serveFolder, type StaticServer } from './static-server';

interface Story {
  title: Record<'en' | 'ru' | 'kk', string>;
  steps: { year: number; title: Record<'en' | 'ru' | 'kk', string> }[];
}
const STORY = JSON.parse(readFileSync(`${REPO_ROOT}/data/stories/north-south.json`, 'utf8')) as Story;
/** Screenshots for people to look at. */
const SHOTS = join(REPO_ROOT, 'test-results/offline');

/** The app's title per language (src/i18n: app.title), which the page takes as its document title. */
const TITLES = { en: 'Kazakhstan migration map', ru: 'Карта миграции Казахстана', kk: 'Қазақстанның көші-қон картасы' };

let server: StaticServer;
let browser: Browser;
let profile: Watched;
let tempDir: string;
/** Requests that failed or were answered with an error, from the moment the test starts watching. */
let failures: string[] = [];

beforeAll(async () => {
  server = await serveFolder(join(REPO_ROOT, 'dist'));
  browser = await launchBrowser();
  tempDir = mkdtempSync(join(tmpdir(), 'kz-offline-e2e-'));
  profile = await openPage(browser, server.url, { reducedMotion: 'reduce', serviceWorkers: 'allow' });
  profile.context.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  profile.context.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.url()}: ${r.status()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/** Waits until this page's service worker has installed (precached everything) and is active. */
async function serviceWorkerActive(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
    null,
    { timeout: 60_000, polling: 100 },
  );
}

async function openDataPanel(page: Page): Promise<void> {
  const panel = page.getByTestId('data-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await page.getByTestId('dataset-list').waitFor({ state: 'visible', timeout: 5_000 });
}

/** The lose-context extensions of the map's canvases, kept in the page between a loss and its restore. */
type LostPage = Window & { lostContexts?: WEBGL_lose_context[] };

/**
 * Loses the graphics context of both map canvases (maplibre's and deck.gl's) through WEBGL_lose_context,
 * and waits for each canvas's loss event (a restore is refused before it).
 */
async function loseContexts(page: Page): Promise<void> {
  const lost = await page.evaluate(async () => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('#map canvas')];
    const extensions = canvases.map((canvas) => canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context'));
    if (extensions.some((e) => !e)) return 'a canvas without WEBGL_lose_context';
    const events = canvases.map(
      (canvas) =>
        new Promise<void>((resolve) => canvas.addEventListener('webglcontextlost', () => resolve(), { once: true })),
    );
    (window as LostPage).lostContexts = extensions as WEBGL_lose_context[];
    for (const e of extensions) e!.loseContext();
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no loss event in 10 s'), 10_000));
    return Promise.race([Promise.all(events).then(() => `${canvases.length} lost`), timeout]);
  });
  expect(lost).toBe('2 lost');
}

/** Restores the contexts loseContexts took (the browser would after a driver reset). */
async function restoreContexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const e of (window as LostPage).lostContexts ?? []) e.restoreContext();
  });
}

describe('after one visit', () => {
  it('starts with the network off, in Kazakh with the story, switches language, imports, and no request fails', async () => {
    const { page, context } = profile;
    await page.goto(server.url);
    await waitForMap(page);
    await serviceWorkerActive(page);
    // The visitor is told that the map now works without internet (English: the browser's language).
    await expect
      .poll(() => page.getByTestId('offline-ready').textContent(), { timeout: 10_000 })
      .toContain(OFFLINE_MESSAGES.en.offlineReady);

    failures = [];
    await context.setOffline(true);
    await page.goto(`${server.url}?v=1&lang=kk&story=north-south&step=0`);
    await waitForMap(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.title()).toBe(TITLES.kk);
    // The map draws: the regions' colours over Kazakhstan, not the bare basemap.
    const frame = await readCanvas(page);
    expect(countNonBasemap(frame, await kazakhstanRect(page))).toBeGreaterThan(50_000);

    // The story runs: its first step in Kazakh, and the clicker's key moves to the second.
    await settle(page, "app.state.story === 'north-south' && app.state.step === 0");
    expect(await page.getByTestId('story-step-title').textContent()).toBe(STORY.steps[0]!.title.kk);
    await page.keyboard.press('PageDown');
    await settle(page, "app.state.story === 'north-south' && app.state.step === 1");
    expect((await appState(page)).year).toBe(STORY.steps[1]!.year);
    expect(await page.getByTestId('story-step-title').textContent()).toBe(STORY.steps[1]!.title.kk);

    // A switch of language, twice, by the header's buttons.
    for (const lang of ['ru', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      await settle(page, `app.state.lang === '${lang}'`);
      expect(await page.title()).toBe(TITLES[lang]);
      expect(await page.getByTestId('story-step-title').textContent()).toBe(STORY.steps[1]!.title[lang]);
    }
    // A projector switched mid-lesson: both canvases lose their graphics context. The page says so
    // with a Redraw button; when the browser restores the contexts the map draws again, at the same
    // year and story step, and the next step draws too.
    const before = await appState(page);
    await loseContexts(page);
    await page.getByTestId('notice-action').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('notices').textContent()).toContain('Redraw');
    // Lost, a canvas holds nothing: the picture is transparent.
    const blank = await readCanvas(page);
    expect(blank.data.filter((_, i) => i % 4 === 3 && blank.data[i] !== 0).length).toBe(0);
    await restoreContexts(page);
    await page.getByTestId('notice-action').waitFor({ state: 'detached', timeout: 10_000 });
    await settle(page);
    expect(await appState(page)).toMatchObject({ year: before.year, story: before.story, step: before.step });
    expect(countNonBasemap(await readCanvas(page), await kazakhstanRect(page))).toBeGreaterThan(50_000);
    await page.keyboard.press('PageDown');
    await settle(page, "app.state.story === 'north-south' && app.state.step === 2");
    expect((await appState(page)).year).toBe(STORY.steps[2]!.year);
    expect(countNonBasemap(await readCanvas(page), await kazakhstanRect(page))).toBeGreaterThan(50_000);

    // The manifest the page links follows the language (the installed app's name).
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('./manifest.en.webmanifest');

    // An import: the file is read by the import worker, which the service worker serves too.
    await page.keyboard.press('Escape');
    await openDataPanel(page);
    await page.getByTestId('data-file').setInputFiles({
      name: 'offline-flows.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'year,origin,destination,count\n2023,Astana,Almaty city,1500\n2023,Almaty city,Astana,1400\n',
        'utf8',
      ),
    });
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByTestId('import-summary').textContent()).toContain('2 rows read: 2 valid');
    await page.getByTestId('import-valid').click();
    await page.waitForFunction(() => (window.__app?.state as { dataset?: string | null }).dataset != null, null, {
      timeout: 20_000,
    });

    expect(failures).toEqual([]);
    expect(profile.offOrigin).toEqual([]);
    expect(profile.consoleErrors).toEqual([]);
    // Nothing new was deployed: no update is offered.
    expect(await page.getByTestId('update-prompt').count()).toBe(0);
    // And the network was really off: what the service worker does not hold cannot be fetched.
    const status = await page.evaluate(() => fetch('./not-in-the-cache.txt').then((r) => String(r.status), String));
    expect(status).toContain('Failed to fetch');
    // (the browser logs that failure; the next test starts with a clean log)
    expect(profile.consoleErrors.splice(0)).toEqual(['Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    await context.setOffline(false);
  });
});

describe('a new deployment', () => {
  it('is offered in the visitor’s language, never forced, and loads when asked', async () => {
    const { page } = profile;
    // The next deployment: the built app with one asset changed (the page gains a marker), and the
    // service worker's precache list naming that asset's new revision, as the build writes it
    // (Workbox's revision is the file's MD5), in place of a second build (twenty seconds of CPU).
    const second = join(tempDir, 'second');
    cpSync(join(REPO_ROOT, 'dist'), second, { recursive: true });
    const html = readFileSync(join(second, 'index.html'), 'utf8');
    const changed = html.replace('</title>', '</title>\n    <meta name="deployment" content="second" />');
    expect(changed).not.toBe(html);
    writeFileSync(join(second, 'index.html'), changed);
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const worker = readFileSync(join(second, 'sw.js'), 'utf8');
    const entry = (text: string) => `{url:"index.html",revision:"${md5(text)}"}`;
    expect(worker.split(entry(html)).length).toBe(2);
    writeFileSync(join(second, 'sw.js'), worker.replace(entry(html), entry(changed)));
    expect(readFileSync(join(second, 'sw.js'), 'utf8')).not.toBe(readFileSync(join(REPO_ROOT, 'dist/sw.js'), 'utf8'));

    server.serve(second);
    failures = [];
    // The visitor comes back in Russian; the browser finds the new version on the way.
    await page.goto(`${server.url}?v=1&lang=ru`);
    await waitForMap(page);
    const marker = await page.evaluate(() => ((window as unknown as { lessonMarker: number }).lessonMarker = 1));
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await prompt.textContent()).toContain(OFFLINE_MESSAGES.ru.updateReady);
    // Still the first deployment, and the same page: nothing reloaded by itself.
    expect(await page.locator('meta[name="deployment"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { lessonMarker?: number }).lessonMarker)).toBe(marker);
    // The prompt follows a switch of language.
    await page.getByTestId('lang-kk').click();
    await expect.poll(() => prompt.textContent()).toContain(OFFLINE_MESSAGES.kk.updateReady);
    expect(await page.getByTestId('update-reload').textContent()).toBe(OFFLINE_MESSAGES.kk.reload);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'update-prompt-kk.png') });

    // Asked, the page reloads into the new deployment, keeping the view (the link's language).
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
    await waitForMap(page);
    expect(await page.locator('meta[name="deployment"]').getAttribute('content')).toBe('second');
    expect((await appState(page)).lang).toBe('kk');
    expect(await page.getByTestId('update-prompt').count()).toBe(0);
    expect(failures).toEqual([]);
    expect(profile.consoleErrors).toEqual([]);
  });
});
