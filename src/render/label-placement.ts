/**
 * Keeps map labels from overprinting each other: labels are laid out in
 * priority order (Kazakh regions, then Russian ones, then countries) and a
 * label whose box would overlap one already placed is left out. Runs when
 * the camera stops or the labels change, not on every frame.
 */
import { centredLabel, labelOffset, type LabelDatum } from '../core/view/map-labels';

export interface Placement {
  /** Screen position (CSS px) of a longitude/latitude. */
  project(position: [number, number]): [number, number];
  /** Width in CSS px of one line of text at the label size. */
  measure(line: string, size: number): number;
  size(label: LabelDatum): number;
  /**
   * The screen area (CSS px: left, top, right, bottom) a label must touch to
   * be kept; labels far off screen (the 224 districts' when zoomed in) are
   * left out, so that the text layer holds only what a pan can soon show.
   */
  area?: [number, number, number, number];
}

const LINE_HEIGHT = 1.2;
const GAP = 2;

export function placeLabels(labels: readonly LabelDatum[], placement: Placement): LabelDatum[] {
  const boxes: [number, number, number, number][] = [];
  const order = labels.map((l, i) => [l, i] as const).sort((a, b) => b[0].priority - a[0].priority || a[1] - b[1]);
  const kept = new Map<number, LabelDatum>();
  for (const [label, index] of order) {
    const size = placement.size(label);
    const lines = label.text.split('\n');
    const w = Math.max(...lines.map((line) => placement.measure(line, size))) + 2 * GAP;
    const h = lines.length * size * LINE_HEIGHT + 2 * GAP;
    // A region whose point is taken tries its other places (its centre: Turkestan beside Shymkent).
    for (const position of [label.position, ...(label.alternatives ?? [])]) {
      const [x, y] = placement.project(position);
      // Region and district labels are centred on their point; others hang below it (see the text layer's anchors).
      const box: [number, number, number, number] = centredLabel(label)
        ? [x - w / 2, y - h / 2, x + w / 2, y + h / 2]
        : [x - w / 2, y + labelOffset(label), x + w / 2, y + labelOffset(label) + h];
      const { area } = placement;
      if (area && (box[2] < area[0] || box[0] > area[2] || box[3] < area[1] || box[1] > area[3])) continue;
      if (boxes.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      boxes.push(box);
      kept.set(index, position === label.position ? label : { ...label, position });
      break;
    }
  }
  return labels.flatMap((_, i) => kept.get(i) ?? []);
}
