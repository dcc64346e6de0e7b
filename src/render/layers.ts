/**
 * deck.gl layers. They only draw: every array they read is prepared by
 * src/core (typed arrays per arc, colours per polygon), and a year step only
 * changes filter ranges and one colour lookup.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { DataFilterExtension } from '@deck.gl/extensions';
import { ArcLayer, GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ArcBuffers, YearSlice } from '../core/arcs';
import type { NodeBuffers } from '../core/nodes';
import { FILTER_SIZE } from '../core/arcs';
import type { Rgba } from '../core/scales';
import { NO_DATA } from '../core/scales';
import { polygonSegments, type OutlineSegments } from '../core/outlines';
import { YearLayers, yearLayerId } from './year-layers';

export interface RegionProps {
  polygon_id: string;
  country: 'KZ' | 'RU';
  label_lon: number;
  label_lat: number;
  area_km2: number;
}
export type RegionFeature = Feature<Geometry, RegionProps>;

export interface LabelDatum {
  position: [number, number];
  text: string;
  /** Which label stays when two collide (higher wins): Kazakh regions, then Russian, then countries. */
  priority: number;
  /** Cities get a smaller, darker label at their centre. */
  kind: 'region' | 'city' | 'anchor';
}

export interface Theme {
  origin: Rgba;
  destination: Rgba;
  externalOrigin: Rgba;
  externalDestination: Rgba;
  outline: Rgba;
  selectedOutline: Rgba;
  label: Rgba;
  labelHalo: Rgba;
  node: Rgba;
  nodeOutline: Rgba;
}

/** Orange to purple (PuOr ends): colour-blind safe and apart from the choropleth's schemes. */
export const THEME: Theme = {
  origin: [230, 97, 1, 230],
  destination: [94, 60, 153, 230],
  externalOrigin: [200, 30, 110, 190],
  externalDestination: [20, 20, 20, 190],
  outline: [255, 255, 255, 220],
  selectedOutline: [20, 20, 20, 255],
  label: [30, 30, 30, 255],
  labelHalo: [255, 255, 255, 235],
  node: [255, 255, 255, 170],
  nodeOutline: [40, 40, 40, 255],
};

/** Follows a dark system theme: light labels on a dark halo. */
export const DARK_THEME: Theme = {
  ...THEME,
  outline: [20, 20, 22, 220],
  selectedOutline: [255, 255, 255, 255],
  label: [245, 245, 245, 255],
  labelHalo: [20, 20, 22, 235],
  node: [30, 30, 32, 190],
  nodeOutline: [230, 230, 230, 255],
  externalDestination: [235, 235, 235, 200],
};

/** For washed-out projectors: black outlines and labels, stronger arcs. */
export const HIGH_CONTRAST_THEME: Theme = {
  ...THEME,
  origin: [200, 70, 0, 255],
  destination: [64, 0, 140, 255],
  externalOrigin: [190, 0, 100, 255],
  externalDestination: [0, 0, 0, 255],
  outline: [30, 30, 30, 255],
  label: [0, 0, 0, 255],
  labelHalo: [255, 255, 255, 255],
  nodeOutline: [0, 0, 0, 255],
};

export interface LayerInputs {
  regions: FeatureCollection<Geometry, RegionProps>;
  /** The regions' outlines (src/core/outlines.ts), prepared with the regions. */
  outlines: OutlineSegments;
  /** The selected polygon, outlined over the others. */
  selected: string | null;
  /** Colour per polygon id for the current measure and year. */
  fillColours: ReadonlyMap<string, Rgba>;
  /** Names what fillColours holds (measure, year, scale): deck.gl compares update triggers by value. */
  fillKey: string;
  internal: ArcBuffers;
  internalFilter: Float32Array;
  external: ArcBuffers;
  externalFilter: Float32Array;
  showExternal: boolean;
  /** False while a question hides the values: no arcs or nodes. */
  showFlows: boolean;
  arcRange: [number, number][];
  nodes: NodeBuffers;
  year: number;
  labels: LabelDatum[];
  /** Whole-country ends of external arcs (Kazakhstan as a whole, partner capitals). */
  anchors: [number, number][];
  fontFamily: string;
  /** Multiplies label sizes (projector view, large text). */
  textScale: number;
  theme?: Theme;
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
}

const arcFilter = new DataFilterExtension({ filterSize: FILTER_SIZE });
const ON_TOP = { depthCompare: 'always', depthWriteEnabled: false } as const;

/**
 * A year's slice of prepared arrays, as views (no copies). deck.gl compares
 * `data` by reference, so each (arrays, year) pair gets one object, made once:
 * returning to a year reuses it, and a new filter array only comes with a new
 * selection.
 */
type BinaryTable = { length: number; attributes: Record<string, { value: Float32Array | Float64Array; size: number }> };
const arcData = new WeakMap<Float32Array, Map<string, BinaryTable>>();
const nodeData = new WeakMap<object, Map<string, BinaryTable>>();
const EMPTY: BinaryTable = { length: 0, attributes: {} };

