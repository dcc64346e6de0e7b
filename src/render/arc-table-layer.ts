/**
 * deck.gl's ArcLayer drawn in one non-instanced call: each arc's values are
 * read in the vertex shader from textures of the prepared columns (shared by
 * every year's layer), the arc by gl_VertexID. A software rasteriser
 * (SwiftShader: the classroom PC without a graphics card, and the tests) sets
 * up each instance as a draw of its own, so the instanced ArcLayer paid per
 * arc: its triangles are few and small, the setup is not. The shader is the
 * ArcLayer's own, with its per-instance inputs taken from the textures and
 * uniforms, and the DataFilterExtension's range test done here on the same
 * four filter values (src/core/flow-columns.ts).
 */
import { UNIT, type DefaultProps, type UpdateParameters } from '@deck.gl/core';
import { ArcLayer, type ArcLayerProps } from '@deck.gl/layers';
import type { Device, Texture } from '@luma.gl/core';
import { Model } from '@luma.gl/engine';
import type { ShaderModule } from '@luma.gl/shadertools';
import { FILTER_SIZE, OUTSIDE_SELECTION } from '../core/flow-columns';
import type { Rgba } from '../core/scales';

/**
 * Texels a row of each table's texture: 2048 is what WebGL 2 guarantees, as
 * many rows: 4 million items everywhere (16.7 million with SwiftShader's 8192).
 */
export const TABLE_WIDTH = 2048;

/**
 * The columns an arc is read from: the prepared arrays (whole, not a year's
 * slice); item i is at texel (i mod TABLE_WIDTH, i div TABLE_WIDTH).
 */
export interface ArcColumns {
  /** Two values (longitude, latitude) per item. */
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
  /** One value per item, in pixels. */
  widths: Float32Array;
  /**
   * FILTER_SIZE values per item (year, count, rank in its year, in the
   * selection: src/core/flow-columns.ts), the prepared ones or a selection's.
   * A selection's differ from the prepared ones only in rank and membership
   * (selectionFilter), so the counts are read once, with the widths, and only
   * the ranks go to the GPU again when the selection or the view changes.
   */
  filter: Float32Array;
  /**
   * The ranks' texels made already (selectionRanks into rankTable's array), in
   * place of those of `filter`, which then only gives the counts: a view that
   * changes the selection at every camera (places in view) writes the ranks
   * alone.
   */
  ranks?: Float32Array;
}

/** The rows of a table texture for `items` items (at least one). */
export const tableRows = (items: number): number => Math.max(1, Math.ceil(items / TABLE_WIDTH));

/** An arc's ends as texels of four values (source x, y, target x, y), padded to whole rows. */
export function endsTexels(source: Float64Array, target: Float64Array): Float32Array {
  const items = source.length / 2;
  const out = new Float32Array(tableRows(items) * TABLE_WIDTH * 4);
  for (let i = 0; i < items; i++) {
    out[i * 4] = source[i * 2]!;
    out[i * 4 + 1] = source[i * 2 + 1]!;
    out[i * 4 + 2] = target[i * 2]!;
    out[i * 4 + 3] = target[i * 2 + 1]!;
  }
  return out;
}

/** Each item's width and count as texels of two values, padded to whole rows. */
export function measureTexels(widths: Float32Array, filter: Float32Array): Float32Array {
  const out = new Float32Array(tableRows(widths.length) * TABLE_WIDTH * 2);
  for (let i = 0; i < widths.length; i++) {
    out[i * 2] = widths[i]!;
    out[i * 2 + 1] = filter[i * FILTER_SIZE + 1]!;
  }
  return out;
}

/** An array for the ranks' texels of `items` items (ArcColumns.ranks), padded to whole rows. */
export const rankTable = (items: number): Float32Array => new Float32Array(tableRows(items) * TABLE_WIDTH);

/** Each item's rank in its year among the selection, or OUTSIDE_SELECTION, padded to whole rows. */
export function rankTexels(filter: Float32Array): Float32Array {
  const items = filter.length / FILTER_SIZE;
  const out = rankTable(items);
  for (let i = 0; i < items; i++)
    out[i] = filter[i * FILTER_SIZE + 3] === 1 ? filter[i * FILTER_SIZE + 2]! : OUTSIDE_SELECTION;
  return out;
}

type TableFormat = 'rgba32float' | 'rg32float' | 'r32float';
const COMPONENTS: Record<TableFormat, number> = { rgba32float: 4, rg32float: 2, r32float: 1 };

/**
 * Textures no layer uses are kept up to this many bytes (the last let go
 * first kept), so that returning to a level of places or to a dataset finds
 * them made, and textures made ahead (ArcTableLayer.makeAhead) wait for their
 * layer. Beyond it the oldest are destroyed. A million flows' ends, widths
 * and counts take 24 MB; a level of places at most 2.4 MB.
 */
