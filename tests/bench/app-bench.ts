/**
 * The parts of `npm run bench` that measure the built app itself (dist/), not
 * the benchmark page:
 *
 * - its first frame with flows on the real data, load after load interleaved
 *   with a bare maplibre map with the same basemap (tests/bench/page/bare.ts);
 * - the 1-million-flow FlowmapBlue-style pair (3,000 places, the benchmark's
 *   generators) imported through the data panel's places button, against
 *   today's 1-million-row region file (import-bench.ts's) through its file
 *   button, each in a fresh page: time and the peak memory of the browser;
 * - then, on the imported places (once the places worker has summed every
 *   level), zoom steps that change the cluster level, each begun once the
 *   levels asked ahead have arrived and the last frame is rasterised:
 *   the CPU part (the main thread's work making the app's layers and in
 *   deck.gl's layer updates, up to the first frame that draws the new level)
 *   in thread time (a trace of marks around that work: thread-time.ts) and in
 *   wall time (window.__app.mainThreadMs), the wall time from the zoom button
 *   to the end of that frame, and the renderer process's task time over all
 *   its threads (CDP TaskDuration: the places worker's layout of the levels
 *   ahead included).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { openPage, serveDist, waitForMap } from '../e2e/harness';
import { generate as generateRegionFile } from './import-bench';
import { syntheticFlows, syntheticLocations } from './synthetic';
import { STEP_SHOWN, STEP_START, stepSections, traceMarks } from './thread-time';

const VIEWPORT = { width: 1280, height: 800 };
const PAGE_SIZE = 4096;

/** Resident memory (MB) of this process's descendants: the browser's processes and the preview server. */
export function treeRssMB(): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let pages = 0;
  const todo = [...(children.get(process.pid) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    todo.push(...(children.get(pid) ?? []));
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    } catch {
      /* ended */
    }
  }
  return (pages * PAGE_SIZE) / 1048576;
}

/** Peak of treeRssMB while `work` runs, above its value just before. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; baseMB: number; peakMB: number }> {
  const baseMB = treeRssMB();
  let peakMB = baseMB;
  const timer = setInterval(() => (peakMB = Math.max(peakMB, treeRssMB())), 200);
  try {
    const result = await work();
    peakMB = Math.max(peakMB, treeRssMB());
    return { result, baseMB, peakMB };
  } finally {
    clearInterval(timer);
  }
}

export interface FirstFrames {
  app: number[];
  bare: number[];
}

/** The app's first frame with flows (window.__app.firstFrameAt) and a bare map's first idle, interleaved. */
export async function firstFrames(browser: Browser, benchUrl: string, loads: number): Promise<FirstFrames> {
  const served = await serveDist();
  try {
    const out: FirstFrames = { app: [], bare: [] };
    for (let i = 0; i < loads; i++) {
      // A first visit as users make it: the service worker registers and stores the app.
      const w = await openPage(browser, served.url, { ...VIEWPORT, serviceWorkers: 'allow' });
      await w.page.goto(served.url);
      await waitForMap(w.page, 120_000);
      out.app.push(await w.page.evaluate(() => window.__app!.firstFrameAt!));
      await w.context.close();
      const b = await openPage(browser, benchUrl, VIEWPORT);
      await b.page.goto(`${benchUrl}bare.html`);
      await b.page.waitForFunction(() => (window as unknown as { __bare: { idleAt?: number } }).__bare?.idleAt, null, {
        timeout: 120_000,
        polling: 50,
      });
      out.bare.push(await b.page.evaluate(() => (window as unknown as { __bare: { idleAt: number } }).__bare.idleAt));
      if (b.consoleErrors.length || b.offOrigin.length) throw new Error(`bare map: ${[...b.consoleErrors, ...b.offOrigin].join('\n')}`); // prettier-ignore
      await b.context.close();
    }
    return out;
  } finally {
    await served.stop();
  }
}

export interface ImportInPage {
  flows: number;
  fileMB: number;
  seconds: number;
  /** Peak resident memory of the browser (all its processes) during the import, above its value before. */
  peakAboveMB: number;
  baseMB: number;
}