function yearTable(
  cache: WeakMap<object, Map<string, BinaryTable>>,
  key: object,
  slice: YearSlice | undefined,
  columns: Record<string, { value: Float32Array | Float64Array; size: number }>,
): BinaryTable {
  if (!slice) return EMPTY;
  let bySlice = cache.get(key);
  if (!bySlice) cache.set(key, (bySlice = new Map()));
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

/** What an arc layer draws from: positions and widths laid out by year (ArcBuffers, PreparedFlows). */
export interface ArcArrays {
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
  widths: Float32Array;
}

export interface ArcStyle {
  from: Rgba;
  to: Rgba;
  /** Tilting lays each arc towards the map, so that it bends to the left of its direction. */
  height: number;
  tilt: number;
  numSegments?: number;
}

/**
 * Flow arcs of one slice (a year, or its top N) of prepared arrays, filtered on
 * the GPU by `range` over `filter` (FILTER_SIZE values per arc).
 */
export function flowArcLayer(
  id: string,
  arrays: ArcArrays,
  filter: Float32Array,
  slice: YearSlice | undefined,
  range: [number, number][],
  style: ArcStyle,
  visible: boolean,
): ArcLayer {
  return new ArcLayer({
    id,
    visible,
    data: yearTable(arcData, filter, slice, {
      getSourcePosition: { value: arrays.sourcePositions, size: 2 },
      getTargetPosition: { value: arrays.targetPositions, size: 2 },
      getWidth: { value: arrays.widths, size: 1 },
      getFilterValue: { value: filter, size: FILTER_SIZE },
    }),
    getSourceColor: style.from,
    getTargetColor: style.to,
    // A->B and B->A take opposite sides, so direction shows in shape as well as colour.
    getHeight: style.height,
    getTilt: style.tilt,
    // Fewer segments than the default 50: as smooth at these curvatures, less vertex work per frame.
    numSegments: style.numSegments ?? 32,
    widthUnits: 'pixels',
    widthMinPixels: 0.7,
    widthMaxPixels: 24,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 220, 0, 255],
    extensions: [arcFilter],
    filterRange: range,
  });
}

/**
 * Segments per arc for a number of drawn arcs: a few hundred wide arcs need a
 * smooth curve; thousands of thin ones read the same with fewer segments, and
 * the vertex work (what a software rasteriser spends its time on) falls with them.
 */
export function arcSegmentsFor(arcCount: number): number {
  if (arcCount <= 500) return 32;
  if (arcCount <= 2000) return 12;
  return 6;
}

/** Nodes of one year's slice, sized by their total flow. */
export function flowNodeLayer(
  nodes: { positions: Float64Array; radii: Float32Array },
  slice: YearSlice | undefined,
  theme: Theme,
  visible: boolean,
  id = 'nodes',
): ScatterplotLayer {
  return new ScatterplotLayer({
    id,
    visible,
    data: yearTable(nodeData, nodes, slice, {
      getPosition: { value: nodes.positions, size: 2 },
      getRadius: { value: nodes.radii, size: 1 },
    }),
    radiusUnits: 'pixels',
    radiusMinPixels: 2,
    stroked: true,
    getFillColor: theme.node,
    getLineColor: theme.nodeOutline,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    parameters: ON_TOP,
  });
}

export { layerKind, yearLayerId } from './year-layers';

/** The year layers of the (one) map, kept between calls of buildLayers. */
const caches = { internal: new YearLayers(), external: new YearLayers(), nodes: new YearLayers() };

/**
 * Anchors as binary columns laid out like the nodes' (positions, radii), so
 * that both draw with one pipeline: under software WebGL every other vertex
 * layout is another shader compilation in the first frame. Made once per array.
 */
const anchorTables = new WeakMap<[number, number][], BinaryTable>();
const ANCHOR_RADIUS = 5;
function anchorTable(anchors: [number, number][]): BinaryTable {
  let table = anchorTables.get(anchors);
  if (!table) {
    const positions = new Float64Array(anchors.flat());
    const radii = new Float32Array(anchors.length).fill(ANCHOR_RADIUS);
    table = {
      length: anchors.length,
      attributes: { getPosition: { value: positions, size: 2 }, getRadius: { value: radii, size: 1 } },
    };
    anchorTables.set(anchors, table);
  }
  return table;
}

/** Outline segments as a binary table: all of them, or one polygon's; made once per outlines and polygon. */
const outlineTables = new WeakMap<OutlineSegments, Map<string | null | undefined, BinaryTable>>();
function outlineTable(outlines: OutlineSegments, polygonId: string | null | undefined): BinaryTable {
  let byPolygon = outlineTables.get(outlines);
  if (!byPolygon) outlineTables.set(outlines, (byPolygon = new Map()));
  let table = byPolygon.get(polygonId);
  if (!table) {
    const segments = polygonId === undefined ? outlines : polygonSegments(outlines, polygonId);
    table = {
      length: segments.length,
      attributes: {
        getSourcePosition: { value: segments.sourcePositions, size: 2 },
        getTargetPosition: { value: segments.targetPositions, size: 2 },
      },
    };
    byPolygon.set(polygonId, table);
  }
  return table;
}

