/**
 * The app's test handle (window.__app, typed in src/testing/app-api.ts) and
 * waits that never hang: deck.gl draws only when something changes, so every
 * wait for a frame has a timeout.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../data/read-tables';
import type { ViewState } from '../../src/state/url-state';
import type { AppApi } from '../../src/testing/app-api';
import { openPage, waitForMap, type Watched } from './harness';
import { dominantColour, findCleanSpot, type Pixels, type Rect, type Rgb } from './pixels';

/** The app's test handle in the page (window.__app). */
export type App = AppApi;

/** The view a link holds, as the app's test handle reports it (src/testing/app-api.ts). */
export type AppState = ViewState;

export const FRAME_TIMEOUT = 30_000;

export async function appState(page: Page): Promise<AppState> {
  return page.evaluate(() => {
    const { camera, ...rest } = window.__app!.state;
    return { ...rest, camera: camera && { ...camera } };
  });
}

/**
 * A condition on the app, in a small language the page can check without
 * eval (the built page's Content-Security-Policy forbids it): clauses joined
 * by `&&`, each `app.path`, `!app.path` or `app.path === literal` (a number,
 * 'text', null, true or false).
 */
export type Condition = string;

/**
 * Waits until the app's state satisfies `ready` (if given) and deck.gl has drawn
 * a frame since the layers last changed. Call after an action that re-renders.
 */
export async function settle(page: Page, ready?: Condition, timeout = FRAME_TIMEOUT): Promise<void> {
  const clauses = (ready ?? '')
    .split('&&')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const m = /^(!)?app\.([\w.]+)(?:\s*===\s*(.+))?$/.exec(c);
      if (!m) throw new Error(`settle: cannot read the condition "${c}"`);
      const literal = m[3] === undefined ? undefined : (JSON.parse(m[3].replace(/^'(.*)'$/, '"$1"')) as unknown);
      return { not: m[1] === '!', path: m[2]!.split('.'), compare: m[3] !== undefined, literal };
    });
  await page.waitForFunction(
    (list) => {
      const app = window.__app;
      if (!app) return false;
      for (const c of list) {
        let v: unknown = app;
        for (const key of c.path) v = (v as Record<string, unknown> | null | undefined)?.[key];
        const ok = c.compare ? v === c.literal : Boolean(v);
        if (ok === c.not) return false;
      }
      return app.isDrawn();
    },
    clauses,
    { timeout, polling: 50 },
  );
}

/** Applies a state patch through App.update (as the controls do) and waits for the frame. */
export async function updateAndDraw(page: Page, patch: Partial<AppState>): Promise<void> {
  await page.evaluate((p) => window.__app!.update(p), patch);
  await settle(page);
}

/** Page coordinates of a longitude/latitude on the map. */
export async function project(page: Page, lon: number, lat: number): Promise<[number, number]> {
  const xy = await page.evaluate(([x, y]) => window.__app!.project(x!, y!), [lon, lat]);
  if (!xy) throw new Error('the map is not ready');
  return xy;
}

/** The fill colour the app gives a polygon for the current measure, year and scale (null: a gap). */
export async function fillColour(page: Page, polygonId: string): Promise<Rgb | null> {
  const c = await page.evaluate((id) => window.__app!.fillColour(id), polygonId);
  return c && [c[0], c[1], c[2]];
}

/** Waits until the app has written every change of the view to the URL (it does so a moment after the last). */
export async function urlWritten(page: Page, timeout = 5_000): Promise<void> {
  await page.waitForFunction(() => !window.__app!.urlWritePending, null, { timeout, polling: 50 });
}

/** Waits until the URL's query has `param=value` (the app writes it after a short delay). */
export async function waitForUrlParam(page: Page, param: string, value: string | null, timeout = 5_000): Promise<void> {
  await page.waitForFunction(([k, v]) => new URLSearchParams(location.search).get(k!) === v, [param, value] as const, {
    timeout,
    polling: 50,
  });
}

/** Moves the pointer off the map (onto the header panel), so that no hover highlight changes the picture. */
export async function pointerOffMap(page: Page): Promise<void> {
  await page.mouse.move(20, 20);
}

/** Opens the app (a fresh context) at `query` and waits for the first drawn frame. */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  query = '',
  opts: { width?: number; height?: number } = {},
): Promise<Watched> {
  const w = await openPage(browser, baseUrl, opts);
  await w.page.goto(baseUrl + query);
  await waitForMap(w.page);
  return w;
}

