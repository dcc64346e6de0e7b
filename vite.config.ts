import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { defineConfig } from 'vitest/config';
import {
  contentSecurityPolicy,
  iconsAndManifests,
  inlineForSingleFile,
  preloadWithDrawing,
  startupPage,
  withoutPreloads,
  woff2Only,
  type BuildKind,
  type Directive,
} from './build/plugins.js';
import { SINGLE_FILE_NAME } from './src/boot/messages.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * The built page's Content-Security-Policy (written by build/plugins.ts,
 * which adds the hash of each inline script to script-src). Scripts only
 * from the page itself; no connection off the page's origin. What the
 * libraries need, and why:
 * - script-src 'self' + the start-up script's hash: the app's modules are
 *   files of the origin; the start-up script is inline (it must run where
 *   module scripts do not: a page opened from a folder, an old browser), and
 *   is allowed by its hash alone, never by 'unsafe-inline'.
 * - worker-src 'self' blob: maplibre's worker, the import worker and the
 *   service worker (sw.js) are same-origin files; blob: covers libraries that
 *   build workers from code.
 * - connect-src 'self' data: blob: the map fetches its GeoJSON and maplibre its
 *   worker from the origin (the service worker answers them offline);
 *   maplibre and loaders read data:/blob: URLs.
 * - img-src 'self' data: blob: maplibre and deck.gl make images from data;
 *   the icons are files of the origin.
 * - style-src 'self' 'unsafe-inline': the interface and maplibre set inline
 *   style attributes (positions, colours), and the loading screen's styles
 *   are inline so that it shows before the stylesheet arrives; styles
 *   cannot run script.
 * - font-src 'self' data: the bundled Noto Sans.
 * - manifest-src 'self': the web app manifests (one per language).
 * The dev server needs inline scripts, so the policy is only in the build.
 */
const HOSTED_CSP: Directive[] = [
  { name: 'default-src', sources: ["'self'"] },
  { name: 'script-src', sources: ["'self'"] },
  { name: 'worker-src', sources: ["'self'", 'blob:'] },
  { name: 'connect-src', sources: ["'self'", 'data:', 'blob:'] },
  { name: 'img-src', sources: ["'self'", 'data:', 'blob:'] },
  { name: 'style-src', sources: ["'self'", "'unsafe-inline'"] },
  { name: 'font-src', sources: ["'self'", 'data:'] },
  { name: 'media-src', sources: ["'self'", 'blob:'] },
  { name: 'manifest-src', sources: ["'self'"] },
  { name: 'object-src', sources: ["'none'"] },
  { name: 'base-uri', sources: ["'self'"] },
  { name: 'form-action', sources: ["'none'"] },
];

/**
 * The single file's policy: it loads nothing, not even from its own folder
 * ('self' is not listed anywhere), and runs only its own inline scripts:
 * - script-src: the start-up script's and the app's hashes only.
 * - worker-src blob: data: the import worker and maplibre's worker start from
 *   blob: URLs made from the page's own code; opened from a folder (an
 *   opaque origin) maplibre starts its worker from a data: URL instead.
 * - connect-src data: blob: the inlined GeoJSON (data: URLs) and maplibre's
 *   worker text (blob:) are read with fetch.
 * - img-src data: blob:, font-src data:, media-src blob:, style-src
 *   'unsafe-inline': as in the hosted build, with the fonts inlined.
 */
const SINGLE_CSP: Directive[] = [
  { name: 'default-src', sources: ["'none'"] },
  { name: 'script-src', sources: [] },
  { name: 'worker-src', sources: ['blob:', 'data:'] },
  { name: 'connect-src', sources: ['data:', 'blob:'] },
  { name: 'img-src', sources: ['data:', 'blob:'] },
  { name: 'style-src', sources: ["'unsafe-inline'"] },
  { name: 'font-src', sources: ['data:'] },
  { name: 'media-src', sources: ['blob:'] },
  { name: 'object-src', sources: ["'none'"] },
  { name: 'base-uri', sources: ["'none'"] },
  { name: 'form-action', sources: ["'none'"] },
];

