/**
 * The part of the map the interface leaves uncovered, as insets from the
 * window's edges. The camera fits Kazakhstan into it (maplibre's fitBounds
 * padding), whatever layout is shown: columns on a desktop, the caption on a
 * projector, a bottom sheet on a phone.
 */

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The free area is never smaller than this (maplibre refuses a fit with no room). */
export const MIN_FREE = 120;

/**
 * Kazakhstan's width to height on the map (Web Mercator, 46–88°E, 40–56°N):
 * the free area is chosen to hold it as large as possible.
 */
export const KAZAKHSTAN_ASPECT = 1.75;

/**
 * Insets that leave the given boxes (in window pixels) outside the free area
 * of a width × height window: of the rectangles bounded by the window's and
 * the boxes' edges that no box overlaps, the one that holds Kazakhstan
 * largest (then the largest).
 */
export function coveredInsets(boxes: readonly Box[], width: number, height: number): Insets {
  const shown = boxes
    .map((b) => ({
      left: Math.max(0, b.left),
      top: Math.max(0, b.top),
      right: Math.min(width, b.right),
      bottom: Math.min(height, b.bottom),
    }))
    .filter((b) => b.right - b.left > 1 && b.bottom - b.top > 1);
  const lefts = [0, ...shown.map((b) => b.right)];
  const rights = [0, ...shown.map((b) => width - b.left)];
  const tops = [0, ...shown.map((b) => b.bottom)];
  const bottoms = [0, ...shown.map((b) => height - b.top)];
  let best: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  let bestScore = [-1, -1];
  for (const left of lefts)
    for (const right of rights) {
      const w = width - left - right;
      if (w <= 0) continue;
      for (const top of tops)
        for (const bottom of bottoms) {
          const h = height - top - bottom;
          if (h <= 0) continue;
          // A box may touch the free area's edge but not reach into it.
          const clear = shown.every(
            (b) =>
              b.right <= left + 1 || b.left >= width - right - 1 || b.bottom <= top + 1 || b.top >= height - bottom - 1,
          );
          if (!clear) continue;
          const score = [Math.min(w / KAZAKHSTAN_ASPECT, h), w * h];
          if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
            bestScore = score;
            best = { top, right, bottom, left };
          }
        }
    }
  return {
    ...shrinkPair(best.left, best.right, width, 'left', 'right'),
    ...shrinkPair(best.top, best.bottom, height, 'top', 'bottom'),
  } as Insets;
}

/** Two opposite insets shrunk in proportion so that at least MIN_FREE pixels stay between them. */
function shrinkPair<A extends string, B extends string>(
  a: number,
  b: number,
  size: number,
  nameA: A,
  nameB: B,
): Record<A | B, number> {
  const room = Math.max(0, size - MIN_FREE);
  const scale = a + b > room && a + b > 0 ? room / (a + b) : 1;
  return { [nameA]: Math.floor(a * scale), [nameB]: Math.floor(b * scale) } as Record<A | B, number>;
}

/** What may cover the map: the panels of the layout (containers are not counted, their contents are). */
const COVERING = ['.app-header', '.left > *', '.side > *', '.story-area > .story', '.bottom > *', '.sheet-bar'].join(
  ', ',
);

/** The insets the visible panels leave around the map now. */
export function mapInsets(root: ParentNode = document): Insets {
  const boxes = [...root.querySelectorAll<HTMLElement>(COVERING)]
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => e.getBoundingClientRect());
  return coveredInsets(boxes, window.innerWidth, window.innerHeight);
}
