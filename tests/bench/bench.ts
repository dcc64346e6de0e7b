/**
 * `npm run bench`: speed at scale, side by side, in one run on one machine.
 *
 * Flow sets: the real data, and seeded synthetic sets of 1 thousand to 1
 * million flows over 20 years on 3,000 locations inside the real polygons
 * (tests/bench/synthetic.ts). Renderers (tests/bench/page/renderers.ts): ours,
 * flowmap.gl's FlowmapLayer with clustering off and on, and a naive deck.gl
 * ArcLayer, each in the app's map at the same viewport, headless Chromium
 * with software WebGL.
 *
 * For each set and renderer: navigation to the first frame with flows, the
 * year step over a played timeline (CPU part and whole frame, median and 95th
 * percentile), the JavaScript heap after load; flowmap.gl's zoom steps with
 * clustering on at the largest set; then the built app itself (app-bench.ts):
 * its first frame on the real data against a bare maplibre map, the import of
 * a places pair against today's region import in the browser, and zoom steps
 * that change the cluster level; and the 1-million-row import in Node
 * (import-bench.ts).
 * Loads are interleaved across renderers (ours, flowmap.gl, naive, ours, ...)
 * so that drift of the machine hits all three alike; the ratios are computed
 * per load as well, and their spread is printed to show whether they are stable.
 *
 * Writes bench/results.md and results.json. BENCH_LOADS (default 3) sets the
 * loads per renderer and set; BENCH_SETS (e.g. "real,1000") the sets;
 * BENCH_APP_LOADS the app's and the bare map's loads; BENCH_POINT_FLOWS the
 * flows of the places import (0: skip); BENCH_IMPORT=0 skips the Node import.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../data/read-tables';
import { launchBrowser, openPage, serveDist } from '../e2e/harness';
import { appPoints, firstFrames, taskMs, type AppPoints, type FirstFrames, type ImportInPage } from './app-bench';
import { main as importBench, type ImportBenchResult } from './import-bench';
import { RENDERERS, TOP_N, type RendererName } from './page/config';
import { encodeFlows, realFlows, syntheticFlows, syntheticLocations, YEARS } from './synthetic';
import { stepSections, traceMarks } from './thread-time';

const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const SETS = (process.env.BENCH_SETS ?? 'real,1000,10000,100000,1000000').split(',');
const VIEWPORT = { width: 1280, height: 800 };
/** Loads of the app (and of a bare map) for the first frame: it varies by a few hundred ms from load to load. */
const APP_LOADS = Number(process.env.BENCH_APP_LOADS ?? Math.max(LOADS, 9));
/** The set whose zoom steps are timed with flowmap.gl's clustering on (the app's: the same number of flows as places data). */
/** Flows of the places pair imported into the app (0: skip the app's places part). */
const POINT_FLOWS = Number(process.env.BENCH_POINT_FLOWS ?? 1_000_000);
const ZOOM_SET = SETS.filter((s) => s !== 'real').at(-1);
const BUILD = join(REPO_ROOT, 'tests/bench/.build');
const DATA = join(REPO_ROOT, 'tests/bench/.data/data');
const CONFIG = join(REPO_ROOT, 'tests/bench/vite.config.ts');
const LABEL: Record<RendererName, string> = {
  ours: 'ours',
  flowmap: 'flowmap.gl',
  flowmapClustered: 'flowmap.gl clustered',
  naive: 'naive ArcLayer',
};

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const fmt = (v: number) =>
  v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(2);

interface LoadResult {
  firstFrame: number;
  heapMB: number;
  drawn: number;
  cpu: number[];
  /** The two parts of cpu: the year change itself, and deck.gl's layer updates. */
  change: number[];
  update: number[];
  busy: number[];
  frame: number[];
  /** CPU part of a frame requested with nothing changed (the floor of every step). */
  repaint: number[];
  /** flowmap.gl with clustering on, largest set: zoom steps of one level in and out (see zoomSteps). */
  zoom?: ZoomStepResult[];
}

interface ZoomStepResult {
  from: number;
  to: number;
  /** Task time of the renderer process, all its threads (CDP TaskDuration), as measured for the app's own zoom steps. */
  taskMs: number;
  cpu: number;
  /** The CPU part's thread time (thread-time.ts). */
  threadMs: number;
  frame: number;
  /** False: flowmap.gl kept its flows (no new cluster level at this zoom). */
  changed: boolean;
}

