/** Shared by the benchmark page and its driver (which must not load the renderers in Node). */
export const TOP_N = 5000;
export const RENDERERS = ['ours', 'flowmap', 'naive'] as const;
export type RendererName = (typeof RENDERERS)[number];
