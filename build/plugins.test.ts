import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../data/read-tables';
import { contentSecurityPolicy, inlineForSingleFile, woff2Only } from './plugins';

type Hook = (...args: unknown[]) => unknown;
const hook = (plugin: Plugin, name: 'transform' | 'load' | 'generateBundle'): Hook => {
  const h = plugin[name] as Hook | { handler: Hook };
  return typeof h === 'function' ? h : h.handler;
};

describe('the Content-Security-Policy', () => {
  it('allows each inline script by its hash, written into the page as built', () => {
    const page = {
      type: 'asset',
      fileName: 'index.html',
      source:
        '<html><head><script type="module" src="./a.js"></script></head><body><script>boot()</script><script type="module">app()</script></body></html>',
    };
    hook(
      contentSecurityPolicy([
        { name: 'script-src', sources: ["'self'"] },
        { name: 'object-src', sources: ["'none'"] },
      ]),
      'generateBundle',
    )({}, { 'index.html': page });
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(page.source).toContain(
      `<meta http-equiv="Content-Security-Policy" content="script-src 'self' ${hash('boot()')} ${hash('app()')}; object-src 'none'" />`,
    );
    expect(page.source).not.toContain('unsafe-inline');
  });
});

describe('the single file', () => {
  const plugin = inlineForSingleFile();

  it('starts the import worker from the page’s own code (a blob: URL), not from a file', () => {
    const code =
      "export function w() {\n  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });\n}";
    const out = hook(plugin, 'transform')(code, '/repo/src/import/import-client.ts') as { code: string };
    expect(out.code).toContain(`import __InlineWorker0 from "./import.worker.ts?worker&inline";`);
    expect(out.code).toContain("return new __InlineWorker0( { type: 'module' });");
    expect(out.code).not.toContain('import.meta.url');
    // Libraries' code is left as it is.
    expect(hook(plugin, 'transform')(code, '/repo/node_modules/x/index.js')).toBeNull();
  });

  it('carries the GeoJSON and TopoJSON as text, handed over as a data: URL (no base64)', async () => {
    for (const [name, type] of [
      ['geo/basemap.geojson', 'application/geo+json'],
      ['geo/regions.topojson', 'application/json'],
    ] as const) {
      const file = join(REPO_ROOT, name);
      const code = hook(plugin, 'load')(`${file}?url`) as string;
      expect(code).not.toContain('base64');
      const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: string };
      expect(module.default.startsWith(`data:${type};charset=utf-8,`)).toBe(true);
      const served = await (await fetch(module.default)).json();
      expect(served).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    }
    // Other ?url imports are Vite's.
    expect(hook(plugin, 'load')(`${join(REPO_ROOT, 'index.html')}?url`)).toBeNull();
  });

  it('ships the fonts as woff2 only', () => {
    const css = "src: url(./files/a-400.woff2) format('woff2'), url(./files/a-400.woff) format('woff');";
    const out = hook(woff2Only(), 'transform')(css, '/repo/node_modules/@fontsource/noto-sans/latin-400.css') as {
      code: string;
    };
    expect(out.code).toBe("src: url(./files/a-400.woff2) format('woff2');");
  });
});