type Results = Map<string, Map<RendererName, LoadResult[]>>;

function writeData(): Record<string, number> {
  const dir = DATA;
  mkdirSync(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  const locations = syntheticLocations();
  writeFileSync(join(dir, 'locations-synthetic.json'), JSON.stringify(locations));
  for (const set of SETS) {
    if (set === 'real') {
      const real = realFlows();
      writeFileSync(join(dir, 'locations-real.json'), JSON.stringify(real.locations));
      writeFileSync(join(dir, 'flows-real.bin'), encodeFlows(real.table));
      sizes[set] = real.table.length;
    } else {
      const table = syntheticFlows(Number(set), locations.lon.length);
      writeFileSync(join(dir, `flows-${set}.bin`), encodeFlows(table));
      sizes[set] = table.length;
    }
  }
  return sizes;
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1048576;
}

async function oneLoad(browser: Browser, url: string, renderer: RendererName, set: string): Promise<LoadResult> {
  const w = await openPage(browser, url, VIEWPORT);
  try {
    await w.page.goto(`${url}?renderer=${renderer}&set=${set}`);
    type BenchLike = { error?: string; firstFrameAt?: number };
    await w.page.waitForFunction(
      () => {
        const b = (window as unknown as { __bench?: BenchLike }).__bench;
        return b?.firstFrameAt !== undefined || b?.error !== undefined;
      },
      null,
      { timeout: 300_000, polling: 100 },
    );
    const status = await w.page.evaluate(() => {
      const b = (window as unknown as { __bench: BenchLike & { drawn(): number } }).__bench;
      return { error: b.error, firstFrame: b.firstFrameAt!, drawn: b.drawn() };
    });
    if (status.error) throw new Error(`${renderer} ${set}: ${status.error}`);
    const heap = await heapMB(w.page);
    // One played timeline, year by year, after a warm-up step to the last year and the page settled
    // (timed from the first frame on, the steps measured what the page still does after its load).
    const steps = await w.page.evaluate(async () => {
      type Step = { cpu: number; change: number; update: number; busy: number; frame: number };
      type BenchSteps = { years: number[]; step(y: number): Promise<Step>; repaint(): Promise<Step>; settle(): Promise<void> }; // prettier-ignore
      const b = (window as unknown as { __bench: BenchSteps }).__bench;
      await b.step(b.years[b.years.length - 1]!);
      await b.settle();
      const out: Step[] = [];
      for (const y of b.years) out.push(await b.step(y));
      const repaints: number[] = [];
      for (let i = 0; i < 10; i++) repaints.push((await b.repaint()).cpu);
      return { out, repaints };
    });
    const zoom = renderer === 'flowmapClustered' && set === ZOOM_SET ? await zoomSteps(w.page) : undefined;
    if (w.consoleErrors.length) throw new Error(`${renderer} ${set}: ${w.consoleErrors.join('\n')}`);
    if (w.offOrigin.length) throw new Error(`${renderer} ${set}: off-origin requests ${w.offOrigin.join(' ')}`);
    return {
      firstFrame: status.firstFrame,
      heapMB: heap,
      drawn: status.drawn,
      cpu: steps.out.map((s) => s.cpu),
      change: steps.out.map((s) => s.change),
      update: steps.out.map((s) => s.update),
      busy: steps.out.map((s) => s.busy),
      frame: steps.out.map((s) => s.frame),
      repaint: steps.repaints,
      zoom,
    };
  } finally {
    await w.context.close();
  }
}

/**
 * Zoom steps as the app's are made (app-bench.ts): one zoom level in at a time to the
 * deepest, then out to below 3, twice; each timed until flowmap.gl's flows for the new zoom are drawn.
 */
async function zoomSteps(page: Page): Promise<ZoomStepResult[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  type BenchZoom = { zoom(z: number): Promise<{ cpu: number; frame: number; changed: boolean }>; camera(): { zoom: number } }; // prettier-ignore
  const out: ZoomStepResult[] = [];
  for (let round = 0; round < 2; round++)
    for (const direction of [1, -1])
      for (;;) {
        const from = await page.evaluate(() => (window as unknown as { __bench: BenchZoom }).__bench.camera().zoom);
        if (direction > 0 ? from >= 9 : from < 3) break;
        const to = Math.min(9, Math.max(2, from + direction));
        const t0 = await taskMs(cdp);
        const marks = await traceMarks(cdp);
        const step = await page.evaluate((z) => (window as unknown as { __bench: BenchZoom }).__bench.zoom(z), to);
        const taken = (await taskMs(cdp)) - t0;
        out.push({
          from,
          to,
          taskMs: taken,
          cpu: step.cpu,
          threadMs: stepSections(await marks()).threadMs,
          frame: step.frame,
          changed: step.changed,
        });
      }
  await cdp.detach();
  return out;
}

const all = (loads: LoadResult[], k: 'cpu' | 'busy' | 'frame' | 'repaint') => loads.flatMap((l) => l[k]);

/** Ratio of medians ours ÷ other, over all loads and per load (its spread says how stable it is). */
function ratio(ours: LoadResult[], other: LoadResult[], k: 'cpu' | 'frame') {
  const overall = median(all(ours, k)) / median(all(other, k));
  const perLoad = ours.map((l, i) => median(l[k]) / median(other[i]![k]));
  return { overall, min: Math.min(...perLoad), max: Math.max(...perLoad) };
}

function report(
  results: Results,
  sizes: Record<string, number>,
  frames: FirstFrames,
  points: AppPoints | null,
  imported: ImportBenchResult | null,
  renderer: string,
  load: { start: number[]; end: number[] },
): string {
  const lines: string[] = [];
  const date = new Date().toISOString().slice(0, 10);
  const avg = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  lines.push('# Benchmark results', '');
  lines.push(
    `Written by \`npm run bench\` on ${date}: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ` +
      `Chromium headless, viewport ${VIEWPORT.width}×${VIEWPORT.height} at device pixel ratio 1, WebGL renderer \`${renderer}\`. ` +
      `Load average (1 / 5 / 15 min) at the start ${avg(load.start)}, at the end ${avg(load.end)}: the machine was shared, ` +
      'so absolute times are slow and noisy; the ratios between renderers measured in the same run are what count.',
    '',
    `Each renderer draws a year's largest ${TOP_N.toLocaleString('en')} flows (flowmap.gl's default cap) in the app's map at the same viewport; ` +
      'flowmap.gl once with clustering off, so that it draws the same flows as the others, and once with clustering on ' +
      '(its default: flows between the clusters of the zoom, fewer than the others draw); no renderer draws location circles ' +
      '(the app does; the naive layer has none), so that the pictures hold the same things. ' +
      `${LOADS} fresh page load${LOADS > 1 ? 's' : ''} per renderer and set, interleaved across renderers; each load plays the timeline once ` +
      `(${YEARS.length} years for the synthetic sets, the 6 years with flows for the real data) after one warm-up step ` +
      'and once the page has settled (the map idle, then 1 s: timed from the first frame on, the first steps had measured ' +
      "the load's aftermath, the basemap's labels fading in and the GPU process's work for new layers). " +
      'Medians and 95th percentiles are over all steps of all loads.',
    '',
    '"Ours" is the app\'s shipped code: for region data the page prepares the flows with prepareFlows (src/core/flow-columns.ts, ' +
      'the function the app calls for built-in and imported region data, through flowSet in src/core/arcs.ts) and draws them with the ' +
      "app's FlowLayers; for point data (zoom steps, import) the measurements are taken in the built app itself (tests/bench/app-bench.ts).",
    '',
    '- **CPU part**: main-thread time of the step up to the frame that shows the year, where its draw calls start: ' +
      "the year change and deck.gl's layer updates (data, attributes, buffer uploads).",
    '- **Main thread**: all main-thread time of the step until every draw call of that frame is issued, basemap included ' +
      '(what the map costs per frame whatever the renderer; idle waits between frames left out).',
    '- **Whole frame**: wall time from the year change until that frame is rasterised (a one-pixel read waits for the software rasteriser).',
    '- **First frame**: navigation to the first rasterised frame with flows. **Heap**: V8 heap after load and a garbage collection ' +
      '(typed-array contents live outside it).',
    '',
  );
  lines.push(
    '| flows | renderer | drawn a year | first frame ms | CPU part median / p95 ms | main thread median ms | whole frame median / p95 ms | heap MB |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  const setLabel = (set: string) =>
    set === 'real' ? `real (${sizes[set]!.toLocaleString('en')})` : sizes[set]!.toLocaleString('en');
  for (const [set, byRenderer] of results)
    for (const [name, loads] of byRenderer) {
      const cpu = all(loads, 'cpu');
      const frame = all(loads, 'frame');
      lines.push(
        `| ${setLabel(set)} | ${LABEL[name]} | ` +
          `${loads[0]!.drawn.toLocaleString('en')} | ${fmt(median(loads.map((l) => l.firstFrame)))} | ` +
          `${fmt(median(cpu))} / ${fmt(quantile(cpu, 0.95))} | ${fmt(median(all(loads, 'busy')))} | ${fmt(median(frame))} / ${fmt(quantile(frame, 0.95))} | ` +
          `${fmt(median(loads.map((l) => l.heapMB)))} |`,
      );
    }
  const others = RENDERERS.filter((r) => r !== 'ours');
  lines.push('', '## Ratios, ours ÷ other (below 1: ours is faster)', '');
  lines.push(
    `| flows | ${others.map((o) => `CPU part ÷ ${LABEL[o]}`).join(' | ')} | ${others.map((o) => `whole frame ÷ ${LABEL[o]}`).join(' | ')} |`,
    `|---:|${others.map(() => '---:|---:|').join('')}`,
  );
  const spread: number[] = [];
  for (const [set, byRenderer] of results) {
    const ours = byRenderer.get('ours')!;
    const cell = (other: RendererName, k: 'cpu' | 'frame') => {
      const r = ratio(ours, byRenderer.get(other)!, k);
      spread.push(r.max / r.min);
      return LOADS > 1 ? `${fmt(r.overall)} (per load ${fmt(r.min)}–${fmt(r.max)})` : fmt(r.overall);
    };
    lines.push(
      `| ${set === 'real' ? 'real' : sizes[set]!.toLocaleString('en')} | ${others.map((o) => cell(o, 'cpu')).join(' | ')} | ${others.map((o) => cell(o, 'frame')).join(' | ')} |`,
    );
  }
  if (LOADS > 1)
    lines.push(
      '',
      `Stability: across the ${LOADS} loads, each ratio's largest per-load value is at most ${fmt(Math.max(...spread))}× its smallest ` +
        `(median over all ratios ${fmt(median(spread))}×).`,
    );
  lines.push('');

  const yes = (b: boolean) => (b ? 'met' : '**not met**');
  const oursOf = (r: Map<RendererName, LoadResult[]>) => r.get('ours')!;
  lines.push('## Targets', '');
  // Year step.
  const largest = [...results].filter(([set]) => set !== 'real').at(-1);
  if (largest) {
    const p95 = quantile(all(oursOf(largest[1]), 'cpu'), 0.95);
    const lostCpu = [...results].flatMap(([set, r]) =>
      (['flowmap', 'flowmapClustered'] as const)
        .filter((o) => quantile(all(oursOf(r), 'cpu'), 0.95) >= quantile(all(r.get(o)!, 'cpu'), 0.95))
        .map((o) => `${set} vs ${LABEL[o]}`),
    );
    const smallestFactor = Math.min(
      ...[...results].flatMap(([, r]) =>
        (['flowmap', 'flowmapClustered'] as const).map(
          (o) => quantile(all(r.get(o)!, 'cpu'), 0.95) / quantile(all(oursOf(r), 'cpu'), 0.95),
        ),
      ),
    );
    lines.push(
      `- Year step, CPU part, 95th percentile at ${sizes[largest[0]]!.toLocaleString('en')} flows: ${fmt(p95)} ms (target at most 1 ms): ${yes(p95 <= 1)}. ` +
        `Below flowmap.gl's (clustering off and on) at every size: ${yes(lostCpu.length === 0)}` +
        `${lostCpu.length ? ` (not below: ${lostCpu.join('; ')})` : `, by a factor of at least ${fmt(smallestFactor)}`}.`,
    );
  }
  // Zoom step.
  const flowmapZoom = largest ? largest[1].get('flowmapClustered')!.flatMap((l) => l.zoom ?? []) : [];
  if (points && points.zoom.length) {
    // The CPU part as flowmap.gl's is measured (its own work and deck.gl's updates): in thread time (the target's
    // measure) and in wall time, with the wall time of the whole step beside them.
    const changed = flowmapZoom.filter((z) => z.changed);
    const ours = points.zoom.map((z) => z.threadMs);
    const oursSectionsWall = points.zoom.map((z) => z.cpuMs);
    const oursWall = points.zoom.map((z) => z.wallMs);
    const theirs = changed.map((z) => z.threadMs);
    const theirsSectionsWall = changed.map((z) => z.cpu);
    const theirsWall = changed.map((z) => z.frame);
    const p95 = quantile(ours, 0.95);
    const theirP95 = quantile(theirs, 0.95);
    const spread = (v: number[]) => `median ${fmt(median(v))} ms, 95th percentile ${fmt(quantile(v, 0.95))} ms`;
    lines.push(
      `- Zoom step that changes the cluster level at ${points.pair.flows.toLocaleString('en')} flows (the app with the imported places, ${ours.length} steps ` +
        "of one zoom level in to the deepest level and out again, twice; each step starts, as flowmap.gl's do, with the last frame rasterised, " +
        'and once the places worker has summed every level and sent the levels asked ahead, since its work shares the two cores). ' +
        "CPU part: the main thread's CPU time (thread clock, from a trace of marks around the work: tests/bench/thread-time.ts) making the app's " +
        "layers at every render from the zoom button on and in deck.gl's layer updates, until the frame of the new level: " +
        `${spread(ours)} (target at most 16 ms): ${yes(p95 <= 16)}. ` +
        `The same work's wall time, which also counts what the system gave other threads while it ran (on two cores: the basemap's tile ` +
        `workers and the GPU process's software rasteriser, busiest on a zoom's first visit): ${spread(oursSectionsWall)}. ` +
        "The level's other years' layers are made in the frame after it (wall time): " +
        `${spread(points.zoom.map((z) => z.afterMs))}. ` +
        (theirs.length
          ? `flowmap.gl with clustering on, the same steps on the benchmark page (${theirs.length} steps that changed its flows), its step's own ` +
            `work and deck.gl's updates: thread time ${spread(theirs)}; wall time ${spread(theirsSectionsWall)}. Ours below flowmap.gl's: ` +
            `${yes(p95 < theirP95 && median(ours) < median(theirs))} (thread time: ratios ${fmt(median(ours) / median(theirs))} at the median, ` +
            `${fmt(p95 / theirP95)} at the 95th percentile; wall time: ${fmt(median(oursSectionsWall) / median(theirsSectionsWall))} and ` +
            `${fmt(quantile(oursSectionsWall, 0.95) / quantile(theirsSectionsWall, 0.95))}).`
          : 'flowmap.gl with clustering on was not measured in this run.'),
      "  Wall time from the zoom button to the end of the first frame of the new level (ours: its draw calls issued; flowmap.gl's: " +
        `rasterised, a one-pixel read): ours ${spread(oursWall)}` +
        (theirsWall.length ? `; flowmap.gl's ${spread(theirsWall)}.` : '.'),
      "  The renderer process's task time over all its threads (CDP Performance TaskDuration, which counts the places worker laying out " +
        `the next levels ahead and maplibre's workers, so not the main thread's): ours median ${fmt(median(points.zoom.map((z) => z.taskMs)))} ms` +
        (theirs.length ? `, flowmap.gl's ${fmt(median(changed.map((z) => z.taskMs)))} ms.` : '.'),
    );
  }
  // Whole frame.
  const framesLost = [...results].flatMap(([set, r]) =>
    others
      .filter((o) => median(all(oursOf(r), 'frame')) >= median(all(r.get(o)!, 'frame')))
      .map((o) => `${set} flows vs ${LABEL[o]}`),
  );
  lines.push(
    `- Whole frame faster than flowmap.gl with clustering off and on and than the naive layer at every size (medians): ${yes(framesLost.length === 0)}` +
      `${framesLost.length ? ` (not faster: ${framesLost.join('; ')})` : ''}.`,
  );
  // First frames.
  const real = results.get('real');
  if (real) {
    const first = (r: RendererName) => median(real.get(r)!.map((l) => l.firstFrame));
    const slower = others.filter((o) => first('ours') > first(o));
    lines.push(
      `- First frame with flows on the real data (benchmark page, medians): ours ${fmt(first('ours'))} ms; ` +
        `${others.map((o) => `${LABEL[o]} ${fmt(first(o))} ms (ratio ${fmt(first('ours') / first(o))})`).join(', ')}. ` +
        `No slower than flowmap.gl's and the naive layer's: ${yes(slower.length === 0)}${slower.length ? ` (slower than ${slower.map((o) => LABEL[o]).join(', ')})` : ''}.`,
    );
  }
  const appMedian = median(frames.app);
  const bareMedian = median(frames.bare);
  lines.push(
    `- The app's own first frame with flows on the real data against a bare maplibre map with the same basemap (its first idle frame: ` +
      `style, basemap GeoJSON and its drawing done), ${frames.app.length} loads each, interleaved: app median ${fmt(appMedian)} ms ` +
      `(range ${fmt(Math.min(...frames.app))}–${fmt(Math.max(...frames.app))}), bare map median ${fmt(bareMedian)} ms ` +
      `(range ${fmt(Math.min(...frames.bare))}–${fmt(Math.max(...frames.bare))}): ${fmt(appMedian / bareMedian)} times (target at most 1.2): ${yes(appMedian / bareMedian <= 1.2)}.`,
    '',
  );
  if (points) {
    const row = (name: string, i: ImportInPage) =>
      `| ${name} | ${i.fileMB.toFixed(1)} MB | ${i.seconds.toFixed(1)} s | ${i.peakAboveMB.toFixed(0)} MB (from ${i.baseMB.toFixed(0)} MB) |`;
    lines.push(
      `## Import of ${points.pair.flows.toLocaleString('en')} flows in the browser`,
      '',
      "The built app, a fresh page each, files given to the data panel's buttons. Places: a FlowmapBlue-style pair " +
        '(3,000 places inside the real polygons, flows over 20 years), timed from choosing the files to the summary ' +
        "(read, validate, point in polygon, region flows, clustering, in the places worker). Regions: today's import of a " +
        'flows file naming the 32 units (import-bench.ts\'s file), timed from "read the file" to the summary. Peak memory: ' +
        "resident memory of all the browser's processes, sampled every 200 ms, above its value just before the import.",
      '',
      '| import | files | time | peak memory above the page before |',
      '|---|---:|---:|---:|',
      row('places pair (points)', points.pair),
      row('region flows file (today)', points.region),
      '',
      `Ratios places ÷ regions: time ${fmt(points.pair.seconds / points.region.seconds)}, peak memory ${fmt(points.pair.peakAboveMB / points.region.peakAboveMB)}.`,
      '',
      '### Zoom steps in the app with the imported places',
      '',
      '| zoom | level | renderer tasks, all threads, ms | CPU part, thread time ms | CPU part, wall time ms | frame after, wall ms | step wall ms |',
      '|---|---|---:|---:|---:|---:|---:|',
      ...points.zoom.map(
        (z) =>
          `| ${z.from.toFixed(1)} → ${z.to.toFixed(1)} | ${z.levelFrom} → ${z.levelTo} | ${fmt(z.taskMs)} | ${fmt(z.threadMs)} | ${fmt(z.cpuMs)} | ${fmt(z.afterMs)} | ${fmt(z.wallMs)} |`,
      ),
      '',
    );
    if (flowmapZoom.length)
      lines.push(
        `### Zoom steps of flowmap.gl with clustering on (${sizes[largest![0]]!.toLocaleString('en')} flows)`,
        '',
        '| zoom | flows recomputed | renderer tasks, all threads, ms | CPU part, thread time ms | CPU part, wall time ms | whole frame ms |',
        '|---|---|---:|---:|---:|---:|',
        ...flowmapZoom.map(
          (z) =>
            `| ${z.from.toFixed(1)} → ${z.to.toFixed(1)} | ${z.changed ? 'yes' : 'no'} | ${fmt(z.taskMs)} | ${fmt(z.threadMs)} | ${fmt(z.cpu)} | ${fmt(z.frame)} |`,
        ),
        '',
      );
  }
  if (imported) {
    const s = imported.streaming;
    const b = imported.baseline;
    lines.push(
      '## Import of a 1-million-row flows file in Node',
      '',
      `${imported.rows.toLocaleString('en')} rows (${imported.fileMB.toFixed(0)} MB CSV), read as the app's import worker reads it ` +
        `(stream, papaparse, validation, aggregation), in Node: ${s.seconds.toFixed(2)} s, peak RSS ${s.maxRssMB.toFixed(0)} MB; ` +
        `baseline (whole text, d3-dsv, same validation): ${b.seconds.toFixed(2)} s, ${b.maxRssMB.toFixed(0)} MB ` +
        `(ratios ${(s.seconds / b.seconds).toFixed(2)} and ${(s.maxRssMB / b.maxRssMB).toFixed(2)}).`,
      '',
    );
  }
  lines.push(
    '## A first visit over a slow link',
    '',
    "Measured apart (issue 14): `npm run bench:slow-link` (1 Mbps, 300 ms latency, Chromium's throttling), results and the download waterfall in [slow-link.md](slow-link.md).",
    '',
  );
  return lines.join('\n');
}

/** Writes bench/results.md again from bench/results.json (BENCH_REPORT_ONLY=1, with the run's BENCH_LOADS): after a change of the report's wording. */
function reportAgain(): void {
  const json = JSON.parse(readFileSync(join(REPO_ROOT, 'bench/results.json'), 'utf8')) as {
    renderer: string;
    sizes: Record<string, number>;
    loadAverage: { start: number[]; end: number[] };
    firstFrames: FirstFrames;
    points: AppPoints | null;
    imported: ImportBenchResult | null;
    results: Record<string, Record<RendererName, LoadResult[]>>;
  };
  const results: Results = new Map(
    Object.entries(json.results).map(([set, r]) => [set, new Map(Object.entries(r) as [RendererName, LoadResult[]][])]),
  );
  const text = report(
    results,
    json.sizes,
    json.firstFrames,
    json.points,
    json.imported,
    json.renderer,
    json.loadAverage,
  );
  writeFileSync(join(REPO_ROOT, 'bench/results.md'), text);
}

async function main(): Promise<void> {
  if (process.env.BENCH_REPORT_ONLY === '1') return reportAgain();
  const loadStart = os.loadavg();
  const sizes = writeData();
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', CONFIG], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`bench: ${new Date().toISOString()}; sets ${SETS.join(', ')}; ${LOADS} loads per renderer`);
  const served = await serveDist({ file: CONFIG, outDir: BUILD });
  const browser = await launchBrowser();
  const results: Results = new Map();
  let rendererString: string;
  try {
    {
      const w = await openPage(browser, served.url);
      await w.page.goto(`${served.url}?renderer=ours&set=${SETS[0]}`);
      rendererString = await w.page.evaluate(() => {
        const gl = document.createElement('canvas').getContext('webgl2')!;
        const ext = gl.getExtension('WEBGL_debug_renderer_info');
        return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      });
      await w.context.close();
    }
    for (const set of SETS) {
      const byRenderer = new Map<RendererName, LoadResult[]>(RENDERERS.map((r) => [r, []]));
      results.set(set, byRenderer);
      for (let i = 0; i < LOADS; i++)
        for (const name of RENDERERS) {
          const r = await oneLoad(browser, served.url, name, set);
          byRenderer.get(name)!.push(r);
          console.log(
            `${set.padStart(8)} ${LABEL[name].padEnd(15)} load ${i + 1}: first frame ${fmt(r.firstFrame)} ms, ` +
              `cpu median ${fmt(median(r.cpu))} ms (change ${fmt(median(r.change))}, update ${fmt(median(r.update))}), busy ${fmt(median(r.busy))} ms, frame median ${fmt(median(r.frame))} ms, heap ${fmt(r.heapMB)} MB, drawn ${r.drawn}`,
          );
        }
    }
    const frames = await firstFrames(browser, served.url, APP_LOADS);
    console.log(
      `first frame: app ${frames.app.map(fmt).join(', ')} ms; bare map ${frames.bare.map(fmt).join(', ')} ms`,
    );
    await served.stop();
    const points = POINT_FLOWS > 0 ? await appPoints(browser, POINT_FLOWS) : null;
    if (points) console.log(JSON.stringify(points));
    await browser.close();
    const imported = process.env.BENCH_IMPORT === '0' ? null : await importBench();
    const text = report(results, sizes, frames, points, imported, rendererString, {
      start: loadStart,
      end: os.loadavg(),
    });
    mkdirSync(join(REPO_ROOT, 'bench'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench/results.md'), text);
    // Every measured step, so that the table can be checked or summarised differently.
    writeFileSync(
      join(REPO_ROOT, 'bench/results.json'),
      JSON.stringify({
        date: new Date().toISOString(),
        renderer: rendererString,
        sizes,
        loadAverage: { start: loadStart, end: os.loadavg() },
        firstFrames: frames,
        points,
        imported,
        results: Object.fromEntries([...results].map(([set, r]) => [set, Object.fromEntries(r)])),
      }),
    );
    console.log(`\n${text}`);
  } catch (e) {
    await browser.close().catch(() => {});
    await served.stop().catch(() => {});
    throw e;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
