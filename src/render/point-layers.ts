/**
 * Places of a user's own on the map (loaded only when a places dataset is
 * shown): the arcs between the clusters of the level the zoom asks for, and
 * the clusters as circles, drawn by the same year layers as the region flows
 * (FlowLayers, NodeLayers). The places worker clustered the places once and
 * lays a level out when first asked (each year's largest flows, as views of
 * sorted arrays); the page keeps every level it received, so zooming back is
 * only a change of layers, and the level drawn stays until the next one has
 * arrived (no blank map while the worker works). The neighbouring levels are
 * asked for ahead, so that a zoom step usually finds its level waiting.
 *
 * A click on a cluster keeps its heaviest place as the selection: at every
 * level the selection is the cluster holding that place, and only its flows
 * are drawn.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { arcFilterRange, OUTSIDE_SELECTION, passingArcs, selectionFilter, selectionRanks } from '../core/flow-columns';
import type { ClusterHierarchy } from '../core/points/clusters';
import type { PreparedLevel } from '../core/points/level-flows';
import { POINT_TOP_N, type PointData } from '../core/points/point-data';
import { clusterArcTooltip, clusterName, clusterTooltip, membersOf } from '../core/points/point-view';
import type { Lang } from '../core/model';
import type { Theme } from '../core/theme';
import type { LabelDatum } from '../core/view/map-labels';
import type { Picked } from '../core/view/tooltip';
import type { Translator } from '../i18n';
import { PointsClient } from '../import/points/points-client';
import { rankTable, type ArcColumns } from './arc-table-layer';
import { FlowLayers, internalArcStyle, NodeLayers } from './flow-layers';
import type { LayerRegistry } from './year-layers';

export const POINT_ARCS = 'arcs-points';
export const POINT_NODES = 'nodes-points';

export interface PointLayersState {
  level: number;
  levels: number;
  clusters: number;
  arcs: number;
  selectedPlace: number | null;
  /** The cluster of several places with the most arrivals plus departures in the year. */
  busiest: { lon: number; lat: number; members: number; total: number } | null;
  /** Years of the level whose layers are still to be made (in the frames after a change). */
  yearsToMake: number;
  /** Whether the places worker has summed every level (until then it works in the background, sharing the cores). */
  warmed: boolean;
  /** Levels asked of the worker (the zoom's, or its neighbours' ahead of it) and not yet received. */
  levelsAsked: number;
}

export interface PointLayerInput {
  data: PointData;
  zoom: number;
  /** The map's visible area [west, south, east, north]: a year's top N is counted among the flows with an end in it. */
  bounds: [number, number, number, number];
  minFlow: number;
  topN: number | null;
  theme: Theme;
  visible: boolean;
  /** The year shown: its layers are made first when the level or the selection changes. */
  year: number;
}

/** Clusters named on the map at most (the year's busiest; the rest are named by their tooltip). */
export const PLACE_LABELS = 12;

/** The level whose zooms hold `zoom` (levels are coarsest first; the last holds the places). */
export function levelForZoom(hierarchy: ClusterHierarchy, zoom: number): number {
  const k = hierarchy.levels.findIndex((l) => zoom >= l.minZoom && zoom < l.maxZoom);
  return k < 0 ? hierarchy.levels.length - 1 : k;
}

export class PointLayers {
  private data: PointData | null = null;
  private client: PointsClient | null = null;
  private hierarchy: ClusterHierarchy | null = null;
  private readonly levels = new Map<number, PreparedLevel>();
  private readonly asked = new Set<number>();
  /** The level drawn now (the one the zoom asks for once it has arrived). */
  private drawn: number | null = null;
  private wanted: number | null = null;
  /** The selected place (the heaviest of the clicked cluster), or null. */
  private selectedPlace: number | null = null;
  private ranksKey = '';
  private ranks: Float32Array | null = null;
  private readonly arcs: FlowLayers;
  private readonly nodes: NodeLayers;
  /** Milliseconds from a level being wanted to its layers being handed over (the last one), for the benchmark. */
  lastLevelMs = 0;
  private wantedAt = 0;
  private lastInput: PointLayerInput | null = null;

  constructor(
    registry: LayerRegistry,
    /** Called when something arrives from the worker: the map draws again. */
    private readonly changed: () => void,
    /** Called with the arcs of a level that arrived ahead of the zoom, to make what can be made of them ahead. */
    private readonly ahead: (columns: ArcColumns) => void = () => {},
  ) {
    this.arcs = new FlowLayers(registry, POINT_ARCS);
    this.nodes = new NodeLayers(registry, POINT_NODES);
  }

