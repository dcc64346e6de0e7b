/**
 * Flows and nodes as deck.gl layers, one per year, drawn from the prepared
 * columns of the one flow pipeline (src/core/flow-columns.ts): the nodes as
 * views of them, the arcs from textures made once per column and shared by the
 * years (src/render/arc-table-layer.ts). Used by the app and, the same code,
 * by the benchmark's "ours".
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { arcFilterRange, topSlice, type PreparedFlows, type PreparedNodes, type YearSlice } from '../core/flow-columns';
import type { Rgba } from '../core/scales';
import type { Theme } from '../core/theme';
import { ArcTableLayer } from './arc-table-layer';
import { ON_TOP } from './on-top';
import { LayerRegistry, yearLayerId, YearLayers } from './year-layers';

/** Columns of a binary deck.gl table: views of prepared arrays. */
export type BinaryTable = {
  length: number;
  attributes: Record<string, { value: Float32Array | Float64Array; size: number }>;
};
const EMPTY: BinaryTable = { length: 0, attributes: {} };

/**
 * A year's slice of prepared arrays, as views (no copies). deck.gl compares
 * `data` by reference, so each (arrays, slice) pair gets one object, made
 * once: returning to a year reuses it.
 */
export class SliceTables {
  private readonly tables = new WeakMap<object, Map<string, BinaryTable>>();

  get(key: object, slice: YearSlice | undefined, columns: BinaryTable['attributes']): BinaryTable {
    if (!slice) return EMPTY;
    let bySlice = this.tables.get(key);
    if (!bySlice) this.tables.set(key, (bySlice = new Map()));
    const { offset, length } = slice;
    let table = bySlice.get(`${offset}:${length}`);
    if (!table) {
      const attributes = Object.fromEntries(
        Object.entries(columns).map(([name, { value, size }]) => [
          name,
          { value: value.subarray(offset * size, (offset + length) * size), size },
        ]),
      );
      bySlice.set(`${offset}:${length}`, (table = { length, attributes }));
    }
    return table;
  }
}

/**
 * Segments per arc for a number of drawn arcs: a few hundred wide arcs need a
 * smooth curve (16: a turn of about 3° at each joint of a typical arc, no kink
 * seen at 1920×1080 zoomed in; 12 showed one); thousands of thin ones read the
 * same with fewer segments, and the triangles (what a software rasteriser
 * spends its time on, about 2 µs each here) fall with them. 5,000 thin arcs
 * (the benchmark's 100,000-flow set at 1280×800) looked the same with 4 as
 * with 6 side by side, and their frame took about a fifth less.
 */
export function arcSegmentsFor(arcCount: number): number {
  if (arcCount <= 500) return 16;
  if (arcCount <= 2000) return 12;
  return 4;
}

export interface ArcStyle {
  from: Rgba;
  to: Rgba;
  /** Tilting lays each arc towards the map, so that it bends to the left of its direction. */
  height: number;
  tilt: number;
}

/** Flows between regions: orange to purple, bending to their left. */
export const internalArcStyle = (theme: Theme): ArcStyle => ({
  from: theme.origin,
  to: theme.destination,
  height: 0.12,
  tilt: 90,
});

/** Flows with other countries: a different kind of arc, higher. */
export const externalArcStyle = (theme: Theme): ArcStyle => ({
  from: theme.externalOrigin,
  to: theme.externalDestination,
  height: 0.2,
  tilt: 90,
});

export interface FlowLayerInput {
  prepared: PreparedFlows;
  /** Filter values (FILTER_SIZE per item): the prepared ones, or a selection's (flowSetFilter). */
  filter: Float32Array;
  /** The selection's ranks made already (ArcColumns.ranks): `filter` then gives the counts alone. */
  ranks?: Float32Array;
  minFlow: number;
  topN: number | null;
  style: ArcStyle;
  visible: boolean;
}

/** Items drawn under a filter: with the prepared values a year's top N is its slice's first N. */
const drawnSlice = (input: FlowLayerInput, year: number): YearSlice | undefined =>
  input.filter === input.prepared.filterValues && !input.ranks
    ? topSlice(input.prepared.slices, year, input.topN)
    : input.prepared.slices.get(year);

