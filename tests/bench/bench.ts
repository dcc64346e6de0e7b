/**
 * `npm run bench`: speed at scale, side by side, in one run on one machine.
 *
 * Flow sets: the real data, and seeded synthetic sets of 1 thousand to 1
 * million flows over 20 years on 3,000 locations inside the real polygons
 * (tests/bench/synthetic.ts). Renderers (tests/bench/page/renderers.ts): ours,
 * flowmap.gl's FlowmapLayer and a naive deck.gl ArcLayer, each in the app's
 * map at the same viewport, headless Chromium with software WebGL.
 *
 * For each set and renderer: navigation to the first frame with flows, the
 * year step over a played timeline (CPU part and whole frame, median and 95th
 * percentile), the JavaScript heap after load; then the app itself: its first
 * frame on the real data; and the 1-million-row import (import-bench.ts).
 * Loads are interleaved across renderers (ours, flowmap.gl, naive, ours, ...)
 * so that drift of the machine hits all three alike; the ratios are computed
 * per load as well, and their spread is printed to show whether they are stable.
 *
 * Writes bench/results.md. BENCH_LOADS (default 3) sets the loads per renderer
 * and set; BENCH_SETS (e.g. "real,1000") the sets.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../data/read-tables';
import { launchBrowser, openPage, serveDist, waitForMap } from '../e2e/harness';
import { main as importBench, type ImportBenchResult } from './import-bench';
import { RENDERERS, TOP_N, type RendererName } from './page/config';
import { encodeFlows, realFlows, syntheticFlows, syntheticLocations, YEARS } from './synthetic';

const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const SETS = (process.env.BENCH_SETS ?? 'real,1000,10000,100000,1000000').split(',');
const VIEWPORT = { width: 1280, height: 800 };
/** Loads of the app for its first frame: it varies by a few hundred ms from load to load on these machines. */
const APP_LOADS = Math.max(LOADS, 9);
const BUILD = join(REPO_ROOT, 'tests/bench/.build');
const DATA = join(REPO_ROOT, 'tests/bench/.data/data');
const CONFIG = join(REPO_ROOT, 'tests/bench/vite.config.ts');
const LABEL: Record<RendererName, string> = { ours: 'ours', flowmap: 'flowmap.gl', naive: 'naive ArcLayer' };

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
    // One played timeline, year by year, after a warm-up step to the last year.
    const steps = await w.page.evaluate(async () => {
      type Step = { cpu: number; change: number; update: number; busy: number; frame: number };
      type BenchSteps = { years: number[]; step(y: number): Promise<Step>; repaint(): Promise<Step> };
      const b = (window as unknown as { __bench: BenchSteps }).__bench;
      await b.step(b.years[b.years.length - 1]!);
      const out: Step[] = [];
      for (const y of b.years) out.push(await b.step(y));
      const repaints: number[] = [];
      for (let i = 0; i < 10; i++) repaints.push((await b.repaint()).cpu);
      return { out, repaints };
    });
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
    };
  } finally {
    await w.context.close();
  }
}