  /**
   * For tests and the benchmark (null until a level has arrived): the level
   * drawn, its clusters, the arcs the year's filter lets through (the GPU's
   * test, on the CPU), the selected place, and the year's busiest circle.
   */
  state(year: number): PointLayersState | null {
    if (this.drawn === null || !this.hierarchy || !this.lastInput) return null;
    const level = this.hierarchy.levels[this.drawn]!;
    const prepared = this.levels.get(this.drawn)!;
    const { minFlow, topN } = this.lastInput;
    // The filter values the ranks stand for, made here only (a test's and the benchmark's count).
    const ranks = this.selectionRanks(prepared);
    const filter = selectionFilter(prepared.flows, (_row, item) => ranks[item] !== OUTSIDE_SELECTION);
    const arcs = passingArcs(prepared.flows, filter, year, arcFilterRange(year, minFlow, topN)).length;
    const slice = prepared.nodes.slices.get(year);
    let busiest: PointLayersState['busiest'] = null;
    if (slice)
      for (let i = slice.offset; i < slice.offset + slice.length; i++) {
        const cluster = prepared.nodes.locations[i]!;
        const members = membersOf(level, cluster).length;
        if (members > 1 && (!busiest || prepared.nodes.totals[i]! > busiest.total))
          busiest = { lon: level.positions[cluster * 2]!, lat: level.positions[cluster * 2 + 1]!, members, total: prepared.nodes.totals[i]! }; // prettier-ignore
      }
    return { level: this.drawn, levels: this.hierarchy.levels.length, clusters: level.length, arcs, selectedPlace: this.selectedPlace, busiest, yearsToMake: this.missing, warmed: this.client?.warmed ?? false, levelsAsked: this.asked.size - this.levels.size }; // prettier-ignore
  }

  /**
   * Names for the year's largest clusters of the drawn level in view (PLACE_LABELS
   * of them, busiest first, each named by its heaviest place and how many more it
   * holds), for the map's label placement, which drops those that would
   * collide. The same array while the level and the year stay.
   */
  labels(year: number): LabelDatum[] {
    if (this.drawn === null || !this.hierarchy || !this.data) return [];
    // Among the clusters in view: zoomed in, the country's busiest would mostly lie off screen.
    const [west, south, east, north] = this.lastInput?.bounds ?? [-180, -90, 180, 90];
    const key = `${this.drawn}|${year}|${west},${south},${east},${north}`;
    if (this.namedClusters?.key === key) return this.namedClusters.labels;
    const level = this.hierarchy.levels[this.drawn]!;
    const { nodes } = this.levels.get(this.drawn)!;
    const slice = nodes.slices.get(year);
    const inView = (cluster: number) => {
      const lon = level.positions[cluster * 2]!;
      const lat = level.positions[cluster * 2 + 1]!;
      return lon >= west && lon <= east && lat >= south && lat <= north;
    };
    const items = slice
      ? Array.from({ length: slice.length }, (_, k) => slice.offset + k).filter((i) => inView(nodes.locations[i]!))
      : [];
    items.sort((a, b) => nodes.totals[b]! - nodes.totals[a]!);
    const labels = items.slice(0, PLACE_LABELS).map((i, rank): LabelDatum => {
      const cluster = nodes.locations[i]!;
      return {
        position: [level.positions[cluster * 2]!, level.positions[cluster * 2 + 1]!],
        text: clusterName(this.data!, level, cluster),
        // Above the regions' names: the places are what the map shows now; the busiest first.
        priority: 100 - rank,
        kind: 'city',
      };
    });
    this.namedClusters = { key, labels };
    return labels;
  }

  private namedClusters: { key: string; labels: LabelDatum[] } | null = null;

  layers(input: PointLayerInput): Layer[] {
    if (input.data !== this.data) this.reset(input.data);
    this.lastInput = input;
    if (!this.hierarchy) return [];
    const k = levelForZoom(this.hierarchy, input.zoom);
    if (k !== this.wanted) {
      this.wanted = k;
      this.wantedAt = performance.now();
    }
    this.ask(k);
    if (this.levels.has(k)) {
      if (this.drawn !== k) this.lastLevelMs = performance.now() - this.wantedAt;
      this.drawn = k;
      // Ahead of the next zoom step, either way.
      this.ask(k + 1);
      this.ask(k - 1);
    }
    const level = this.drawn === null ? undefined : this.levels.get(this.drawn);
    if (!level) return [];
    // A zoom step shows the new level with the shown year's layers; the other years' come in the frames after.
    const arcs = this.arcs.layers(
      {
        prepared: level.flows,
        filter: level.flows.filterValues,
        ranks: this.selectionRanks(level),
        minFlow: input.minFlow,
        topN: input.topN,
        style: internalArcStyle(input.theme),
        visible: input.visible,
      },
      input.year,
    );
    return [...arcs, ...this.nodes.layers(level.nodes, input.theme, input.visible, input.year)];
  }

  /** Years of the drawn level whose layers are still to be made (the map draws again after each frame while there are). */
  get missing(): number {
    return this.arcs.missing + this.nodes.missing;
  }