/**
 * The service worker (Workbox 7 through vite-plugin-pwa): precaches every
 * file the app uses, so that after one visit it starts without a network.
 * Prompt mode: a new deployment waits until the visitor reloads from the
 * page's offer (src/offline), never reloading a lesson by itself.
 */
const serviceWorker = () =>
  VitePWA({
    registerType: 'prompt',
    // src/offline registers it after the first map frame, so precaching does not slow the first view.
    injectRegister: false,
    // The manifests (one per language) and icons are written by build/plugins.ts.
    manifest: false,
    workbox: {
      // Everything the app loads: code (the import worker's and maplibre's .mjs worker too), styles,
      // fonts, the boundaries and basemap, the manifests and icons. The data and stories are in the code.
      globPatterns: ['**/*.{html,js,mjs,css,woff2,json,webmanifest,png,svg}'],
      // The main chunk is about 2.5 MB (Workbox skips files over 2 MiB by default).
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      // Any link into the app (?lang=kk&story=…) opens offline.
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });

export default defineConfig(({ mode }) => {
  const kind: BuildKind = mode === 'single' ? 'single' : 'hosted';
  return {
    plugins:
      kind === 'single'
        ? [
            woff2Only(),
            inlineForSingleFile(),
            withoutPreloads(),
            startupPage(ROOT, kind),
            // The PWA plugin disabled: src/offline's import of its register module resolves to its no-op.
            VitePWA({ disable: true }),
            viteSingleFile({ outputFileName: SINGLE_FILE_NAME }),
            contentSecurityPolicy(SINGLE_CSP),
          ]
        : [
            woff2Only(),
            preloadWithDrawing(),
            startupPage(ROOT, kind),
            iconsAndManifests(ROOT),
            serviceWorker(),
            contentSecurityPolicy(HOSTED_CSP),
          ],
    // Relative asset paths: the built app is static files that work from any folder.
    base: './',
    build: {
      target: 'es2022',
      chunkSizeWarningLimit: 2500,
      // `npm run build:single` writes the single file apart, so that the hosted build's service
      // worker never precaches it.
      ...(kind === 'single' ? { outDir: 'dist-single', emptyOutDir: true } : {}),
      rollupOptions: {
        output: {
          // The boundaries and the basemap are written as .json: servers compress JSON (vite preview and
          // the usual nginx/Apache settings), not application/geo+json, and compressed they are a third
          // of the size (540 kB → 180 kB on the wire), which a slow classroom link feels first.
          assetFileNames: (asset: { names: string[] }) =>
            /\.(geo|topo)json$/.test(asset.names[0] ?? '')
              ? 'assets/[name]-[hash].json'
              : 'assets/[name]-[hash][extname]',
        },
      },
    },
    // The import worker is a module worker: its dynamic import of the Excel reader stays a chunk of its own,
    // fetched only when a workbook arrives, not with every CSV.
    // The single file has no chunks to fetch: there the reader is bundled into a classic worker made
    // from a blob (a module worker from a blob cannot start there), so Excel works from a folder too.
    worker:
      kind === 'single'
        ? { format: 'iife', rollupOptions: { output: { inlineDynamicImports: true } } }
        : { format: 'es' },
    preview: { host: '127.0.0.1', port: 5173 },
    server: { host: '127.0.0.1' },
    test: {
      include: [
        'src/**/*.test.ts',
        'geo/**/*.test.ts',
        'data/**/*.test.ts',
        'build/**/*.test.ts',
        'tests/unit/**/*.test.ts',
        'tests/bench/**/*.test.ts',
      ],
      environment: 'node',
      // Worker threads rather than processes: 16 s less CPU over the suite here (84 → 68 s), and no
      // test needs a process of its own.
      pool: 'threads',
      // One module graph per worker, not per file: imports and DOM set-up once (62 -> 33 s of CPU,
      // 48 -> 25 s alone). Passes with the files shuffled (--sequence.shuffle): no file leans on
      // another's module state.
      isolate: false,
      // The unit tests run beside the type check, lint and build (tests/tools/parallel.mjs) on two
      // cores: a DOM test that takes 1 s alone can take several then. Nothing here is timed.
      testTimeout: 20_000,
    },
  };
});