/** The arcs of one flow set, one layer per year, filtered on the GPU (minimum, rank, selection). */
export class FlowLayers {
  private readonly years: YearLayers<ArcTableLayer>;

  constructor(
    registry: LayerRegistry,
    private readonly kind: string,
  ) {
    this.years = new YearLayers(registry, kind);
  }

  /** Years whose layer is still to be made (when `layers` was given the shown year). */
  get missing(): number {
    return this.years.missing;
  }

  /** `shown`: spread a change over frames, the shown year first (YearLayers.layers). */
  layers(input: FlowLayerInput, shown?: number): ArcTableLayer[] {
    const { prepared, filter, ranks, style, minFlow, topN, visible } = input;
    return this.years.layers(
      [prepared, filter, ranks, minFlow, topN, style.from, style.to, style.height, visible],
      prepared.slices.keys(),
      (year) => {
        const slice = drawnSlice(input, year);
        // The year is the layer's slice; membership of the selection is in the ranks (ArcTableLayer).
        const [, countRange, rankRange] = arcFilterRange(year, minFlow, topN);
        return new ArcTableLayer({
          id: yearLayerId(this.kind, year),
          visible,
          // The arcs' values are read from the whole columns (textures shared by the years' layers);
          // the data only counts the year's.
          data: { length: slice?.length ?? 0 },
          columns: {
            sourcePositions: prepared.sourcePositions,
            targetPositions: prepared.targetPositions,
            widths: prepared.widths,
            filter,
            ranks,
          },
          firstItem: slice?.offset ?? 0,
          getSourceColor: style.from,
          getTargetColor: style.to,
          // A->B and B->A take opposite sides, so direction shows in shape as well as colour.
          getHeight: style.height,
          getTilt: style.tilt,
          numSegments: arcSegmentsFor(slice?.length ?? 0),
          widthUnits: 'pixels',
          widthMinPixels: 0.7,
          widthMaxPixels: 24,
          pickable: true,
          autoHighlight: true,
          highlightColor: [255, 220, 0, 255],
          countRange,
          rankRange,
        });
      },
      shown,
    );
  }

  /** The prepared item a picked index of a year's layer stands for. */
  static item(prepared: Pick<PreparedFlows, 'slices'>, year: number, index: number): number {
    return (prepared.slices.get(year)?.offset ?? 0) + index;
  }
}

/** Each year's nodes, sized by their arrivals plus departures. */
export class NodeLayers {
  private readonly years: YearLayers<ScatterplotLayer>;
  private readonly tables = new SliceTables();

  /** `kind`: 'nodes' for the regions' centres; the map picks and clicks every kind starting with 'nodes'. */
  constructor(
    registry: LayerRegistry,
    private readonly kind = 'nodes',
  ) {
    this.years = new YearLayers(registry, kind);
  }

  /** Years whose layer is still to be made (when `layers` was given the shown year). */
  get missing(): number {
    return this.years.missing;
  }

  /** `shown`: spread a change over frames, the shown year first (YearLayers.layers). */
  layers(nodes: PreparedNodes, theme: Theme, visible: boolean, shown?: number): ScatterplotLayer[] {
    return this.years.layers(
      [nodes, theme, visible],
      nodes.slices.keys(),
      (year) =>
        nodeLayer(
          yearLayerId(this.kind, year),
          this.tables.get(nodes, nodes.slices.get(year), {
            getPosition: { value: nodes.positions, size: 2 },
            getRadius: { value: nodes.radii, size: 1 },
          }),
          theme,
          visible,
        ),
      shown,
    );
  }
}

function nodeLayer(id: string, data: BinaryTable, theme: Theme, visible: boolean): ScatterplotLayer {
  return new ScatterplotLayer({
    id,
    visible,
    data,
    radiusUnits: 'pixels',
    radiusMinPixels: 2,
    stroked: true,
    getFillColor: theme.node,
    getLineColor: theme.nodeOutline,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    ...ON_TOP,
  });
}
