/**
 * The map's deck.gl layers, owned by one instance per map (no module state):
 * regions, outlines, flows, nodes, anchors and labels. They only draw: every
 * array they read is prepared in src/core, and a year step only changes
 * which year's layers are drawn.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { type PreparedNodes, type PreparedFlows } from '../core/flow-columns';
import type { RegionProps, Regions } from '../core/map-data';
import { polygonSegments, segmentTriangles, type OutlineSegments } from '../core/outlines';
import { NO_DATA, type Rgba } from '../core/scales';
import type { Theme } from '../core/theme';
import { centredLabel, labelOffset, labelSize, type LabelDatum } from '../core/view/map-labels';
import { externalArcStyle, FlowLayers, internalArcStyle, NodeLayers, type BinaryTable } from './flow-layers';
import { ON_TOP } from './on-top';
import { LabelCharacters } from './label-characters';
import { SegmentLayer } from './segment-layer';
import { LayerRegistry } from './year-layers';

export interface LayerInputs {
  regions: Regions;
  /** The regions' outlines (src/core/outlines.ts), prepared with the regions. */
  outlines: OutlineSegments;
  /** The districts' outlines (src/core/districts.ts) once their file is loaded, else null. */
  districts: OutlineSegments | null;
  /**
   * Whether the district level is drawn. Loaded districts keep their layer
   * while hidden, so that a zoom across the level's threshold only shows or
   * hides it (no layer made, nothing uploaded).
   */
  districtsShown: boolean;
  /** The selected polygon, outlined over the others. */
  selected: string | null;
  /** Colour per polygon id for the current measure and year. */
  fillColours: ReadonlyMap<string, Rgba>;
  /** Names what fillColours holds (measure, year, scale): deck.gl compares update triggers by value. */
  fillKey: string;
  internal: PreparedFlows;
  internalFilter: Float32Array;
  external: PreparedFlows;
  externalFilter: Float32Array;
  showExternal: boolean;
  /** False while a question hides the values: no arcs or nodes. */
  showFlows: boolean;
  /** False while places of the user's own are drawn instead of the flows between regions and their centres. */
  regionFlows?: boolean;
  minFlow: number;
  topN: number | null;
  nodes: PreparedNodes;
  labels: LabelDatum[];
  /** Whole-country ends of external arcs: partner capitals. */
  anchors: [number, number][];
  /** Kazakhstan as a whole, where the year's external arcs reach it (drawn apart: it is not a place). */
  nationalAnchor: [number, number][];
  fontFamily: string;
  /** Multiplies label sizes (projector view, large text). */
  textScale: number;
  theme: Theme;
  /**
   * The year shown: when the flows' inputs change (the first frame, a
   * selection, a filter), its year layers are made first and the other
   * years' in the next frame (YearLayers' `shown`; MapRenderer asks again).
   */
  year: number;
}

const ANCHOR_RADIUS = 5;
/** The national node's ring: larger and thicker than a capital's, unlike a region's filled circle. */
const NATIONAL_RADIUS = 13;

export class MapLayers {
  /** What each layer is (kind, year): the map's draw-time year filter and picking ask it. */
  readonly registry = new LayerRegistry();
  private readonly internal = new FlowLayers(this.registry, 'arcs-internal');
  private readonly external = new FlowLayers(this.registry, 'arcs-external');
  private readonly nodes = new NodeLayers(this.registry);
  private readonly anchorTables = new WeakMap<[number, number][], BinaryTable>();
  private readonly outlineTables = new WeakMap<OutlineSegments, Map<string | null | undefined, BinaryTable>>();
  /** The labels' characters (their font atlas), grown ahead by prepareLabels. */
  private readonly labelCharacters = new LabelCharacters();

  /** Year layers still to be made after the last build (the map draws again after each frame while there are). */
  get missing(): number {
    return this.internal.missing + this.external.missing + this.nodes.missing;
  }