export const UNUSED_TEXTURE_BYTES = 32 * 1024 * 1024;

interface HeldTexture {
  texture: Texture;
  users: number;
  bytes: number;
}

/**
 * Textures of the columns, one per array and device (a lost context's layers
 * are made again on a new one), shared by the layers that use it; one no
 * layer uses is destroyed, or kept while UNUSED_TEXTURE_BYTES allow.
 */
export class SharedTextures {
  constructor(private readonly unusedBytes = UNUSED_TEXTURE_BYTES) {}

  private readonly held = new WeakMap<Device, Map<object, HeldTexture>>();
  /** Per device, the textures no layer uses, the longest unused first. */
  private readonly unused = new WeakMap<Device, Map<object, HeldTexture>>();

  take(device: Device, key: object, format: TableFormat, texels: () => Float32Array): Texture {
    let onDevice = this.held.get(device);
    if (!onDevice) this.held.set(device, (onDevice = new Map()));
    let entry = onDevice.get(key);
    if (!entry) {
      const data = texels();
      const height = data.length / COMPONENTS[format] / TABLE_WIDTH;
      const texture = device.createTexture({
        format,
        width: TABLE_WIDTH,
        height,
        mipLevels: 1,
        // Float textures cannot be filtered; texelFetch reads them exactly.
        sampler: { minFilter: 'nearest', magFilter: 'nearest' },
      });
      texture.writeData(data, { width: TABLE_WIDTH, height });
      onDevice.set(key, (entry = { texture, users: 0, bytes: data.byteLength }));
    }
    this.unused.get(device)?.delete(key);
    entry.users++;
    return entry.texture;
  }

  /** `keepUnused`: kept while no layer uses it (within UNUSED_TEXTURE_BYTES), else destroyed at once. */
  release(device: Device, key: object, keepUnused: boolean): void {
    const entry = this.held.get(device)?.get(key);
    if (!entry || --entry.users > 0) return;
    if (!keepUnused) {
      entry.texture.destroy();
      this.held.get(device)!.delete(key);
      return;
    }
    let unused = this.unused.get(device);
    if (!unused) this.unused.set(device, (unused = new Map()));
    unused.set(key, entry);
    let bytes = 0;
    for (const e of unused.values()) bytes += e.bytes;
    for (const [oldest, e] of unused) {
      if (bytes <= this.unusedBytes) break;
      bytes -= e.bytes;
      e.texture.destroy();
      unused.delete(oldest);
      this.held.get(device)!.delete(oldest);
    }
  }
}
const shared = new SharedTextures();

function releaseFixed(device: Device, columns: ArcColumns): void {
  shared.release(device, columns.sourcePositions, true);
  shared.release(device, columns.widths, true);
}

/** The textures of columns that do not change with the selection: the ends, and the widths with the counts. */
function takeFixed(device: Device, columns: ArcColumns): { ends: Texture; measures: Texture } {
  return {
    ends: shared.take(device, columns.sourcePositions, 'rgba32float', () =>
      endsTexels(columns.sourcePositions, columns.targetPositions),
    ),
    measures: shared.take(device, columns.widths, 'rg32float', () => measureTexels(columns.widths, columns.filter)),
  };
}

const uniformBlock = /* glsl */ `\
layout(std140) uniform arcTableUniforms {
  highp int offset;
  highp int rowWidth;
  vec2 countRange;
  vec2 rankRange;
  vec4 sourceColor;
  vec4 targetColor;
  float height;
  float tilt;
} arcTable;
`;

type ArcTableProps = {
  offset: number;
  rowWidth: number;
  countRange: [number, number];
  rankRange: [number, number];
  sourceColor: [number, number, number, number];
  targetColor: [number, number, number, number];
  height: number;
  tilt: number;
};

const arcTableUniforms = {
  name: 'arcTable',
  vs: uniformBlock,
  fs: '',
  uniformTypes: {
    offset: 'i32',
    rowWidth: 'i32',
    countRange: 'vec2<f32>',
    rankRange: 'vec2<f32>',
    sourceColor: 'vec4<f32>',
    targetColor: 'vec4<f32>',
    height: 'f32',
    tilt: 'f32',
  },
} as const satisfies ShaderModule<ArcTableProps>;

/** The ArcLayer's per-instance inputs, as values read at the top of main. */
const INSTANCE_INPUTS = /* glsl */ `\
uniform sampler2D arcEnds;
uniform sampler2D arcMeasures;
uniform sampler2D arcRanks;
vec4 instanceSourceColors;
vec4 instanceTargetColors;
vec3 instanceSourcePositions;
vec3 instanceSourcePositions64Low;
vec3 instanceTargetPositions;
vec3 instanceTargetPositions64Low;
float instanceWidths;
float instanceHeights;
float instanceTilts;
int arcIndex;
int arcVertexID;
`;

