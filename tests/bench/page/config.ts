/** Shared by the benchmark page and its driver (which must not load the renderers in Node). */
export const TOP_N = 5000;
/** flowmapClustered: flowmap.gl with its clustering on (it then draws flows between clusters of the zoom). */
export const RENDERERS = ['ours', 'flowmap', 'flowmapClustered', 'naive'] as const;
export type RendererName = (typeof RENDERERS)[number];
