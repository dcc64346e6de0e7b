/**
 * Starts fetching the drawing's chunk (deck.gl and the layers, src/render/drawing.ts)
 * as the page's script starts: src/main.ts imports this module first, so that
 * the request leaves before maplibre's code (in the same script) is evaluated,
 * which takes seconds on a slow machine while the link would stand idle.
 */
export const drawingChunk = import('./drawing');
// Awaited by src/main.ts; a failure is reported there (as the map's), not as an unhandled rejection.
drawingChunk.catch(() => undefined);