  build(input: LayerInputs): Layer[] {
    const { theme } = input;
    const choropleth = new GeoJsonLayer<RegionProps>({
      id: 'choropleth',
      data: input.regions,
      filled: true,
      // Outlines are drawn as segments (below, SegmentLayer): no path joins to tessellate.
      stroked: false,
      getFillColor: (f) => input.fillColours.get(f.properties.polygon_id) ?? NO_DATA,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 70],
      updateTriggers: { getFillColor: input.fillKey },
    });
    // Under the districts' thin lines, the regions' borders are drawn wider so that they stay apart.
    const districtOutlines = input.districts
      ? [
          this.outlineLayer(
            'outline-districts',
            this.outlineTable(input.districts, undefined),
            theme.districtOutline,
            1,
            input.districtsShown,
          ),
        ]
      : [];
    const outlines = this.outlineLayer(
      'outlines',
      this.outlineTable(input.outlines, undefined),
      theme.outline,
      input.districts && input.districtsShown ? 2 : 1,
    );
    const selectedOutline = this.outlineLayer(
      'outline-selected',
      this.outlineTable(input.outlines, input.selected),
      theme.selectedOutline,
      3,
    );
    const flows = { minFlow: input.minFlow, topN: input.topN };
    const internal = this.internal.layers(
      {
        ...flows,
        prepared: input.internal,
        filter: input.internalFilter,
        style: internalArcStyle(theme),
        visible: input.showFlows && input.regionFlows !== false,
      },
      input.year,
    );
    const external = this.external.layers(
      {
        ...flows,
        prepared: input.external,
        filter: input.externalFilter,
        style: externalArcStyle(theme),
        visible: input.showFlows && input.showExternal,
      },
      input.year,
    );
    const nodes = this.nodes.layers(input.nodes, theme, input.showFlows && input.regionFlows !== false, input.year);
    // Whole-country anchors are rings, unlike region nodes, so they are not read as a region's centre.
    const anchors = new ScatterplotLayer({
      id: 'anchors',
      visible: input.showFlows && input.showExternal,
      data: this.anchorTable(input.anchors),
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: theme.externalDestination,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      ...ON_TOP,
    });
    // Kazakhstan as a whole: a wide, thick open ring (a region is a filled circle), hoverable for what it stands for.
    const national = new ScatterplotLayer({
      id: 'national-anchor',
      visible: input.showFlows && input.showExternal,
      pickable: true,
      data: this.anchorTable(input.nationalAnchor, NATIONAL_RADIUS),
      radiusUnits: 'pixels',
      // A faint tint inside makes the whole disc hoverable; a region's node is white.
      filled: true,
      getFillColor: [...theme.externalDestination.slice(0, 3), 50] as Rgba,
      stroked: true,
      getLineColor: theme.externalDestination,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      ...ON_TOP,
    });
    const labels = new TextLayer<LabelDatum>({
      id: 'labels',
      data: input.labels,
      getPosition: (d) => d.position,
      getText: (d) => d.text,
      getSize: (d) => labelSize(d, input.textScale),
      getColor: theme.label,
      getTextAnchor: 'middle',
      getAlignmentBaseline: (d) => (centredLabel(d) ? 'center' : 'top'),
      getPixelOffset: (d) => [0, labelOffset(d)],
      fontFamily: input.fontFamily,
      fontWeight: 600,
      // Kazakh letters (қ ғ ө ү ұ і ә ң һ) are outside the default ASCII atlas.
      characterSet: this.labelCharacters.of(input.labels) as Set<string>,
      fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
      outlineWidth: 4,
      outlineColor: theme.labelHalo,
      sizeUnits: 'pixels',
      ...ON_TOP,
      updateTriggers: { getSize: input.textScale, getColor: theme.label },
    });
    for (const layer of [choropleth, ...districtOutlines, outlines, selectedOutline, anchors, national, labels])
      this.registry.add(layer, layer.id);
    return [
      choropleth,
      ...districtOutlines,
      outlines,
      selectedOutline,
      ...internal,
      ...external,
      ...nodes,
      anchors,
      national,
      labels,
    ];
  }

  /**
   * Anchors as binary columns laid out like the nodes' (positions, radii), so
   * that both draw with one pipeline: under software WebGL every other vertex
   * layout is another shader compilation in the first frame. Made once per array.
   */
  private anchorTable(anchors: [number, number][], radius = ANCHOR_RADIUS): BinaryTable {
    let table = this.anchorTables.get(anchors);
    if (!table) {
      const positions = new Float64Array(anchors.flat());
      const radii = new Float32Array(anchors.length).fill(radius);
      table = {
        length: anchors.length,
        attributes: { getPosition: { value: positions, size: 2 }, getRadius: { value: radii, size: 1 } },
      };
      this.anchorTables.set(anchors, table);
    }
    return table;
  }

  /**
   * Adds labels' characters to the font atlas's set ahead of their first
   * drawing: the next build draws their glyphs (a new level's names, e.g.
   * the districts', made while the map is idle rather than in the zoom's frame).
   */
  prepareLabels(labels: readonly LabelDatum[]): void {
    this.labelCharacters.of(labels);
  }

  /** Makes the triangles of every outline of a set ahead of its first drawing (the districts', while the map is idle). */
  prepareOutlines(outlines: OutlineSegments): void {
    this.outlineTable(outlines, undefined);
  }

  /** Outline segments as a binary table of triangles: all of them, or one polygon's; made once per outlines and polygon. */
  private outlineTable(outlines: OutlineSegments, polygonId: string | null | undefined): BinaryTable {
    let byPolygon = this.outlineTables.get(outlines);
    if (!byPolygon) this.outlineTables.set(outlines, (byPolygon = new Map()));
    let table = byPolygon.get(polygonId);
    if (!table) {
      const triangles = segmentTriangles(polygonId === undefined ? outlines : polygonSegments(outlines, polygonId));
      table = {
        length: triangles.length,
        attributes: {
          getSourcePosition: { value: triangles.sourcePositions, size: 2 },
          getTargetPosition: { value: triangles.targetPositions, size: 2 },
          getCorner: { value: triangles.corners, size: 3 },
        },
      };
      byPolygon.set(polygonId, table);
    }
    return table;
  }

  private outlineLayer(id: string, data: BinaryTable, colour: Rgba, widthPixels: number, visible = true): SegmentLayer {
    return new SegmentLayer({
      id,
      visible,
      data,
      getColor: colour,
      getWidth: widthPixels,
      widthUnits: 'pixels',
      updateTriggers: { getColor: colour.join(',') },
    });
  }
}