  /** What a picked point layer item is, described (null: not a point layer). */
  pick(info: PickingInfo, kind: string | undefined, year: number, lang: Lang, t: Translator): Picked | null {
    const found = this.picked(kind, info.index, year);
    if (!found || !this.data) return null;
    const { level, prepared } = found;
    if (found.kind === 'node') {
      const cluster = prepared.nodes.locations[found.item]!;
      const total = prepared.nodes.totals[found.item]!;
      return { kind: 'described', text: clusterTooltip(this.data, level, cluster, year, total, lang, t) };
    }
    const { origin, destination, count } = prepared;
    const i = found.item;
    return {
      kind: 'described',
      text: clusterArcTooltip(this.data, level, origin[i]!, destination[i]!, count[i]!, year, lang, t),
    };
  }

  /** A click: on a cluster selects it (again: clears); true when it was a point layer's. */
  click(info: PickingInfo, kind: string | undefined, year: number): boolean {
    const found = kind === POINT_NODES ? this.picked(kind, info.index, year) : null;
    if (!found) return false;
    const cluster = found.prepared.nodes.locations[found.item]!;
    const heaviest = membersOf(found.level, cluster)[0]!;
    const current = this.selectedPlace === null ? null : found.level.clusterOf[this.selectedPlace];
    this.selectedPlace = current === cluster ? null : heaviest;
    this.changed();
    return true;
  }

  /** Clears the selection (Escape, or another dataset). */
  clearSelection(): void {
    if (this.selectedPlace === null) return;
    this.selectedPlace = null;
    this.changed();
  }

  close(): void {
    this.client?.close();
    this.client = null;
  }

  private picked(kind: string | undefined, index: number, year: number) {
    if (this.drawn === null || !this.hierarchy || index < 0) return null;
    const prepared = this.levels.get(this.drawn)!;
    const level = this.hierarchy.levels[this.drawn]!;
    if (kind === POINT_NODES) {
      const item = (prepared.nodes.slices.get(year)?.offset ?? 0) + index;
      return { kind: 'node' as const, item, prepared, level };
    }
    if (kind === POINT_ARCS) return { kind: 'arc' as const, item: FlowLayers.item(prepared.flows, year, index), prepared, level }; // prettier-ignore
    return null;
  }

  /**
   * The ranks of the drawn level's flows (ArcColumns.ranks): a year's top N
   * counted among the flows with an end in the visible area (zoomed in, the
   * country's largest flows would mostly lie off screen), and only the
   * selected cluster's flows when one is selected. Made again when the map
   * stops somewhere else: the ranks alone, not the four filter values.
   */
  private selectionRanks(level: PreparedLevel): Float32Array {
    const cluster =
      this.selectedPlace === null || this.drawn === null
        ? null
        : this.hierarchy!.levels[this.drawn]!.clusterOf[this.selectedPlace]!;
    const [west, south, east, north] = this.lastInput?.bounds ?? [-180, -90, 180, 90];
    const key = `${this.drawn}|${cluster}|${west},${south},${east},${north}`;
    if (key !== this.ranksKey || !this.ranks) {
      this.ranksKey = key;
      // Which clusters lie in view, once each (a level has far fewer clusters than flows).
      const { positions, length: clusters } = this.hierarchy!.levels[this.drawn!]!;
      const inView = new Uint8Array(clusters);
      for (let c = 0; c < clusters; c++) {
        const lon = positions[c * 2]!;
        const lat = positions[c * 2 + 1]!;
        inView[c] = lon >= west && lon <= east && lat >= south && lat <= north ? 1 : 0;
      }
      // Items are the level's flows in their prepared order, as origin and destination hold them.
      const { origin, destination } = level;
      const inside = new Uint8Array(level.flows.length);
      for (let i = 0; i < inside.length; i++) {
        const o = origin[i]!;
        const d = destination[i]!;
        inside[i] =
          (cluster === null || o === cluster || d === cluster) && (inView[o] === 1 || inView[d] === 1) ? 1 : 0;
      }
      this.ranks = selectionRanks(level.flows, inside, rankTable(level.flows.length));
    }
    return this.ranks;
  }

  private reset(data: PointData): void {
    this.close();
    this.data = data;
    this.hierarchy = null;
    this.levels.clear();
    this.asked.clear();
    this.drawn = this.wanted = this.selectedPlace = null;
    this.ranks = null;
    const client = (this.client = new PointsClient());
    client.load(data.places, data.flows).then(
      (hierarchy) => {
        if (this.client !== client) return;
        this.hierarchy = hierarchy;
        this.changed();
      },
      (error: Error) => {
        if (error.name !== 'AbortError') console.warn('places worker', error);
      },
    );
  }

  private ask(k: number): void {
    if (!this.hierarchy || k < 0 || k >= this.hierarchy.levels.length || this.asked.has(k)) return;
    this.asked.add(k);
    const client = this.client!;
    client.level(k, POINT_TOP_N).then(
      ({ prepared }) => {
        if (this.client !== client) return;
        this.levels.set(k, prepared);
        if (k === this.wanted) this.changed();
        else {
          const { sourcePositions, targetPositions, widths, filterValues } = prepared.flows;
          this.ahead({ sourcePositions, targetPositions, widths, filter: filterValues });
        }
      },
      (error: Error) => {
        if (error.name !== 'AbortError') console.warn('places worker', error);
      },
    );
  }
}
