/**
 * Shared by the end-to-end tests and the benchmark: serves the built app
 * (vite preview on 127.0.0.1) and drives Debian's Chromium through
 * playwright-core, recording every request that leaves the page's origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../data/read-tables';
import type {} from '../../src/testing/app-api';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves dist/ with vite preview; the build must exist (npm run build). With a
 * vite config, serves that config's build instead (the benchmark page).
 */
export async function serveDist(config?: { file: string; outDir: string }): Promise<Served> {
  const outDir = config?.outDir ?? `${REPO_ROOT}/dist`;
  if (!existsSync(`${outDir}/index.html`)) throw new Error(`${outDir} is missing: build it first`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      `${REPO_ROOT}/node_modules/vite/bin/vite.js`,
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      ...(config ? ['--config', config.file] : []),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('vite preview did not start');
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Requests to anything but the served origin (and data:/blob: URLs). */
  offOrigin: string[];
  consoleErrors: string[];
}

/** A fresh context and page that record off-origin requests (and block them) and console errors. */
export async function openPage(
  browser: Browser,
  origin: string,
  opts: {
    width?: number;
    height?: number;
    reducedMotion?: 'reduce' | 'no-preference';
    locale?: string;
    colorScheme?: 'light' | 'dark';
    /** A touch screen (a phone or tablet): touch events and a coarse pointer. */
    touch?: boolean;
    /**
     * Blocked unless a test is about working offline: registering the service worker makes it
     * download and store every asset (several MB), two or three seconds of CPU at every load.
     */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    serviceWorkers: opts.serviceWorkers ?? 'block',
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 },
    ...(opts.touch ? { hasTouch: true, isMobile: true } : {}),
    reducedMotion: opts.reducedMotion ?? 'no-preference',
    locale: opts.locale ?? 'en-GB',
    colorScheme: opts.colorScheme ?? 'light',
  });
  // Asks every page of the context for the app's test handle (window.__app, src/testing/app-api.ts).
  await context.addInitScript(() => {
    window.__KZ_TEST_API__ = true;
    // The drawing-buffer and on-screen sizes of deck.gl's canvas at its first 200 draws to the
    // screen (load.e2e.ts: a first frame drawn into a canvas not yet sized was a blur).
    const sizes: number[][] = [];
    (window as unknown as { __deckDrawSizes: number[][] }).__deckDrawSizes = sizes;
    const proto = WebGL2RenderingContext.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    // Queries of a program made after deck.gl has drawn to the screen in the same task, before the
    // pointer first moves: each waits for the GPU process to finish the draws sent before it
    // (load.e2e.ts: a pipeline made at a layer's first draw held the first frame a third of a
    // second). Not after: after the first pick, deck.gl makes the nodes' pipeline once more, and a
    // pick reads its pixels back (waiting for the GPU) anyway.
    const stalls: string[] = [];
    (window as unknown as { __deckStalls: string[] }).__deckStalls = stalls;
    let pointerMoved = false;
    for (const type of ['pointermove', 'pointerdown'])
      addEventListener(type, () => (pointerMoved = true), { capture: true, once: true });
    let drewToScreen = false;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const draw = proto[name]!;
      proto[name] = function (this: WebGL2RenderingContext, ...args: unknown[]) {
        const canvas = this.canvas as HTMLCanvasElement;
        if (canvas.id === 'deckgl-overlay' && !this.getParameter(this.FRAMEBUFFER_BINDING)) {
          if (sizes.length < 200)
            sizes.push([this.drawingBufferWidth, this.drawingBufferHeight, canvas.clientWidth, canvas.clientHeight]);
          if (!drewToScreen) {
            drewToScreen = true;
            queueMicrotask(() => (drewToScreen = false));
          }
        }
        return draw.apply(this, args);
      };
    }
    const query = proto.getProgramParameter!;
    proto.getProgramParameter = function (this: WebGL2RenderingContext, ...args: unknown[]) {
      // Drawing to the screen still (the picking pass, which reads its pixels back anyway, draws to a framebuffer of its own).
      const toScreen = !this.getParameter(this.FRAMEBUFFER_BINDING);
      const deck = (this.canvas as HTMLCanvasElement).id === 'deckgl-overlay';
      if (drewToScreen && toScreen && deck && !pointerMoved && stalls.length < 50)
        stalls.push(new Error().stack ?? 'a program queried after a draw');
      return query.apply(this, args);
    };
  });
  const offOrigin: string[] = [];
  const consoleErrors: string[] = [];
  const base = new URL(origin).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return { context, page, offOrigin, consoleErrors };
}

/** Waits until the app has started and deck.gl has drawn (with a timeout: deck redraws only on change). */
export async function waitForMap(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__app?.isDrawn() ?? false, null, { timeout, polling: 50 });
}
