import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The built page's Content-Security-Policy. Scripts only from the page itself;
 * no connection off the page's origin. What the libraries need, and why:
 * - worker-src 'self' blob: maplibre's worker and the import worker are
 *   same-origin files; blob: covers libraries that build workers from code.
 * - connect-src 'self' data: blob: the map fetches its GeoJSON and maplibre its
 *   worker from the origin; maplibre and loaders read data:/blob: URLs.
 * - img-src 'self' data: blob: maplibre and deck.gl make images from data.
 * - style-src 'self' 'unsafe-inline': the interface and maplibre set inline
 *   style attributes (positions, colours); styles cannot run script.
 * - font-src 'self' data: the bundled Noto Sans.
 * The dev server needs inline scripts, so the policy is only in the build.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self' data: blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  plugins: [contentSecurityPolicy()],
  // Relative asset paths: the built app is static files that work from any folder.
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
  // The import worker is a module worker: its dynamic import of the Excel reader stays a chunk of its own,
  // fetched only when a workbook arrives, not with every CSV.
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 5173 },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'geo/**/*.test.ts', 'data/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
