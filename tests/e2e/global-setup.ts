/** Serves the built app once for every end-to-end file (each file's worker shares one browser: harness.ts). */
import type { TestProject } from 'vitest/node';
import { serveDist } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const served = await serveDist();
  project.provide('appUrl', served.url);
  return () => served.stop();
}