/** The app's own first frame with arcs on the real data (window.__app.firstFrameAt). */
async function appFirstFrames(browser: Browser): Promise<number[]> {
  const served = await serveDist();
  try {
    const out: number[] = [];
    for (let i = 0; i < APP_LOADS; i++) {
      // A first visit as users make it: the service worker registers and stores the app.
      const w = await openPage(browser, served.url, { ...VIEWPORT, serviceWorkers: 'allow' });
      await w.page.goto(served.url);
      await waitForMap(w.page, 120_000);
      out.push(await w.page.evaluate(() => window.__app!.firstFrameAt!));
      await w.context.close();
    }
    return out;
  } finally {
    await served.stop();
  }
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
  app: number[],
  imported: ImportBenchResult | null,
  renderer: string,
): string {
  const lines: string[] = [];
  const date = new Date().toISOString().slice(0, 10);
  lines.push('# Benchmark results', '');
  lines.push(
    `Written by \`npm run bench\` on ${date}: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ` +
      `Chromium headless, viewport ${VIEWPORT.width}×${VIEWPORT.height} at device pixel ratio 1, WebGL renderer \`${renderer}\`.`,
    '',
    `Each renderer draws a year's largest ${TOP_N.toLocaleString('en')} flows (flowmap.gl's default cap) in the app's map at the same viewport; ` +
      'flowmap.gl with clustering off, so that all three draw the same flows, and no renderer draws location circles ' +
      '(the app does; the naive layer has none), so that the pictures hold the same things. ' +
      `${LOADS} fresh page loads per renderer and set, interleaved across renderers; each load plays the timeline once ` +
      `(${YEARS.length} years for the synthetic sets, the 6 years with flows for the real data) after one warm-up step. ` +
      'Medians and 95th percentiles are over all steps of all loads.',
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
  for (const [set, byRenderer] of results)
    for (const [name, loads] of byRenderer) {
      const cpu = all(loads, 'cpu');
      const frame = all(loads, 'frame');
      lines.push(
        `| ${set === 'real' ? `real (${sizes[set]!.toLocaleString('en')})` : sizes[set]!.toLocaleString('en')} | ${LABEL[name]} | ` +
          `${loads[0]!.drawn.toLocaleString('en')} | ${fmt(median(loads.map((l) => l.firstFrame)))} | ` +
          `${fmt(median(cpu))} / ${fmt(quantile(cpu, 0.95))} | ${fmt(median(all(loads, 'busy')))} | ${fmt(median(frame))} / ${fmt(quantile(frame, 0.95))} | ` +
          `${fmt(median(loads.map((l) => l.heapMB)))} |`,
      );
    }
  lines.push('', '## Ratios, ours ÷ other (below 1: ours is faster)', '');
  lines.push(
    '| flows | CPU part ÷ flowmap.gl | CPU part ÷ naive | whole frame ÷ flowmap.gl | whole frame ÷ naive |',
    '|---:|---:|---:|---:|---:|',
  );
  const spread: number[] = [];
  for (const [set, byRenderer] of results) {
    const ours = byRenderer.get('ours')!;
    const cell = (other: RendererName, k: 'cpu' | 'frame') => {
      const r = ratio(ours, byRenderer.get(other)!, k);
      spread.push(r.max / r.min);
      return `${fmt(r.overall)} (per load ${fmt(r.min)}–${fmt(r.max)})`;
    };
    lines.push(
      `| ${set === 'real' ? 'real' : sizes[set]!.toLocaleString('en')} | ${cell('flowmap', 'cpu')} | ${cell('naive', 'cpu')} | ` +
        `${cell('flowmap', 'frame')} | ${cell('naive', 'frame')} |`,
    );
  }
  lines.push(
    '',
    `Stability: across the ${LOADS} loads, each ratio's largest per-load value is at most ${fmt(Math.max(...spread))}× its smallest ` +
      `(median over all ratios ${fmt(median(spread))}×).`,
    '',
  );

  lines.push('## Targets', '');
  const upTo100k = [...results].filter(([set]) => set === 'real' || Number(set) <= 100_000);
  const cpuP95 = Math.max(...upTo100k.map(([, r]) => quantile(all(r.get('ours')!, 'cpu'), 0.95)));
  const vsNaive = Math.min(
    ...upTo100k.map(([, r]) => median(all(r.get('naive')!, 'cpu')) / median(all(r.get('ours')!, 'cpu'))),
  );
  // The target names the 95th percentile; over a few dozen steps the tail is noisy, so medians judge it and the tail is shown.
  const vsNaiveP95 = upTo100k.map(([, r]) => {
    const pooled = quantile(all(r.get('naive')!, 'cpu'), 0.95) / quantile(all(r.get('ours')!, 'cpu'), 0.95);
    const perLoad = r.get('ours')!.map((l, i) => quantile(r.get('naive')![i]!.cpu, 0.95) / quantile(l.cpu, 0.95));
    return { pooled, min: Math.min(...perLoad), max: Math.max(...perLoad) };
  });
  const framesLost = [...results].flatMap(([set, r]) =>
    (['flowmap', 'naive'] as const)
      .filter((o) => median(all(r.get('ours')!, 'frame')) >= median(all(r.get(o)!, 'frame')))
      .map((o) => `${set} flows vs ${LABEL[o]}`),
  );
  const framesWon = framesLost.length === 0;
  const yes = (b: boolean) => (b ? 'met' : '**not met**');
  const floor = median([...results.values()].flatMap((r) => [...r.values()].flatMap((loads) => all(loads, 'repaint'))));
  lines.push(
    `- CPU part of a year step, 95th percentile, up to 100 thousand flows: at most ${fmt(cpuP95)} ms (target 4 ms): ${yes(cpuP95 <= 4)}.`,
    `- CPU part at least 20 times below the naive baseline up to 100 thousand flows: smallest factor ${fmt(vsNaive)}: ${yes(vsNaive >= 20)}. ` +
      `Every step includes asking deck.gl for a frame: timed alone, with nothing changed, that costs ${fmt(floor)} ms (median over all loads). ` +
      `At the 95th percentile the factor is at least ${fmt(Math.min(...vsNaiveP95.map((v) => v.pooled)))} over all steps, ` +
      `but one load's 95th percentile varies too much to rely on (factors ${fmt(Math.min(...vsNaiveP95.map((v) => v.min)))}–${fmt(Math.max(...vsNaiveP95.map((v) => v.max)))}), so the medians judge.`,
    `- Whole frame faster than flowmap.gl and the naive baseline at every size (medians): ${yes(framesWon)}${framesWon ? '' : ` (not faster: ${framesLost.join('; ')})`}.`,
    `- The app's first frame with flows on the real data, ${app.length} loads: median ${fmt(median(app))} ms, range ${fmt(Math.min(...app))}–${fmt(Math.max(...app))} ms (target under 2,000 ms): ${yes(median(app) < 2000)}.`,
    '',
  );
  if (imported) {
    const s = imported.streaming;
    const b = imported.baseline;
    lines.push(
      '## Import of a 1-million-row flows file',
      '',
      `${imported.rows.toLocaleString('en')} rows (${imported.fileMB.toFixed(0)} MB CSV), read as the app's import worker reads it ` +
        `(stream, papaparse, validation, aggregation), in Node: ${s.seconds.toFixed(2)} s, peak RSS ${s.maxRssMB.toFixed(0)} MB; ` +
        `baseline (whole text, d3-dsv, same validation): ${b.seconds.toFixed(2)} s, ${b.maxRssMB.toFixed(0)} MB ` +
        `(ratios ${(s.seconds / b.seconds).toFixed(2)} and ${(s.maxRssMB / b.maxRssMB).toFixed(2)}).`,
      '',
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
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
    await served.stop();
    const app = await appFirstFrames(browser);
    console.log(`app first frame (real data): ${app.map(fmt).join(', ')} ms`);
    await browser.close();
    const imported = process.env.BENCH_IMPORT === '0' ? null : await importBench();
    const text = report(results, sizes, app, imported, rendererString);
    mkdirSync(join(REPO_ROOT, 'bench'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench/results.md'), text);
    // Every measured step, so that the table can be checked or summarised differently.
    writeFileSync(
      join(REPO_ROOT, 'bench/results.json'),
      JSON.stringify({
        date: new Date().toISOString(),
        renderer: rendererString,
        sizes,
        app,
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
