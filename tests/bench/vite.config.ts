import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The benchmark page (tests/bench/page), built apart from the app into
 * tests/bench/.build, with the generated flow sets (tests/bench/.data) as its data/.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root: `${here}page`,
  base: './',
  publicDir: `${here}.data`,
  build: {
    outDir: `${here}.build`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The flows page, and a bare maplibre map with the app's basemap (the app's first frame is compared with it).
    rollupOptions: { input: { index: `${here}page/index.html`, bare: `${here}page/bare.html` } },
  },
  preview: {
    host: '127.0.0.1',
    // Cross-origin isolation gives performance.now() its fine resolution (5 µs instead of 100 µs).
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
});
