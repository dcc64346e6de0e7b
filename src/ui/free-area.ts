/**
 * The part of the map the interface leaves uncovered, as insets from the
 * window's edges. The camera fits Kazakhstan into it (maplibre's fitBounds
 * padding), whatever layout is shown: columns on a desktop, the caption on a
 * projector, a bottom sheet on a phone. Each visible panel is counted on the
 * side where it hides the least map.
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

/** Insets that leave the given boxes (in window pixels) outside the free area of a width × height window. */
export function coveredInsets(boxes: readonly Box[], width: number, height: number): Insets {
  const insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  // The largest first: a small panel beside a column then costs nothing more on the column's side.
  const bySize = [...boxes].sort((a, b) => area(b) - area(a));
  for (const raw of bySize) {
    const b = {
      left: Math.max(0, raw.left),
      top: Math.max(0, raw.top),
      right: Math.min(width, raw.right),
      bottom: Math.min(height, raw.bottom),
    };
    if (b.right <= b.left || b.bottom <= b.top) continue;
    // The free area each choice would leave; the largest wins.
    const options: [keyof Insets, number][] = [
      ['left', b.right],
      ['right', width - b.left],
      ['top', b.bottom],
      ['bottom', height - b.top],
    ];
    let best: [keyof Insets, number] | null = null;
    let bestArea = -1;
    for (const [side, inset] of options) {
      const next = { ...insets, [side]: Math.max(insets[side], inset) };
      const area = Math.max(0, width - next.left - next.right) * Math.max(0, height - next.top - next.bottom);
      if (area > bestArea) [best, bestArea] = [[side, inset], area];
    }
    if (best) insets[best[0]] = Math.max(insets[best[0]], best[1]);
  }
  return {
    ...shrinkPair(insets.left, insets.right, width, 'left', 'right'),
    ...shrinkPair(insets.top, insets.bottom, height, 'top', 'bottom'),
  } as Insets;
}

const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);

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