/**
 * Each arc is a triangle strip of 2 x numSegments vertices, with its first and
 * last repeated: the repeats make zero-area triangles that join one arc's strip to
 * the next, so all arcs are one strip.
 */
const READ_ARC = /* glsl */ `\
  int perArc = 2 * int(arc.numSegments) + 2;
  arcIndex = gl_VertexID / perArc;
  arcVertexID = clamp(gl_VertexID - arcIndex * perArc - 1, 0, perArc - 3);
  int item = arcTable.offset + arcIndex;
  ivec2 texel = ivec2(item % arcTable.rowWidth, item / arcTable.rowWidth);
  vec4 ends = texelFetch(arcEnds, texel, 0);
  vec2 measures = texelFetch(arcMeasures, texel, 0).rg;
  float rank = texelFetch(arcRanks, texel, 0).r;
  instanceSourcePositions = vec3(ends.xy, 0.0);
  instanceTargetPositions = vec3(ends.zw, 0.0);
  instanceSourcePositions64Low = vec3(0.0);
  instanceTargetPositions64Low = vec3(0.0);
  instanceWidths = measures.x;
  instanceSourceColors = arcTable.sourceColor;
  instanceTargetColors = arcTable.targetColor;
  instanceHeights = arcTable.height;
  instanceTilts = arcTable.tilt;
  bool arcPasses = measures.y >= arcTable.countRange.x && measures.y <= arcTable.countRange.y &&
    rank >= arcTable.rankRange.x && rank <= arcTable.rankRange.y;
`;

/** An arc outside the filter range: every vertex beyond the clip volume, so its triangles are dropped. */
const DROP_FILTERED = /* glsl */ `\
  if (!arcPasses) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
`;

/** The index of the `}` that closes the block opened at `open` (a `{`). */
function closingBrace(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  throw new Error("ArcLayer's vertex shader changed: a block is not closed");
}

/**
 * The ArcLayer's main without what this layer never draws: great circles and
 * the globe (its first branch; the flat one is kept) and arcs across the
 * antimeridian (`wrapLongitude`). Less code for the GPU's compiler at the first
 * frame: a software rasteriser compiles each shader on the page's first draw.
 */
export function flatArcsOnly(body: string): string {
  const globe = body.indexOf('if ((arc.greatCircle');
  if (globe < 0) throw new Error("ArcLayer's vertex shader changed: no great-circle branch");
  const globeEnd = closingBrace(body, body.indexOf('{', globe));
  const elseAt = body.indexOf('else {', globeEnd);
  if (body.slice(globeEnd + 1, elseAt).trim() !== '')
    throw new Error("ArcLayer's vertex shader changed: no flat branch");
  const flatOpen = elseAt + 'else '.length;
  const flatEnd = closingBrace(body, flatOpen);
  let out = body.slice(0, globe) + body.slice(flatOpen + 1, flatEnd) + body.slice(flatEnd + 1);
  for (let at = out.indexOf('if (arc.useShortestPath)'); at >= 0; at = out.indexOf('if (arc.useShortestPath)'))
    out = out.slice(0, at) + out.slice(closingBrace(out, out.indexOf('{', at)) + 1);
  if (/greatCircle|useShortestPath|PROJECTION_MODE_GLOBE/.test(out))
    throw new Error("ArcLayer's vertex shader changed: great circles or wrapping left");
  return out;
}

/** The ArcLayer's vertex shader with its instance inputs read from the tables. */
export function tableVertexShader(vs: string): string {
  const declarations = /^in (vec[34]|float) instance\w+;\n/gm;
  const found = vs.match(declarations)?.length ?? 0;
  if (found !== 9) throw new Error(`ArcLayer's vertex shader changed: ${found} instance inputs, 9 expected`);
  const mainAt = vs.indexOf('void main(void) {');
  const end = vs.lastIndexOf('}');
  if (mainAt < 0 || end < mainAt || !vs.includes('picking_getPickingColorFromInstanceID()'))
    throw new Error("ArcLayer's vertex shader changed: no main or picking colour");
  const bodyStart = mainAt + 'void main(void) {'.length;
  const head = vs.slice(0, bodyStart).replace(declarations, '');
  const body = flatArcsOnly(vs.slice(bodyStart, end))
    .replaceAll('gl_VertexID', 'arcVertexID')
    .replace('picking_getPickingColorFromInstanceID()', 'picking_getPickingColorFromIndex(float(arcIndex))');
  const version = head.indexOf('\n') + 1;
  return `${head.slice(0, version)}${INSTANCE_INPUTS}${head.slice(version)}\n${READ_ARC}${body}${DROP_FILTERED}}\n`;
}

