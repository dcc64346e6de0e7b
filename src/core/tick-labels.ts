/**
 * Which labels of a scale to show so that none overlap: the legend's ticks
 * (on screen and in the exported picture) and the timeline's years. Widths
 * are measured by the caller (the page's text, the canvas's font), so the
 * choice holds in every language's number format.
 */

export interface TickLabel {
  /** Where the label is anchored along the scale, in px. */
  at: number;
  /** Its measured width in px. */
  width: number;
  /** Which part of the label sits at `at`. */
  align: 'start' | 'centre' | 'end';
}

/** The label's extent along the scale, [from, to] in px. */
export function labelExtent({ at, width, align }: TickLabel): [number, number] {
  if (align === 'start') return [at, at + width];
  if (align === 'end') return [at - width, at];
  return [at - width / 2, at + width / 2];
}

/**
 * Indices (ascending) of the labels to show. Labels are taken by rank (lower
 * first: the ends, then tens, then fives...); within a rank the one farthest
 * from those already shown comes first, so that the shown ones spread out. A
 * label is shown only when it keeps `gap` px from every shown one.
 */
export function visibleTicks(
  labels: readonly TickLabel[],
  rank: (index: number) => number = (i) => (i === 0 || i === labels.length - 1 ? 0 : 1),
  gap = 6,
): number[] {
  const extents = labels.map(labelExtent);
  const centre = (i: number) => (extents[i]![0] + extents[i]![1]) / 2;
  const kept: number[] = [];
  const fits = (i: number) => {
    const [a0, a1] = extents[i]!;
    return kept.every((k) => {
      const [b0, b1] = extents[k]!;
      return a1 + gap <= b0 || b1 + gap <= a0;
    });
  };
  const ranks = [...new Set(labels.map((_, i) => rank(i)))].sort((a, b) => a - b);
  for (const r of ranks) {
    const candidates = labels.map((_, i) => i).filter((i) => rank(i) === r);
    while (candidates.length) {
      // The candidate farthest from every shown label (the first one when none is shown yet).
      let best = 0;
      let bestDistance = -1;
      candidates.forEach((i, c) => {
        const d = kept.length ? Math.min(...kept.map((k) => Math.abs(centre(i) - centre(k)))) : Infinity;
        if (d > bestDistance) [best, bestDistance] = [c, d];
      });
      const [i] = candidates.splice(best, 1);
      if (fits(i!)) kept.push(i!);
    }
  }
  return kept.sort((a, b) => a - b);
}

/** Anchor of a tick along a bar (0–1): a label at an end stays inside the bar, the rest are centred on their tick. */
export const barAlign = (position: number): TickLabel['align'] =>
  position <= 0 ? 'start' : position >= 1 ? 'end' : 'centre';
