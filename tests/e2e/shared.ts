/**
 * What the end-to-end files share: the built app, served once for the whole
 * run (global-setup.ts), and one browser per test worker, used by the files
 * it runs one after another (vitest.config.ts: isolate false), so that no file
 * pays for a launch and the GPU process keeps the shaders it compiled. Each
 * file closes the contexts it opened (`closeContexts` in its afterAll).
 */
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchBrowser } from './harness';

let shared: Promise<Browser> | null = null;

export function sharedBrowser(): Promise<Browser> {
  shared ??= launchBrowser();
  return shared;
}

/** Closes every context of the shared browser. */
export async function closeContexts(): Promise<void> {
  if (!shared) return;
  const browser = await shared;
  await Promise.all(browser.contexts().map((c) => c.close()));
}

/** The built app's address. */
export const appUrl = (): string => inject('appUrl');

/** The served app, as the files use it. */
export const servedApp = (): { url: string } => ({ url: appUrl() });
