/**
 * `npm run bench:slow-link`: a first visit over a slow classroom link, 1 Mbps
 * down and up with 300 ms of latency (Chromium's own throttling, CDP
 * Network.emulateNetworkConditions), to the built app as `npm start`
 * serves it (vite preview), with an empty cache (a fresh browser profile).
 *
 * For each load (each after one at full speed, whose first frame is the
 * machine's own drawing time): seconds from navigation to the loading screen with
 * Kazakhstan's outline (first contentful paint: the loading screen is the
 * page's first content, before any script), to the first map frame (the app's
 * firstFrameAt), and what was downloaded before it: each file's bytes on
 * the wire and when it finished, so that what holds the first frame back can
 * be read off. Writes bench/slow-link.md. SLOW_LINK_LOADS (default 2) sets
 * the loads.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../data/read-tables';
import { launchBrowser, openPage, serveDist } from '../e2e/harness';

const LOADS = Number(process.env.SLOW_LINK_LOADS ?? 2);
const LINK = { latencyMs: 300, bitsPerSecond: 1_000_000 };
const TARGET_S = 10;

interface Download {
  name: string;
  bytes: number;
  /** Seconds from navigation to its request. */
  startS: number;
  /** Seconds from navigation to the end of its response. */
  endS: number;
}

interface Load {
  outlineS: number;
  firstFrameS: number;
  downloads: Download[];
}

async function load(url: string, throttled: boolean): Promise<Load> {
  const browser = await launchBrowser();
  try {
    const w = await openPage(browser, url, { width: 1280, height: 800, serviceWorkers: 'allow' });
    const cdp = await w.context.newCDPSession(w.page);
    await cdp.send('Network.enable');
    if (throttled)
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: LINK.latencyMs,
        downloadThroughput: LINK.bitsPerSecond / 8,
        uploadThroughput: LINK.bitsPerSecond / 8,
      });
    // Every finished download, the workers' too (maplibre's worker fetches the basemap itself).
    const finished: { name: string; bytes: number; startedAt: number; at: number }[] = [];
    w.context.on('requestfinished', (request) => {
      const at = Date.now();
      request.sizes().then(
        (sizes) =>
          finished.push({
            name: new URL(request.url()).pathname.split('/').pop() || '(page)',
            bytes: sizes.responseBodySize + sizes.responseHeadersSize,
            startedAt: request.timing().startTime,
            at,
          }),
        // A download still going when the browser closes (after the first frame) is not counted.
        () => undefined,
      );
    });
    // The service worker would start precaching once the map is up; it does not touch the first view.
    await w.page.goto(url, { waitUntil: 'commit' });
    await w.page.waitForFunction(
      () => (window as unknown as { __app?: { firstFrameAt: number | null } }).__app?.firstFrameAt != null,
      null,
      { timeout: 300_000, polling: 100 },
    );
    const measured = await w.page.evaluate(() => ({
      // The loading screen is the page's first content, before any script.
      outline: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      firstFrame: (window as unknown as { __app: { firstFrameAt: number } }).__app.firstFrameAt,
      now: performance.now(),
    }));
    // The test's clock onto the page's (whose zero is the navigation's start): its "now" was about this moment.
    const offset = Date.now() - measured.now;
    return {
      outlineS: measured.outline / 1000,
      firstFrameS: measured.firstFrame / 1000,
      downloads: finished
        .filter((d) => d.at - offset <= measured.firstFrame)
        .map((d) => ({
          name: d.name,
          bytes: d.bytes,
          startS: (d.startedAt - offset) / 1000,
          endS: (d.at - offset) / 1000,
        })),
    };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const served = await serveDist();
  const loads: Load[] = [];
  const unthrottled: Load[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      // Interleaved with a load at full speed, so that the machine's own drawing time is known.
      const fast = await load(served.url, false);
      const result = await load(served.url, true);
      console.log(
        `load ${i + 1}: outline ${result.outlineS.toFixed(1)} s, first map frame ${result.firstFrameS.toFixed(1)} s (unthrottled ${fast.firstFrameS.toFixed(1)} s)`,
      );
      loads.push(result);
      unthrottled.push(fast);
    }
  } finally {
    await served.stop();
  }
  const last = loads[loads.length - 1]!;
  const total = last.downloads.reduce((s, d) => s + d.bytes, 0);
  const lines = [
    '# A first visit over a slow link',
    '',
    `Written by \`npm run bench:slow-link\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model.trim()} × ${os.cpus().length}, Chromium headless with software WebGL, 1280 × 800.`,
    `Link: ${LINK.bitsPerSecond / 1e6} Mbps down and up, ${LINK.latencyMs} ms latency (Chromium's throttling), empty cache, the app as \`npm start\` serves it (vite preview). ${LOADS} loads.`,
    '',
    '| | median s | loads s | target |',
    '|---|---:|---:|---|',
    `| Kazakhstan's outline and the loading message on screen | ${median(loads.map((l) => l.outlineS)).toFixed(1)} | ${loads.map((l) => l.outlineS.toFixed(1)).join(', ')} | as soon as the page arrives |`,
    `| first map frame | ${median(loads.map((l) => l.firstFrameS)).toFixed(1)} | ${loads.map((l) => l.firstFrameS.toFixed(1)).join(', ')} | under ${TARGET_S} s |`,
    `| first map frame without throttling (this machine's drawing: software WebGL) | ${median(unthrottled.map((l) => l.firstFrameS)).toFixed(1)} | ${unthrottled.map((l) => l.firstFrameS.toFixed(1)).join(', ')} | |`,
    '',
    `Downloaded before the first map frame (last load, workers' downloads included): ${(total / 1024).toFixed(0)} kB on the wire, at least ${((total * 8) / LINK.bitsPerSecond).toFixed(1)} s at ${LINK.bitsPerSecond / 1e6} Mbps before latency.`,
    '',
    '| file | kB on the wire | requested at s | done at s (about) |',
    '|---|---:|---:|---:|',
    ...[...last.downloads]
      .sort((a, b) => a.endS - b.endS)
      .map((d) => `| ${d.name} | ${(d.bytes / 1024).toFixed(1)} | ${d.startS.toFixed(1)} | ${d.endS.toFixed(1)} |`),
    '',
  ];
  writeFileSync(join(REPO_ROOT, 'bench/slow-link.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

await main();
