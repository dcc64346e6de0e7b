/**
 * Vite plugins for the two builds (vite.config.ts): the page's start-up
 * parts (loading screen, start-up script, icons, manifests), the single
 * file's inlining of what a folder cannot serve (workers, GeoJSON), and the
 * Content-Security-Policy, computed last from the page as written.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { bootScript, bootStyles, outlineSvg } from './boot.js';
import { appIcons, DARK_BACKGROUND_COLOUR, iconSvg, THEME_COLOUR } from './icons.js';
import { webManifests } from './manifests.js';
import { kazakhstanOutline } from './outline.js';

export type BuildKind = 'hosted' | 'single';

/**
 * The loading screen and the start-up script, in every build (the dev
 * server too). The app's stylesheet moves below them, so that the screen
 * shows while it loads. The hosted build links its icons and manifest; the
 * single file carries its tab icon inline.
 */
export function startupPage(root: string, kind: BuildKind): Plugin {
  const outline = kazakhstanOutline(`${root}/geo/basemap.geojson`);
  let script: Promise<string> | null = null;
  return {
    name: 'kz:startup-page',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        script ??= bootScript(root);
        const tabIcon = iconSvg(outline, 64, 0.86, true);
        const head = [
          `<style>${bootStyles(root)}</style>`,
          // The installed app's title bar: the icon's colour (a page's theme-color overrides the manifest's).
          `<meta name="theme-color" content="${THEME_COLOUR}" media="(prefers-color-scheme: light)" />`,
          `<meta name="theme-color" content="${DARK_BACKGROUND_COLOUR}" media="(prefers-color-scheme: dark)" />`,
          ...(kind === 'hosted'
            ? [
                '<link rel="icon" href="./icons/icon.svg" type="image/svg+xml" />',
                '<link rel="apple-touch-icon" href="./icons/apple-touch-icon.png" />',
                // The start-up script points it at the visitor's language (src/offline/manifest.ts).
                '<link rel="manifest" href="./manifest.en.webmanifest" />',
              ]
            : [`<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(tabIcon)}" type="image/svg+xml" />`]),
        ];
        const stylesheets: string[] = [];
        return html
          .replace('<html lang="en">', `<html lang="en" data-build="${kind}">`)
          .replace(/\s*<link rel="stylesheet"[^>]*>/g, (link) => {
            stylesheets.push(link.trim());
            return '';
          })
          .replace('</head>', `    ${head.join('\n    ')}\n  </head>`)
          .replace('<!-- boot:outline -->', outlineSvg(outline))
          .replace('<!-- boot:script -->', [`<script>${await script}</script>`, ...stylesheets].join('\n    '));
      },
    },
  };
}

/**
 * The single file carries its GeoJSON in its code (inlineForSingleFile):
 * the page's preload of it would only add a second, base64 copy. Removed
 * before Vite reads the page's links.
 */
export function withoutPreloads(): Plugin {
  return {
    name: 'kz:without-preloads',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(/\s*<!--[^>]*-->\s*<link rel="preload"[^>]*>/g, ''),
    },
  };
}

/**
 * deck.gl's chunk (src/render/drawing.ts, imported dynamically so that the
 * map's outline and maplibre can start first) is fetched from the page's
 * head with the entry script, not once that script has run: on a slow link
 * the request would otherwise wait for the entry's 460 kB and its running
 * (10.0 s to the last byte on 1 Mbps with 300 ms latency, against about 7 s
 * when both travel at once; bench/slow-link.md). Its own imports come with
 * it, and luma.gl's WebGL device chunk, which luma imports dynamically (a
 * few bytes re-exporting from deck.gl's chunk: one more round trip).
 */