/** The page rectangle of Kazakhstan and its borderlands (45–88°E, 40–56°N) at the current camera. */
export async function kazakhstanRect(page: Page): Promise<Rect> {
  const [x0, y0] = await project(page, 46, 56);
  const [x1, y1] = await project(page, 88, 40.5);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Label points of every shape of every boundary version (geo/regions.topojson: label_lon, label_lat). */
export function labelPoints(): Map<string, [number, number]> {
  const topology = JSON.parse(readFileSync(`${REPO_ROOT}/geo/regions.topojson`, 'utf8')) as {
    objects: Record<
      string,
      { geometries: { properties: { polygon_id: string; label_lon: number; label_lat: number } }[] }
    >;
  };
  const geometries = Object.values(topology.objects).flatMap((o) => o.geometries);
  return new Map(geometries.map((g) => [g.properties.polygon_id, [g.properties.label_lon, g.properties.label_lat]]));
}

/**
 * A spot in a polygon, near its label point but below the label, where the
 * frame shows only one flat colour (no arc, node, label or border): there the
 * pointer touches the region and nothing else. The colour is the polygon's
 * expected fill, or the no-data grey if it has no figure (`match: 'expected'`,
 * which also checks that the map shows it), or the colour that dominates the
 * frame there (`match: 'shown'`). `fill` is the expected fill (null: no figure).
 */
export async function cleanSpotIn(
  page: Page,
  polygonId: string,
  frame: Pixels,
  opts: { offset?: [number, number]; match?: 'expected' | 'shown' } = {},
): Promise<{ spot: [number, number] | null; fill: Rgb | null }> {
  // NO_DATA in src/core/scales.ts: the grey of a polygon without a figure.
  const NO_DATA_RGB: Rgb = [200, 200, 200];
  const point = labelPoints().get(polygonId);
  if (!point) throw new Error(`no label point for ${polygonId}`);
  const [ox, oy] = opts.offset ?? [0, 22];
  const [x, y] = await project(page, point[0], point[1]);
  const fill = await fillColour(page, polygonId);
  const colour = opts.match === 'shown' ? dominantColour(frame, x + ox, y + oy, 15).colour : (fill ?? NO_DATA_RGB);
  return { spot: findCleanSpot(frame, x + ox, y + oy, colour), fill };
}

/** A story as shipped in data/stories/<id>.json (the fields the tests read). */
export interface StoryFile {
  format: string;
  version: number;
  id: string;
  title: { en: string; ru: string; kk: string };
  steps: {
    id: string;
    year: number;
    measure: string;
    camera: { lon: number; lat: number; zoom: number };
    title: { en: string };
    caption: { en: string };
    sources: string[];
    question?: { en: string };
    answer?: { en: string };
    forecast?: boolean;
  }[];
}

/** Reads a shipped story file (parsed fresh each time, so a test may change its copy). */
export function shippedStory(id: string): StoryFile {
  return JSON.parse(readFileSync(`${REPO_ROOT}/data/stories/${id}.json`, 'utf8')) as StoryFile;
}

/** The presenter's composed picture (Presenter.picture: header, map, legend and credits) as PNG bytes. */
export async function composedPicture(page: Page, scale: 1 | 2): Promise<Buffer> {
  const bytes = await page.evaluate(
    async (s) => new Uint8Array(await (await window.__app!.picture(s)).arrayBuffer()),
    scale,
  );
  return Buffer.from(bytes);
}

/**
 * Whether an element is wholly on screen and on top: inside the window, and
 * what the page shows at its corners and middle is the element itself (or
 * something inside it), not a panel over it or the edge of a scrolled box.
 */
export async function fullyVisible(page: Page, selector: string): Promise<{ ok: boolean; why: string }> {
  return page.evaluate((sel) => {
    const e = document.querySelector(sel);
    if (!e || e.getClientRects().length === 0) return { ok: false, why: `${sel} is not shown` };
    const r = e.getBoundingClientRect();
    if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight)
      return {
        ok: false,
        why: `${sel} at ${[r.left, r.top, r.right, r.bottom].map(Math.round).join(',')} leaves the window`,
      };
    const m = 2;
    const points: [number, number][] = [
      [r.left + m, r.top + m],
      [r.right - m, r.top + m],
      [r.left + m, r.bottom - m],
      [r.right - m, r.bottom - m],
      [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
    ];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === e || e.contains(hit)))
        return {
          ok: false,
          why: `${sel} is covered at ${Math.round(x)},${Math.round(y)} by ${hit?.className || hit?.tagName}`,
        };
    }
    return { ok: true, why: '' };
  }, selector);
}