/**
 * Outlines are drawn by the arcs' pipeline (flat arcs of two points, the
 * same filter extension with a range that lets every segment through): under
 * software WebGL every other shader is another compilation in the first frame.
 */
const OUTLINE_FILTER_VALUE = [0, 0, 0, 1];
const OUTLINE_FILTER_RANGE: [number, number][] = [
  [0, 0],
  [0, 0],
  [0, 0],
  [1, 1],
];
function outlineLayer(id: string, data: BinaryTable, colour: Rgba, widthPixels: number): ArcLayer {
  return new ArcLayer({
    id,
    data,
    getSourceColor: colour,
    getTargetColor: colour,
    getHeight: 0,
    // Two points: one straight segment.
    numSegments: 2,
    getWidth: widthPixels,
    widthUnits: 'pixels',
    extensions: [arcFilter],
    getFilterValue: OUTLINE_FILTER_VALUE,
    filterRange: OUTLINE_FILTER_RANGE,
    updateTriggers: { getSourceColor: colour.join(','), getTargetColor: colour.join(',') },
  });
}

export function buildLayers(input: LayerInputs): Layer[] {
  const theme = input.theme ?? THEME;
  const choropleth = new GeoJsonLayer<RegionProps>({
    id: 'choropleth',
    data: input.regions,
    filled: true,
    // Outlines are drawn as segments (below): no path joins to tessellate, no shader of their own.
    stroked: false,
    getFillColor: (f) => input.fillColours.get(f.properties.polygon_id) ?? NO_DATA,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    updateTriggers: { getFillColor: input.fillKey },
  });
  const outlines = outlineLayer('outlines', outlineTable(input.outlines, undefined), theme.outline, 1);
  const selectedOutline = outlineLayer(
    'outline-selected',
    outlineTable(input.outlines, input.selected),
    theme.selectedOutline,
    3,
  );

  // One layer per year with flows, kept between updates; the map draws the shown year's (MapView.showYear).
  const rangeKey = JSON.stringify(input.arcRange.slice(1));
  const yearRange = (y: number): [number, number][] => [[y, y], ...input.arcRange.slice(1)];
  const internal = caches.internal.layers(
    [input.internal, input.internalFilter, rangeKey, theme, input.showFlows],
    input.internal.slices.keys(),
    (y) =>
      flowArcLayer(
        yearLayerId('arcs-internal', y),
        input.internal,
        input.internalFilter,
        input.internal.slices.get(y),
        yearRange(y),
        { from: theme.origin, to: theme.destination, height: 0.12, tilt: 90 },
        input.showFlows,
      ),
  );
  const external = caches.external.layers(
    [input.external, input.externalFilter, rangeKey, theme, input.showFlows && input.showExternal],
    input.external.slices.keys(),
    (y) =>
      flowArcLayer(
        yearLayerId('arcs-external', y),
        input.external,
        input.externalFilter,
        input.external.slices.get(y),
        yearRange(y),
        { from: theme.externalOrigin, to: theme.externalDestination, height: 0.2, tilt: 90 },
        input.showFlows && input.showExternal,
      ),
  );
  const nodes = caches.nodes.layers([input.nodes, theme, input.showFlows], input.nodes.slices.keys(), (y) =>
    flowNodeLayer(input.nodes, input.nodes.slices.get(y), theme, input.showFlows, yearLayerId('nodes', y)),
  );

  // Whole-country anchors are rings, unlike region nodes, so they are not read as a region's centre.
  const anchors = new ScatterplotLayer({
    id: 'anchors',
    visible: input.showFlows && input.showExternal,
    data: anchorTable(input.anchors),
    radiusUnits: 'pixels',
    filled: false,
    stroked: true,
    getLineColor: theme.externalDestination,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    parameters: ON_TOP,
  });

  const labels = new TextLayer<LabelDatum>({
    id: 'labels',
    data: input.labels,
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: (d) => labelSize(d, input.textScale),
    getColor: theme.label,
    getTextAnchor: 'middle',
    getAlignmentBaseline: (d) => (d.kind === 'region' ? 'center' : 'top'),
    getPixelOffset: (d) => (d.kind === 'region' ? [0, 0] : [0, 6]),
    fontFamily: input.fontFamily,
    fontWeight: 600,
    // Kazakh letters (қ ғ ө ү ұ і ә ң һ) are outside the default ASCII atlas.
    characterSet: 'auto',
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 4,
    outlineColor: theme.labelHalo,
    sizeUnits: 'pixels',
    // Flat things on top are drawn over the raised arcs, not hidden behind them by the depth test.
    parameters: ON_TOP,
    updateTriggers: { getSize: input.textScale, getColor: theme.label },
  });

  return [choropleth, outlines, selectedOutline, ...internal, ...external, ...nodes, anchors, labels];
}

/** Label size in CSS px (also used to place labels without overlaps). */
export const labelSize = (d: LabelDatum, textScale: number): number => (d.kind === 'region' ? 12 : 11) * textScale;