export function preloadWithDrawing(): Plugin {
  let deviceChunk: string | undefined;
  return {
    name: 'kz:preload-with-drawing',
    apply: 'build',
    config: () => ({
      build: {
        modulePreload: {
          resolveDependencies: (file, deps) =>
            deviceChunk && /(^|\/)drawing-[^/]*\.js$/.test(file) ? [...deps, deviceChunk] : deps,
        },
      },
    }),
    // Before Vite writes the preload lists (its own generateBundle).
    generateBundle: {
      order: 'pre',
      handler(_, bundle) {
        deviceChunk = Object.keys(bundle).find((f) => /(^|\/)webgl-device-[^/]*\.js$/.test(f));
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler(_, { bundle, chunk }) {
        if (!bundle || !chunk) return [];
        const drawing = chunk.dynamicImports.find((f) => /(^|\/)drawing-[^/]*\.js$/.test(f));
        if (!drawing) throw new Error("kz:preload-with-drawing: no drawing chunk among the entry's dynamic imports");
        const loaded = new Set([chunk.fileName, ...chunk.imports]);
        const files: string[] = [];
        const add = (file: string) => {
          if (loaded.has(file)) return;
          loaded.add(file);
          files.push(file);
          const imported = bundle[file];
          if (imported?.type === 'chunk') imported.imports.forEach(add);
        };
        add(drawing);
        if (deviceChunk) add(deviceChunk);
        return files.map((file) => ({
          tag: 'link',
          // Marked, so that the bundle test tells the drawing's chunks from the entry's own imports.
          attrs: { rel: 'modulepreload', crossorigin: '', href: `./${file}`, 'data-with': 'drawing' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/** The icons and the three web app manifests: written into the hosted build, served by the dev server. */
export function iconsAndManifests(root: string): Plugin {
  const files = () => {
    const icons = appIcons(kazakhstanOutline(`${root}/geo/basemap.geojson`));
    return [...icons, ...webManifests(icons)];
  };
  return {
    name: 'kz:icons-and-manifests',
    configureServer(server) {
      const byPath = new Map(files().map((file) => [`/${file.fileName}`, file]));
      server.middlewares.use((request, response, next) => {
        const file = byPath.get((request.url ?? '').split('?')[0]!);
        if (!file) return next();
        const type = file.fileName.endsWith('.webmanifest')
          ? 'application/manifest+json'
          : 'type' in file
            ? file.type
            : '';
        response.setHeader('Content-Type', type);
        response.end(file.source);
      });
    },
    generateBundle() {
      for (const file of files()) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
    },
  };
}

/**
 * Fonts as woff2 only: @fontsource's styles also name a woff fallback, which
 * only browsers without woff2 fetch, and those cannot run the app (ES2022,
 * WebGL 2). Without it the build ships 110 kB less, and the single file
 * carries no second copy of each font.
 */
export function woff2Only(): Plugin {
  return {
    name: 'kz:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource\/.*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']woff["']\)/g, ''), map: null };
    },
  };
}

/** Vite's own expression for a bundled worker (workerImportMetaUrl in Vite). */
const WORKER_FROM_URL = /new\s+Worker\s*\(\s*new\s+URL\s*\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*,?/g;

/**
 * The single file: what the hosted build fetches as separate files is
 * carried in the page's code, as text (no base64 of text):
 * - the import worker: bundled and started from a blob: URL (Vite's
 *   `?worker&inline`), since browsers refuse workers from file: URLs;
 * - the GeoJSON files: their text, handed to the map as data: URLs, which
 *   any origin may fetch (a page opened from a folder has an opaque origin,
 *   and maplibre's worker started from it another one);
 * - maplibre's worker: its text as a blob: URL (maplibre turns it into a
 *   data: URL itself when the page's origin is opaque).
 */
export function inlineForSingleFile(): Plugin {
  return {
    name: 'kz:inline-for-single-file',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (/\.[cm]?[jt]s$/.test(id) && !id.includes('/node_modules/') && new RegExp(WORKER_FROM_URL.source).test(code)) {
        const imports: string[] = [];
        const replaced = code.replace(WORKER_FROM_URL, (_match, _quote: string, path: string) => {
          const name = `__InlineWorker${imports.length}`;
          imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
          return `new ${name}(`;
        });
        return { code: `${imports.join('\n')}\n${replaced}`, map: null };
      }
      return null;
    },
    load(id) {
      const [file, query] = id.split('?');
      if (query !== 'url' || !file) return null;
      // GeoJSON and TopoJSON (geo/regions.topojson) travel as text in a data: URL.
      if (file.endsWith('.geojson') || file.endsWith('.topojson')) {
        const text = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
        const type = file.endsWith('.topojson') ? 'application/json' : 'application/geo+json';
        return `const text = ${JSON.stringify(text)};\nexport default 'data:${type};charset=utf-8,' + encodeURIComponent(text);`;
      }
      if (/maplibre-gl-worker\.mjs$/.test(file))
        return `export default URL.createObjectURL(new Blob([${JSON.stringify(readFileSync(file, 'utf8'))}], { type: 'text/javascript' }));`;
      return null;
    },
  };
}

/** One policy directive: its name, its sources, and why each source is there. */
export interface Directive {
  name: string;
  sources: string[];
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Writes the Content-Security-Policy into the built page, allowing each of
 * its inline scripts by its hash (never 'unsafe-inline'). Runs last, on the
 * page as written (the single file's inlined code included).
 */
export function contentSecurityPolicy(directives: Directive[]): Plugin {
  return {
    name: 'kz:content-security-policy',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const html = String(file.source);
          const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
          const policy = directives
            .map(({ name, sources }) =>
              [name, ...sources, ...(name === 'script-src' ? inline.map(sha256) : [])].join(' '),
            )
            .join('; ');
          file.source = html.replace(
            '<head>',
            `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
          );
        }
      },
    },
  };
}
