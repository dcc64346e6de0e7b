/**
 * Shows only the labels of a scale that do not overlap, measured as the page
 * sets them (core/tick-labels.ts chooses). Hidden labels keep their box
 * (visibility), so they can be measured again when the scale is resized.
 */
import { visibleTicks, type TickLabel } from '../core/tick-labels';

export const TICK_OFF = 'tick-off';

/**
 * Fits the labels (the container's children, anchored at `positions`, 0–1 of
 * its width). Does nothing while the container is not laid out (a folded
 * sheet); `watchWidth` fits them again once it is.
 */
export function fitTicks(
  container: HTMLElement,
  positions: readonly number[],
  align: (position: number) => TickLabel['align'],
  rank?: (index: number) => number,
): void {
  const width = container.getBoundingClientRect().width;
  const spans = [...container.children] as HTMLElement[];
  if (!width || spans.length !== positions.length) return;
  const labels = spans.map((span, i) => ({
    at: positions[i]! * width,
    width: span.getBoundingClientRect().width,
    align: align(positions[i]!),
  }));
  const shown = new Set(visibleTicks(labels, rank));
  spans.forEach((span, i) => span.classList.toggle(TICK_OFF, !shown.has(i)));
}

/**
 * Calls `fit` whenever the element's width changes (and when it is first laid
 * out), and when a web font arrives: labels measured in the fallback font are
 * narrower or wider than in Noto Sans.
 */
export function watchWidth(element: HTMLElement, fit: () => void): void {
  if (typeof document !== 'undefined' && document.fonts) document.fonts.addEventListener('loadingdone', () => fit());
  if (typeof ResizeObserver === 'undefined') return;
  let last = -1;
  new ResizeObserver((entries) => {
    const width = entries[entries.length - 1]!.contentRect.width;
    if (width === last) return;
    last = width;
    fit();
  }).observe(element);
}