export interface ZoomStep {
  from: number;
  to: number;
  levelFrom: number;
  levelTo: number;
  /** Task time of the renderer process, all threads (CDP Performance TaskDuration), from the click to the frame of the new level. */
  taskMs: number;
  /**
   * CPU part, as flowmap.gl's is measured on the benchmark page: the main thread's
   * time making the app's layers (every render from the click on, the zoom's
   * animation frames included) and in deck.gl's layer updates, until the frame
   * that draws the new level.
   */
  cpuMs: number;
  /**
   * The same sections' thread time (the main thread's CPU clock, from a trace
   * of their marks: thread-time.ts), without the time the system gave other
   * threads while they ran.
   */
  threadMs: number;
  /** The same, in the frames after that one until every year's layers of the level are made (the other years'). */
  afterMs: number;
  wallMs: number;
}

export interface AppPoints {
  pair: ImportInPage;
  region: ImportInPage;
  zoom: ZoomStep[];
}

/** Task time so far (ms) of the page's renderer process, all its threads (CDP TaskDuration). */
export async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
}

async function openData(page: Page): Promise<void> {
  const panel = page.getByTestId('data-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
}

export async function appPoints(browser: Browser, flows: number): Promise<AppPoints> {
  const dir = mkdtempSync(join(tmpdir(), 'kz-bench-'));
  const served = await serveDist();
  try {
    const locs = syntheticLocations();
    const locationsFile = join(dir, 'locations.csv');
    writeFileSync(locationsFile, `id,name,lat,lon\n${locs.lon.map((lon, i) => `p${i},Place ${i},${locs.lat[i]},${lon}`).join('\n')}\n`); // prettier-ignore
    const table = syntheticFlows(flows, locs.lon.length);
    const lines = ['origin,dest,count,time'];
    for (let i = 0; i < table.length; i++)
      lines.push(`p${table.origin[i]},p${table.destination[i]},${table.count[i]},${table.year[i]}`);
    const flowsFile = join(dir, 'flows.csv');
    writeFileSync(flowsFile, lines.join('\n'));
    const pairMB = (Buffer.byteLength(lines.join('\n')) + readFileSync(locationsFile).length) / 1048576;
    lines.length = 0;
    const regionFile = join(dir, 'region-flows.csv');
    const regionMB = (await generateRegionFile(regionFile, flows)) / 1048576;

    // Today's import: one region flows file through the data panel's file button (the mapping step is not timed).
    let region: ImportInPage;
    {
      const w = await openPage(browser, served.url, VIEWPORT);
      await w.page.goto(served.url);
      await waitForMap(w.page, 120_000);
      await openData(w.page);
      await w.page.getByTestId('data-file').setInputFiles(regionFile);
      await w.page.getByTestId('import-start').waitFor({ state: 'visible', timeout: 60_000 });
      const m = await peakRss(async () => {
        const t = Date.now();
        await w.page.getByTestId('import-start').click();
        await w.page.getByTestId('import-summary').waitFor({ state: 'visible', timeout: 600_000 });
        return (Date.now() - t) / 1000;
      });
      region = { flows, fileMB: regionMB, seconds: m.result, peakAboveMB: m.peakMB - m.baseMB, baseMB: m.baseMB };
      console.log(`app: region import ${JSON.stringify(region)}`);
      await w.context.close();
    }

    const w = await openPage(browser, served.url, { ...VIEWPORT, reducedMotion: 'reduce' });
    try {
      await w.page.goto(served.url);
      await waitForMap(w.page, 120_000);
      await openData(w.page);
      const m = await peakRss(async () => {
        const t = Date.now();
        await w.page.getByTestId('places-files').setInputFiles([locationsFile, flowsFile]);
        await w.page.getByTestId('import-summary').waitFor({ state: 'visible', timeout: 600_000 });
        return (Date.now() - t) / 1000;
      });
      const pair = { flows, fileMB: pairMB, seconds: m.result, peakAboveMB: m.peakMB - m.baseMB, baseMB: m.baseMB };
      console.log(`app: places import ${JSON.stringify(pair)}`);
      await w.page.getByTestId('import-valid').click();
      await w.page.getByTestId('data-panel').locator('summary').click();
      await w.page.waitForFunction(
        () => {
          const app = window.__app!;
          return (app.points()?.arcs ?? 0) > 0 && app.isDrawn() && !app.isMoving() && app.framesSinceUpdate > 0;
        },
        null,
        { timeout: 300_000, polling: 100 },
      );
      // Let the worker finish summing every level (its work is not the main thread's, but shares the two cores:
      // a step measured while it works measures how much of a core the main thread got).
      await w.page.waitForFunction(() => window.__app!.points()?.warmed === true, null, {
        timeout: 300_000,
        polling: 100,
      });
      const cdp = await w.page.context().newCDPSession(w.page);
      await cdp.send('Performance.enable');
      await w.page.evaluate(() => window.__app!.markCpuSections(true));
      const zoom: ZoomStep[] = [];
      // In to the last level and out again, twice: the first way in meets levels the worker may still be laying out.
      for (let round = 0; round < 2; round++)
        for (const direction of ['in', 'out'] as const)
          for (;;) {
            const before = await w.page.evaluate(() => ({ zoom: window.__app!.camera()!.zoom, level: window.__app!.points()!.level, levels: window.__app!.points()!.levels })); // prettier-ignore
            if (direction === 'in' ? before.level === before.levels - 1 : before.level === 0 || before.zoom <= 3) break;
            // The last frame rasterised, as the benchmark page ends each of flowmap.gl's steps (a pixel read waits
            // for the GPU): a software renderer still rasterising it would take the cores from this step.
            await w.page.evaluate(() => {
              const pixel = new Uint8Array(4);
              for (const canvas of document.querySelectorAll<HTMLCanvasElement>('#map canvas')) {
                const gl = canvas.getContext('webgl2')!;
                gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
              }
            });
            const t0 = await taskMs(cdp);
            const marks = await traceMarks(cdp);
            const step = await w.page.evaluate(
              async ({ dir, startMark, shownMark }) => {
                const app = window.__app!;
                const level = app.points()!.level;
                // No named function in here: tsx would wrap it in a helper the page does not have.
                const before = app.mainThreadMs();
                const started = performance.now();
                // The CPU part ends with the first frame that draws the new level (what comes after it is the
                // other years' layers, made in the frames that follow).
                const shown = new Promise<{ cpuMs: number; frameAt: number }>((resolve) => {
                  const off = app.onFrame(() => {
                    if (app.points()?.level === level) return;
                    const after = app.mainThreadMs();
                    performance.mark(shownMark);
                    off();
                    resolve({ cpuMs: after.layers + after.deckUpdates - before.layers - before.deckUpdates, frameAt: performance.now() }); // prettier-ignore
                  });
                });
                performance.mark(startMark);
                document.querySelector<HTMLButtonElement>(`.maplibregl-ctrl-zoom-${dir}`)!.click();
                const first = await Promise.race([shown, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
                if (!first) throw new Error('no new cluster level within 30 s');
                const wallMs = first.frameAt - started;
                // Before the next step: every year's layers made and drawn, and the levels asked ahead received
                // (the worker's work shares the cores).
                for (;;) {
                  await new Promise((r) => requestAnimationFrame(r));
                  const points = app.points()!;
                  if (points.yearsToMake === 0 && points.levelsAsked === 0 && app.isDrawn() && !app.isMoving()) break;
                  if (performance.now() - started > 60_000) throw new Error("the level's years not made within 60 s");
                }
                const end = app.mainThreadMs();
                const afterMs = end.layers + end.deckUpdates - before.layers - before.deckUpdates - first.cpuMs;
                return { wallMs, cpuMs: first.cpuMs, afterMs, zoom: app.camera()!.zoom, level: app.points()!.level };
              },
              { dir: direction, startMark: STEP_START, shownMark: STEP_SHOWN },
            );
            const taken = (await taskMs(cdp)) - t0;
            const sections = stepSections(await marks());
            await w.page.evaluate(() => performance.clearMarks());
            zoom.push({ from: before.zoom, to: step.zoom, levelFrom: before.level, levelTo: step.level, taskMs: taken, cpuMs: step.cpuMs, threadMs: sections.threadMs, afterMs: step.afterMs, wallMs: step.wallMs }); // prettier-ignore
            console.log(`app: zoom ${JSON.stringify(zoom.at(-1))}`);
          }
      await cdp.detach();
      if (w.consoleErrors.length) throw new Error(`app with places: ${w.consoleErrors.join('\n')}`);
      return { pair, region, zoom };
    } finally {
      await w.context.close();
    }
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
