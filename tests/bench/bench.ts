/**
 * `npm run bench`: speed on the real data, as ratios against a baseline
 * measured in the same run (machines here are noisy; absolute times are only
 * context).
 *
 * 1. Navigation to the first frame with arcs (built app, headless Chromium).
 * 2. A year step over a played timeline: the app's way (prepared typed arrays,
 *    a filter range and a colour lookup) against a baseline that rebuilds
 *    every layer's data on each step. Wall time to the next drawn frame, so
 *    it includes software WebGL drawing, which both share.
 * 3. The CPU-side work of a year step alone, in Node: preparing the step's
 *    inputs against rebuilding the typed arrays.
 */
import os from 'node:os';
import type { Page } from 'playwright-core';
import { readTableTexts } from '../../data/read-tables';
import { arcFilterRange, buildArcBuffers, externalArcs, internalArcs } from '../../src/data/arcs';
import { ChoroplethColours } from '../../src/data/choropleth';
import { loadDataset } from '../../src/data/load';
import { buildNodeBuffers } from '../../src/data/nodes';
import { launchBrowser, openPage, serveDist, waitForMap } from '../e2e/harness';

const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Steps through every year of the timeline in the page; returns ms per step to the next deck frame. */
async function stepTimeline(page: Page, rebuild: boolean, rounds: number): Promise<number[]> {
  return page.evaluate(
    async ({ rebuild, rounds }) => {
      type AppLike = {
        playback: { years: number[] };
        update(p: { year: number }): void;
        rebuildPrepared(): void;
        framesSinceUpdate: number;
      };
      const app = (window as unknown as { __app: AppLike }).__app;
      const nextFrame = () =>
        new Promise<void>((resolve, reject) => {
          const deadline = performance.now() + 30_000;
          const poll = () => {
            if (app.framesSinceUpdate > 0) resolve();
            else if (performance.now() > deadline) reject(new Error('no frame within 30 s'));
            else requestAnimationFrame(poll);
          };
          poll();
        });
      const times: number[] = [];
      for (let r = 0; r < rounds; r++)
        for (const year of app.playback.years) {
          const t0 = performance.now();
          if (rebuild) app.rebuildPrepared();
          app.update({ year });
          await nextFrame();
          times.push(performance.now() - t0);
        }
      return times;
    },
    { rebuild, rounds },
  );
}

/** A redraw with nothing changed: what one frame costs here, the floor of any step. */
async function repaints(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    type AppLike = { framesDrawn: number; map: { map: { triggerRepaint(): void } } };
    const app = (window as unknown as { __app: AppLike }).__app;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const before = app.framesDrawn;
      app.map.map.triggerRepaint();
      await new Promise<void>((resolve) => {
        const poll = () => (app.framesDrawn > before ? resolve() : requestAnimationFrame(poll));
        poll();
      });
      times.push(performance.now() - t0);
    }
    return times;
  }, count);
}

function cpuStep(iterations: number) {
  const { model, measures } = loadDataset(readTableTexts());
  const positionOf = (code: string) => model.units.get(code)?.centre ?? model.anchors.get(code);
  const years: number[] = [];
  for (let y = model.yearRange[0]; y <= model.yearRange[1]; y++) years.push(y);
  const prepared = new ChoroplethColours(measures);
  buildArcBuffers(internalArcs(model), positionOf);
  const time = (fn: (year: number) => void) => {
    const out: number[] = [];
    for (let i = 0; i < iterations; i++)
      for (const y of years) {
        const t0 = performance.now();
        fn(y);
        out.push(performance.now() - t0);
      }
    return out;
  };
  // Warm both paths so that the first-call compilation is not measured.
  const appWay = (y: number) => {
    prepared.colours('net', y, 'fixed');
    arcFilterRange(y, 0, 50);
  };
  const baseline = (y: number) => {
    buildArcBuffers(internalArcs(model), positionOf);
    buildArcBuffers(externalArcs(model), positionOf);
    buildNodeBuffers(model);
    new ChoroplethColours(measures).colours('net', y, 'fixed');
  };
  time(appWay);
  time(baseline);
  return { app: time(appWay), baseline: time(baseline) };
}

async function main(): Promise<void> {
  console.log(
    `bench: ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, Chromium (SwiftShader software WebGL)`,
  );
  const served = await serveDist();
  const browser = await launchBrowser();
  try {
    const firstFrame: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const w = await openPage(browser, served.url);
      await w.page.goto(served.url);
      await waitForMap(w.page, 120_000);
      firstFrame.push(
        await w.page.evaluate(() => (window as unknown as { __app: { firstFrameAt: number } }).__app.firstFrameAt),
      );
      await w.context.close();
    }
    console.log(
      `\n1. navigation -> first frame with arcs (${LOADS} loads): median ${ms(median(firstFrame))}, max ${ms(Math.max(...firstFrame))}`,
    );

    const w = await openPage(browser, served.url);
    // tsx keeps function names with a __name helper that the page does not have.
    await w.page.addInitScript({ content: 'window.__name = (f) => f;' });
    await w.page.goto(served.url);
    await waitForMap(w.page, 120_000);
    const baseline = await stepTimeline(w.page, true, ROUNDS);
    const prepared = await stepTimeline(w.page, false, ROUNDS);
    const frames = await repaints(w.page, prepared.length);
    await w.context.close();
    const [pm, p95, bm, b95] = [median(prepared), quantile(prepared, 0.95), median(baseline), quantile(baseline, 0.95)];
    console.log(`\n2. year step to the next drawn frame, ${prepared.length} steps over the played timeline`);
    console.log(`   prepared (the app):        median ${ms(pm)}, p95 ${ms(p95)}`);
    console.log(`   baseline (rebuild layers): median ${ms(bm)}, p95 ${ms(b95)}`);
    console.log(`   ratio app/baseline:        median ${(pm / bm).toFixed(2)}, p95 ${(p95 / b95).toFixed(2)}`);
    const [fm, f95] = [median(frames), quantile(frames, 0.95)];
    console.log(`   one redraw, nothing changed: median ${ms(fm)}, p95 ${ms(f95)}`);
    console.log(`   ratio step/redraw:         median ${(pm / fm).toFixed(2)} (1.00 = a step costs one frame)`);

    const cpu = cpuStep(20);
    const [cm, c95, cbm, cb95] = [
      median(cpu.app),
      quantile(cpu.app, 0.95),
      median(cpu.baseline),
      quantile(cpu.baseline, 0.95),
    ];
    console.log(`\n3. CPU work of a year step in Node, ${cpu.app.length} steps`);
    console.log(`   prepared (the app):        median ${cm.toFixed(4)} ms, p95 ${c95.toFixed(4)} ms`);
    console.log(`   baseline (rebuild arrays): median ${cbm.toFixed(3)} ms, p95 ${cb95.toFixed(3)} ms`);
    console.log(`   ratio app/baseline:        median ${(cm / cbm).toFixed(4)}, p95 ${(c95 / cb95).toFixed(4)}`);
  } finally {
    await browser.close();
    await served.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
