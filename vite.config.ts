import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset paths: the built app is static files that work from any folder.
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
  preview: { host: '127.0.0.1', port: 5173 },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'geo/**/*.test.ts', 'data/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
