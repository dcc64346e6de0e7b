/**
 * The app's first frame against another build of it, load after load
 * interleaved in one browser (issue 12: "the first frame no slower than
 * today"). Build the other version apart and give its dist folder:
 *
 *   git worktree add ../before <commit> && (cd ../before && npm ci && npx vite build)
 *   npm run build && npx tsx tests/bench/first-frame-versus.ts ../before/dist [loads]
 *
 * Each load is a first visit (fresh context, service worker allowed) at
 * 1280 × 800; the first frame is the app's own mark (window.__app.firstFrameAt:
 * the end of the first map frame drawn with its layers). Writes
 * bench/first-frame-versus.md.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../data/read-tables';
import { launchBrowser, openPage, waitForMap } from '../e2e/harness';

const other = resolve(process.argv[2] ?? '');
const LOADS = Number(process.argv[3] ?? 9);

async function serve(outDir: string, port: number): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], // prettier-ignore
    { cwd: REPO_ROOT, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${outDir} was not served`);
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

async function main(): Promise<void> {
  if (!process.argv[2]) throw new Error('usage: first-frame-versus.ts <other dist folder> [loads]');
  const load = os.loadavg();
  const servers = { now: await serve(join(REPO_ROOT, 'dist'), 5301), other: await serve(other, 5302) };
  const browser = await launchBrowser();
  const times: Record<'now' | 'other', number[]> = { now: [], other: [] };
  try {
    for (let i = 0; i < LOADS; i++)
      for (const name of ['now', 'other'] as const) {
        const { url } = servers[name];
        const w = await openPage(browser, url, { width: 1280, height: 800, serviceWorkers: 'allow' });
        await w.page.goto(url);
        await waitForMap(w.page, 120_000);
        times[name].push(await w.page.evaluate(() => window.__app!.firstFrameAt!));
        if (w.consoleErrors.length) throw new Error(`${name}: ${w.consoleErrors.join('\n')}`);
        await w.context.close();
        console.log(`${name} load ${i + 1}: ${times[name].at(-1)!.toFixed(0)} ms`);
      }
  } finally {
    await browser.close();
    servers.now.stop();
    servers.other.stop();
  }
  const ratio = median(times.now) / median(times.other);
  const text = [
    '# The first frame against another build',
    '',
    `Written by \`tests/bench/first-frame-versus.ts\` on ${new Date().toISOString().slice(0, 10)}: this build (dist) against ` +
      `\`${process.argv[2]}\`, ${LOADS} first visits each, interleaved, 1280 × 800, headless Chromium with software WebGL. ` +
      `Load average at the start ${load.map((l) => l.toFixed(1)).join(' / ')}.`,
    '',
    '| build | median ms | loads ms |',
    '|---|---:|---|',
    `| this build | ${median(times.now).toFixed(0)} | ${times.now.map((t) => t.toFixed(0)).join(', ')} |`,
    `| ${process.argv[2]} | ${median(times.other).toFixed(0)} | ${times.other.map((t) => t.toFixed(0)).join(', ')} |`,
    '',
    `Ratio of the medians, this build ÷ the other: ${ratio.toFixed(3)}.`,
    '',
  ].join('\n');
  writeFileSync(join(REPO_ROOT, 'bench/first-frame-versus.md'), text);
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
