/**
 * What the end-to-end files share: the built app, served once for the whole
 * run (global-setup.ts), and one browser per test worker, used by the files
 * it runs one after another (vitest.config.ts: isolate false), so that no file
 * pays for a launch and the GPU process keeps the shaders it compiled. Each
 * file closes the contexts it opened (`closeContexts` in its afterAll).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { DEFAULT_VIEW } from '../../src/state/url-state';
import { openApp, pointerOffMap, settle } from './driver';
import { launchBrowser, type Watched } from './harness';

let shared: Promise<Browser> | null = null;

export function sharedBrowser(): Promise<Browser> {
  shared ??= launchBrowser();
  return shared;
}

/** The worker's page at the default view (sharedDefaultView), which closeContexts leaves open. */
let defaultView: Watched | null = null;
const kept = (c: BrowserContext) => c === defaultView?.context;

/** Closes every context of the shared browser but the default-view page's. */
export async function closeContexts(): Promise<void> {
  if (!shared) return;
  const browser = await shared;
  await Promise.all(
    browser
      .contexts()
      .filter((c) => !kept(c))
      .map((c) => c.close()),
  );
}

/**
 * The app at the default view (1400×900, no story, nothing selected, the
 * pointer off the map), one page per worker for the files that change the
 * view only through the app and its controls (load, measures, timeline,
 * interaction): a page load costs about 11 s of CPU here, so they share one
 * instead of loading the same view each. Its off-origin requests and console
 * errors count from its load. Opened by the first file that asks; later files
 * get it back with every field of the default view restored.
 */
export async function sharedDefaultView(): Promise<Watched> {
  if (!defaultView || defaultView.page.isClosed()) {
    defaultView = await openApp(await sharedBrowser(), appUrl());
    return defaultView;
  }
  const { page } = defaultView;
  await page.bringToFront();
  await page.evaluate(() => window.__app!.playback.pause());
  // Over bare basemap first (south-west of the Caspian), so that deck.gl picks nothing there and
  // drops the highlight of a region an earlier file hovered, then off the map.
  const bare = await page.evaluate(() => window.__app!.project(47, 38));
  if (bare) await page.mouse.move(bare[0], bare[1]);
  await page.evaluate(() => window.__app!.nextFrame());
  await pointerOffMap(page);
  const { camera: _camera, ...view } = DEFAULT_VIEW;
  await page.evaluate((v) => window.__app!.update(v), view);
  await settle(page, "app.state.year === 2024 && app.state.selected === null && app.state.view === 'normal'");
  await page.getByTestId('tooltip').waitFor({ state: 'hidden', timeout: 10_000 });
  return defaultView;
}

/** The built app's address. */
export const appUrl = (): string => inject('appUrl');

/** The served app, as the files use it. */
export const servedApp = (): { url: string } => ({ url: appUrl() });
