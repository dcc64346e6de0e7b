import { defineConfig } from 'vitest/config';

// End-to-end tests drive one headless Chromium against the built app; they run
// one file at a time because software WebGL (SwiftShader) is slow and CPU-bound.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
