/**
 * Guards the size of what a visitor downloads (as maplibre-gl-js does): the
 * built app must stay small enough for a weak classroom connection.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';

const DIST = join(REPO_ROOT, 'dist');
const BASELINE = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/e2e/bundle-size.json'), 'utf8')) as {
  javascriptGzipKB: number;
  firstLoadGzipKB: number;
  firstLoadLimitKB: number;
  firstFrameGzipKB: number;
};
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / 1024;

describe('the built app', () => {
  const all = files(DIST);
  const js = all.filter((f) => f.endsWith('.js'));

  it('keeps its JavaScript within 5 % of the recorded size (tests/e2e/bundle-size.json)', () => {
    const total = js.reduce((s, f) => s + gzipKb(f), 0);
    console.log(`JavaScript, gzipped: ${total.toFixed(1)} kB (recorded ${BASELINE.javascriptGzipKB} kB)`);
    expect(total).toBeGreaterThan(100);
    expect(total, 'gzipped kB; if this growth is on purpose, record the new size').toBeLessThanOrEqual(
      BASELINE.javascriptGzipKB * 1.05,
    );
  });

  it('loads at most 550 kB gzipped of JavaScript before the page starts (the rest on first use)', () => {
    // What the browser needs before the app's code runs: the entry script and its static imports
    // (modulepreloads); the table view, the help, the import... are chunks the code imports when
    // needed. deck.gl's chunk (src/render/drawing.ts) is a dynamic import too, but the first frame
    // needs it, so the page's head fetches it with the entry (marked data-with="drawing",
    // build/plugins.ts): counted apart, in what the first frame needs.
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const linked = (re: RegExp) => [...html.matchAll(re)].map((m) => join(DIST, m[1]!));
    const entry = linked(/<script type="module"[^>]* src="\.\/([^"]+\.js)"/g);
    const entryImports = linked(/<link rel="modulepreload"(?![^>]*data-with)[^>]* href="\.\/([^"]+\.js)"/g);
    const drawing = linked(/<link rel="modulepreload"[^>]* href="\.\/([^"]+\.js)"[^>]*data-with="drawing"/g);
    const firstLoad = [...entry, ...entryImports];
    expect(entry).toHaveLength(1);
    expect(drawing.some((f) => /drawing-[^/]*\.js$/.test(f))).toBe(true);
    const kb = firstLoad.reduce((s, f) => s + gzipKb(f), 0);
    const firstFrameKb = kb + drawing.reduce((s, f) => s + gzipKb(f), 0);
    console.log(
      `JavaScript at first load, gzipped: ${kb.toFixed(1)} kB (recorded ${BASELINE.firstLoadGzipKB} kB); ` +
        `with deck.gl's chunks, before the first frame: ${firstFrameKb.toFixed(1)} kB (recorded ${BASELINE.firstFrameGzipKB} kB)`,
    );
    expect(kb).toBeLessThanOrEqual(BASELINE.firstLoadLimitKB);
    expect(kb, 'gzipped kB; if this growth is on purpose, record the new size').toBeLessThanOrEqual(
      BASELINE.firstLoadGzipKB * 1.05,
    );
    expect(firstFrameKb, 'gzipped kB; if this growth is on purpose, record the new size').toBeLessThanOrEqual(
      BASELINE.firstFrameGzipKB * 1.05,
    );
    // The drawing (deck.gl) is a chunk of its own, not in the entry (a deck.gl error text marks it).
    expect(readFileSync(entry[0]!, 'utf8').includes('supports one interleaved overlay per map')).toBe(false);
  });

  it('leaves build-time libraries out (turf, the benchmark peer flowmap.gl)', () => {
    const text = js.map((f) => readFileSync(f, 'utf8')).join('\n');
    // Strings that survive minification: turf's error texts, flowmap.gl's layer name.
    for (const marker of ['coordinates must be at least 2 numbers long', 'coord is required', 'FlowLinesLayer'])
      expect(text.includes(marker), marker).toBe(false);
  });

  it('keeps everything it ships under 5 MB on disk', () => {
    // 4 MB before the Excel reader (0.5 MB, fetched only when a workbook is imported).
    const total = all.reduce((s, f) => s + statSync(f).size, 0) / 1024 / 1024;
    expect(total).toBeLessThan(5);
  });

  it('ships only the font subsets the three languages need', () => {
    const fonts = all.filter((f) => /\.woff2?$/.test(f)).map((f) => f.split('/').pop()!);
    expect(fonts.some((f) => f.includes('cyrillic-ext'))).toBe(true);
    expect(fonts.filter((f) => /greek|vietnamese|devanagari/.test(f))).toEqual([]);
  });

  it('loads nothing from another origin in its page', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)=["']https?:/);
  });
});