export type ArcTableLayerProps = ArcLayerProps<unknown> & {
  columns: ArcColumns;
  /** The first item of this layer's arcs in the columns (a year's slice: the year itself is not tested). */
  firstItem: number;
  /** The counts drawn (both ends included). */
  countRange: [number, number];
  /** The ranks in the year drawn (both ends included); items outside the selection are never drawn. */
  rankRange: [number, number];
};

const sameColumns = (a: ArcColumns, b: ArcColumns): boolean =>
  a.sourcePositions === b.sourcePositions &&
  a.targetPositions === b.targetPositions &&
  a.widths === b.widths &&
  a.filter === b.filter &&
  a.ranks === b.ranks;

/** What the ranks' texture is made from, and shared by. */
const ranksKey = (columns: ArcColumns): Float32Array => columns.ranks ?? columns.filter;

const toUnit = (rgba: Rgba): [number, number, number, number] => [
  rgba[0] / 255,
  rgba[1] / 255,
  rgba[2] / 255,
  (rgba[3] ?? 255) / 255,
];

export class ArcTableLayer extends ArcLayer<unknown, ArcTableLayerProps> {
  static override layerName = 'ArcTableLayer';
  static override defaultProps: DefaultProps<ArcTableLayerProps> = {
    ...(ArcLayer.defaultProps as DefaultProps<ArcTableLayerProps>),
    columns: { type: 'object', value: null, compare: true } as never,
    firstItem: 0,
    countRange: { type: 'array', value: [-Infinity, Infinity], compare: true } as never,
    rankRange: { type: 'array', value: [0, Infinity], compare: true } as never,
  };

  /**
   * Makes the textures of columns that stay the same whatever the selection
   * (ends, widths and counts) before a layer draws them, e.g. while the page
   * is idle: they are then kept unused (UNUSED_TEXTURE_BYTES) until it does.
   */
  static makeAhead(device: Device, columns: ArcColumns): void {
    takeFixed(device, columns);
    releaseFixed(device, columns);
  }

  declare state: ArcLayer['state'] & {
    textures?: { columns: ArcColumns; ends: Texture; measures: Texture; ranks: Texture };
  };

  override getShaders() {
    const shaders = super.getShaders();
    return { ...shaders, vs: tableVertexShader(shaders.vs as string), modules: [...shaders.modules, arcTableUniforms] };
  }

  // No attributes: every value comes from the tables.
  override initializeState(): void {}

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { columns } = this.props;
    const held = this.state.textures;
    if (held && sameColumns(held.columns, columns)) return;
    const device = this.context.device;
    const textures = {
      columns,
      ...takeFixed(device, columns),
      ranks: shared.take(device, ranksKey(columns), 'r32float', () => columns.ranks ?? rankTexels(columns.filter)),
    };
    if (held) this.releaseTextures(held.columns);
    this.setState({ textures });
  }

  override finalizeState(context: Parameters<ArcLayer['finalizeState']>[0]): void {
    if (this.state.textures) this.releaseTextures(this.state.textures.columns);
    super.finalizeState(context);
  }

  private releaseTextures(columns: ArcColumns): void {
    const device = this.context.device;
    releaseFixed(device, columns);
    // A selection's ranks are rarely met again (a new view makes new ones).
    shared.release(device, ranksKey(columns), false);
  }

  override draw(): void {
    const { textures } = this.state;
    const model = this.state.model as Model | undefined;
    if (!textures || !model) return;
    const { widthUnits, widthScale, widthMinPixels, widthMaxPixels, numSegments, countRange, rankRange, firstItem } =
      this.props;
    model.shaderInputs.setProps({
      arc: {
        numSegments,
        widthUnits: UNIT[widthUnits],
        widthScale,
        widthMinPixels,
        widthMaxPixels,
        greatCircle: false,
        useShortestPath: false,
      },
      arcTable: {
        offset: firstItem,
        rowWidth: TABLE_WIDTH,
        countRange,
        // Never below 0: the rank of an item outside the selection is OUTSIDE_SELECTION.
        rankRange: [Math.max(0, rankRange[0]), rankRange[1]],
        sourceColor: toUnit(this.props.getSourceColor as Rgba),
        targetColor: toUnit(this.props.getTargetColor as Rgba),
        height: this.props.getHeight as number,
        tilt: this.props.getTilt as number,
      },
    });
    model.setBindings({ arcEnds: textures.ends, arcMeasures: textures.measures, arcRanks: textures.ranks });
    model.setVertexCount(this.getNumInstances() * (2 * numSegments + 2));
    model.draw(this.context.renderPass);
  }

  protected override _getModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: [],
      topology: 'triangle-strip',
      vertexCount: 0,
      isInstanced: false,
    });
  }
}
