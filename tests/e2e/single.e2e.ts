/**
 * The single file (npm run build:single), as a teacher opens it from a USB
 * stick: by double-click (file://), with the network off. The map draws,
 * the timeline steps, the story runs, a file the user picks is imported
 * (its worker starts from the page's own code), the page says what the
 * single file cannot do, and the console stays clean. The file is built
 * once (npm test builds it before the end-to-end tests; built here only if
 * it is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { SINGLE_FILE_NAME } from '../../src/boot/messages';
import { OFFLINE_MESSAGES } from '../../src/offline/messages';
import { appState, kazakhstanRect, pointerOffMap, settle } from './driver';
import { launchBrowser, openPage, waitForMap, type Watched } from './harness';
import { countNonBasemap, differingShare, readCanvas } from './pixels';

const FILE = join(REPO_ROOT, 'dist-single', SINGLE_FILE_NAME);
const STORY = JSON.parse(readFileSync(`${REPO_ROOT}/data/stories/north-south.json`, 'utf8')) as {
  steps: { year: number; title: Record<'en' | 'ru' | 'kk', string> }[];
};

let browser: Browser;
let profile: Watched;
/** Every request the page made that was not for a data:, blob: or file: URL. */
const network: string[] = [];

beforeAll(async () => {
  if (!existsSync(FILE)) {
    const built = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'single'],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      },
    );
    if (built.status !== 0) throw new Error('npm run build:single failed');
  }
  console.log(`${SINGLE_FILE_NAME}: ${(statSync(FILE).size / 1024 / 1024).toFixed(2)} MB`);
  browser = await launchBrowser();
  profile = await openPage(browser, pathToFileURL(FILE).href, { reducedMotion: 'reduce', locale: 'ru-RU' });
  // The harness lets only the served origin through; a file's origin is opaque, so its own file is let
  // through here (routes added later are asked first). Anything else is still recorded and refused.
  await profile.context.route(
    (url) => url.href.split('?')[0] === pathToFileURL(FILE).href,
    (route) => route.continue(),
  );
  await profile.context.setOffline(true);
  profile.context.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && r.url().split('?')[0] !== pathToFileURL(FILE).href) network.push(r.url());
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the single file, opened from a folder with the network off', () => {
  it('draws the map, runs the story, steps the timeline, and says what it cannot do', async () => {
    const { page } = profile;
    // One load (each costs seconds of software rendering): a story's link, in the browser's language.
    await page.goto(`${pathToFileURL(FILE).href}?v=1&story=north-south&step=0`);
    await waitForMap(page);
    expect((await appState(page)).lang).toBe('ru');
    await pointerOffMap(page);
    const rect = await kazakhstanRect(page);
    expect(countNonBasemap(await readCanvas(page), rect)).toBeGreaterThan(50_000);

    // The story runs: its first step, and the clicker's key moves to the second.
    await settle(page, "app.state.story === 'north-south' && app.state.step === 0");
    expect(await page.getByTestId('story-step-title').textContent()).toBe(STORY.steps[0]!.title.ru);
    await page.keyboard.press('PageDown');
    await settle(page, "app.state.story === 'north-south' && app.state.step === 1");
    expect((await appState(page)).year).toBe(STORY.steps[1]!.year);
    expect(await page.getByTestId('story-step-title').textContent()).toBe(STORY.steps[1]!.title.ru);

    // Out of the story, the timeline's step-back key: another year, drawn.
    await page.keyboard.press('Escape');
    await settle(page, 'app.state.story === null');
    const before = await readCanvas(page);
    const year = (await appState(page)).year;
    await page.keyboard.press('[');
    await settle(page, `app.state.year === ${year - 1}`);
    expect(differingShare(before, await readCanvas(page), rect)).toBeGreaterThan(0.01);

    // What cannot work from a file: said in the visitor's language.
    expect(await page.getByTestId('single-file-note').textContent()).toContain(OFFLINE_MESSAGES.ru.singleFile);
    mkdirSync(join(REPO_ROOT, 'test-results/offline'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'test-results/offline/single-file-ru.png') });
    expect(await page.locator('link[rel="manifest"]').count()).toBe(0);
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
  });

  it('imports a file the user picks', async () => {
    const { page } = profile;
    await page.getByTestId('lang-en').click();
    await settle(page, "app.state.lang === 'en'");
    const panel = page.getByTestId('data-panel');
    if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
    await page.getByTestId('data-file').setInputFiles({
      name: 'usb-flows.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'year,origin,destination,count\n2023,Astana,Almaty city,1500\n2023,Kostanay,Astana,700\n',
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
  });

  it('made no network request and logged no error', () => {
    expect(network).toEqual([]);
    expect(profile.offOrigin).toEqual([]);
    expect(profile.consoleErrors).toEqual([]);
  });

  it('allows only its own inline scripts (by hash) and loads nothing from its folder', () => {
    const html = readFileSync(FILE, 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(
      scriptSrc
        .split(' ')
        .slice(1)
        .every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s)),
    ).toBe(true);
    expect(csp).not.toContain("'self'");
    // Nothing the page would fetch from disk: no element's src or href names a file.
    const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
    expect(markup.match(/\s(?:src|href)="(?!data:)[^"]*"/g)).toBeNull();
  });
});
