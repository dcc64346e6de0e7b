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
import { FILTER_SIZE } from '../core/flow-columns';
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
  /** FILTER_SIZE values per item. */
  filter: Float32Array;
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

/** Values of `size` per item, padded to whole rows of a texture. */
export function paddedTexels(values: Float32Array, size: number): Float32Array {
  const items = values.length / size;
  const out = new Float32Array(tableRows(items) * TABLE_WIDTH * size);
  out.set(values);
  return out;
}

/**
 * Textures of the columns, one per array and device (a lost context's layers
 * are made again on a new one), shared by the layers that use it and destroyed
 * when the last of them lets it go (a new data set, a new selection).
 */
class SharedTextures {
  private readonly held = new WeakMap<Device, Map<object, { texture: Texture; users: number }>>();

  take(device: Device, key: object, format: 'rgba32float' | 'r32float', texels: () => Float32Array): Texture {
    let onDevice = this.held.get(device);
    if (!onDevice) this.held.set(device, (onDevice = new Map()));
    let entry = onDevice.get(key);
    if (!entry) {
      const data = texels();
      const components = format === 'r32float' ? 1 : 4;
      const height = data.length / components / TABLE_WIDTH;
      const texture = device.createTexture({
        format,
        width: TABLE_WIDTH,
        height,
        mipLevels: 1,
        // Float textures cannot be filtered; texelFetch reads them exactly.
        sampler: { minFilter: 'nearest', magFilter: 'nearest' },
      });
      texture.writeData(data, { width: TABLE_WIDTH, height });
      onDevice.set(key, (entry = { texture, users: 0 }));
    }
    entry.users++;
    return entry.texture;
  }

  release(device: Device, key: object): void {
    const onDevice = this.held.get(device);
    const entry = onDevice?.get(key);
    if (!entry || --entry.users > 0) return;
    entry.texture.destroy();
    onDevice!.delete(key);
  }
}
const shared = new SharedTextures();

const uniformBlock = /* glsl */ `\
layout(std140) uniform arcTableUniforms {
  highp int offset;
  highp int rowWidth;
  vec4 filterMin;
  vec4 filterMax;
  vec4 sourceColor;
  vec4 targetColor;
  float height;
  float tilt;
} arcTable;
`;

type ArcTableProps = {
  offset: number;
  rowWidth: number;
  filterMin: [number, number, number, number];
  filterMax: [number, number, number, number];
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
    filterMin: 'vec4<f32>',
    filterMax: 'vec4<f32>',
    sourceColor: 'vec4<f32>',
    targetColor: 'vec4<f32>',
    height: 'f32',
    tilt: 'f32',
  },
} as const satisfies ShaderModule<ArcTableProps>;

/** The ArcLayer's per-instance inputs, as values read at the top of main. */
const INSTANCE_INPUTS = /* glsl */ `\
uniform sampler2D arcEnds;
uniform sampler2D arcWidths;
uniform sampler2D arcFilter;
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
  vec4 filterValues = texelFetch(arcFilter, texel, 0);
  instanceSourcePositions = vec3(ends.xy, 0.0);
  instanceTargetPositions = vec3(ends.zw, 0.0);
  instanceSourcePositions64Low = vec3(0.0);
  instanceTargetPositions64Low = vec3(0.0);
  instanceWidths = texelFetch(arcWidths, texel, 0).r;
  instanceSourceColors = arcTable.sourceColor;
  instanceTargetColors = arcTable.targetColor;
  instanceHeights = arcTable.height;
  instanceTilts = arcTable.tilt;
  bool arcPasses = all(greaterThanEqual(filterValues, arcTable.filterMin)) && all(lessThanEqual(filterValues, arcTable.filterMax));
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
  /** The first item of this layer's arcs in the columns (a year's slice). */
  firstItem: number;
  /** Per filter value: the range an arc's value must lie in to be drawn (both ends included). */
  filterRange: [number, number][];
};

const sameColumns = (a: ArcColumns, b: ArcColumns): boolean =>
  a.sourcePositions === b.sourcePositions &&
  a.targetPositions === b.targetPositions &&
  a.widths === b.widths &&
  a.filter === b.filter;

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
    filterRange: { type: 'object', value: [], compare: true } as never,
  };

  declare state: ArcLayer['state'] & {
    textures?: { columns: ArcColumns; ends: Texture; widths: Texture; filter: Texture };
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
      ends: shared.take(device, columns.sourcePositions, 'rgba32float', () =>
        endsTexels(columns.sourcePositions, columns.targetPositions),
      ),
      widths: shared.take(device, columns.widths, 'r32float', () => paddedTexels(columns.widths, 1)),
      filter: shared.take(device, columns.filter, 'rgba32float', () => paddedTexels(columns.filter, FILTER_SIZE)),
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
    shared.release(device, columns.sourcePositions);
    shared.release(device, columns.widths);
    shared.release(device, columns.filter);
  }

  override draw(): void {
    const { textures } = this.state;
    const model = this.state.model as Model | undefined;
    if (!textures || !model) return;
    const { widthUnits, widthScale, widthMinPixels, widthMaxPixels, numSegments, filterRange, firstItem } = this.props;
    const range = (end: 0 | 1) =>
      Array.from({ length: FILTER_SIZE }, (_, i) => filterRange[i]?.[end] ?? (end ? Infinity : -Infinity)) as [number, number, number, number]; // prettier-ignore
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
        filterMin: range(0),
        filterMax: range(1),
        sourceColor: toUnit(this.props.getSourceColor as Rgba),
        targetColor: toUnit(this.props.getTargetColor as Rgba),
        height: this.props.getHeight as number,
        tilt: this.props.getTilt as number,
      },
    });
    model.setBindings({ arcEnds: textures.ends, arcWidths: textures.widths, arcFilter: textures.filter });
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
