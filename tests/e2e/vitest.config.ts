import { defineConfig } from 'vitest/config';

// End-to-end tests drive headless Chromium against the built app. Software WebGL
// (SwiftShader) is CPU-bound, so at most two files run at once (one per core
// here); much of a test is waiting for frames, which two files overlap well.
// The app is served once (global-setup.ts) and each worker keeps one browser for
// the files it runs (shared.ts): modules are not isolated between those files.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    pool: 'forks',
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
