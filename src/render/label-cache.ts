/**
 * The map's labels, made once per dataset, language, boundary version and set
 * of anchors, and placed without overlaps at the current camera. Placement is
 * memoised by which labels fit, so deck.gl lays text out again only when
 * that set changes.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { DrawnRegions, MapData } from '../core/map-data';
import type { Geography, Lang } from '../core/model';
import { labelSize, mapLabels, type LabelDatum } from '../core/view/map-labels';
import type { Translator } from '../i18n';
import { placeLabels } from './label-placement';

export class LabelCache {
  private readonly labels = new WeakMap<MapData, Map<string, LabelDatum[]>>();
  private readonly placed = new WeakMap<LabelDatum[], { key: string; view: string; labels: LabelDatum[] }>();
  /** Label widths by size and text: measured once (labels are placed again on every camera stop). */
  private readonly widths = new Map<string, number>();
  private context: CanvasRenderingContext2D | null = null;

  constructor(private readonly font: string) {}

  /** The labels of a view; years with the same units and anchors share one array, so deck.gl keeps its layout. */
  labelsFor(
    data: MapData,
    drawn: DrawnRegions,
    geography: Geography | null,
    anchors: readonly string[],
    lang: Lang,
    t: Translator,
  ): LabelDatum[] {
    let byKey = this.labels.get(data);
    if (!byKey) this.labels.set(data, (byKey = new Map()));
    const key = `${lang}|${drawn.version?.id}|${geography}|${anchors.join(',')}`;
    let labels = byKey.get(key);
    if (!labels) byKey.set(key, (labels = mapLabels(data.dataset.model, drawn.regions, geography, anchors, lang, t)));
    return labels;
  }

  /** Every label text made so far for a dataset (for tests: the Kazakh letters reach the map). */
  texts(data: MapData): string[] {
    return [...(this.labels.get(data)?.values() ?? [])].flat().map((l) => l.text);
  }

  /** The labels that fit without overlapping at the map's current camera. */
  place(labels: LabelDatum[], map: MapLibreMap, textScale: number): LabelDatum[] {
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    // The map renders several times at one camera (a new cluster level, the other years' layers, the
    // labels' font): each label's projection through maplibre is then done once, not at each.
    const { lng, lat } = map.getCenter();
    const view = `${w}x${h}|${lng},${lat},${map.getZoom()},${map.getBearing()},${map.getPitch()}|${textScale}`;
    const known = this.placed.get(labels);
    if (known?.view === view) return known.labels;
    const placed = placeLabels(labels, {
      project: (p) => {
        const { x, y } = map.project(p);
        return [x, y];
      },
      measure: (line, size) => this.measure(line, size),
      size: (l) => labelSize(l, textScale),
      // The map and a screen's width or height around it: a pan shows labels before the map stops.
      area: [-w, -h, 2 * w, 2 * h],
    });
    const key = placed.map((l) => `${l.text}@${l.position.join(' ')}`).join(',');
    if (known?.key === key) {
      known.view = view;
      return known.labels;
    }
    this.placed.set(labels, { key, view, labels: placed });
    return placed;
  }

  /**
   * Measures labels before they are placed (the districts' names, loaded ahead of
   * their zoom): the zoom that brings them then only places them.
   */
  measureAhead(labels: readonly LabelDatum[], textScale: number): void {
    for (const label of labels)
      for (const line of label.text.split('\n')) this.measure(line, labelSize(label, textScale));
  }

  private measure(line: string, size: number): number {
    const key = `${size}|${line}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      const ctx = (this.context ??= document.createElement('canvas').getContext('2d')!);
      ctx.font = `600 ${size}px ${this.font}`;
      this.widths.set(key, (width = ctx.measureText(line).width));
    }
    return width;
  }
}
