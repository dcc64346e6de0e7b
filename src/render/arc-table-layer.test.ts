import { ArcLayer } from '@deck.gl/layers';
import type { Device } from '@luma.gl/core';
import { describe, expect, it } from 'vitest';
import { FILTER_SIZE, OUTSIDE_SELECTION } from '../core/flow-columns';
import {
  endsTexels,
  measureTexels,
  rankTable,
  rankTexels,
  SharedTextures,
  TABLE_WIDTH,
  tableRows,
  tableVertexShader,
} from './arc-table-layer';

/** deck.gl's ArcLayer vertex shader, as the layer hands it over (no device needed). */
const arcShader = () => {
  const layer = new ArcLayer({ id: 'a' });
  Object.assign(layer, { context: { defaultShaderModules: [] } });
  return layer.getShaders().vs as string;
};

describe('ArcTableLayer tables', () => {
  it('packs each item’s ends into one texel of four values, padded to whole rows', () => {
    const source = Float64Array.of(71.4, 51.1, 76.9, 43.2, 50.1, 53.2);
    const target = Float64Array.of(69.6, 42.3, 71.4, 51.1, 82.6, 49.9);
    const texels = endsTexels(source, target);
    expect(texels.length).toBe(TABLE_WIDTH * 4);
    expect(Array.from(texels.subarray(4, 8))).toEqual(Array.from(Float32Array.of(76.9, 43.2, 71.4, 51.1)));
    expect(Array.from(texels.subarray(12, 16))).toEqual([0, 0, 0, 0]);
  });

  it('finds item i at texel (i mod width, i div width), across rows', () => {
    const items = TABLE_WIDTH + 3;
    const widths = Float32Array.from({ length: items }, (_, i) => i / 10);
    // Year, count, rank, in the selection: item i counts 1000 + i.
    const filter = Float32Array.from({ length: items * FILTER_SIZE }, (_, j) =>
      j % FILTER_SIZE === 1 ? 1000 + Math.floor(j / FILTER_SIZE) : 1,
    );
    const texels = measureTexels(widths, filter);
    expect(tableRows(items)).toBe(2);
    expect(texels.length).toBe(2 * TABLE_WIDTH * 2);
    // The texel the shader reads for item TABLE_WIDTH + 1: (1, 1), rows of TABLE_WIDTH texels.
    const at = (1 * TABLE_WIDTH + 1) * 2;
    expect(Array.from(texels.subarray(at, at + 2))).toEqual([
      Math.fround((TABLE_WIDTH + 1) / 10),
      1000 + TABLE_WIDTH + 1,
    ]);
    expect(tableRows(0)).toBe(1);
  });

  it('keeps a rank only for items in the selection, below every range for the rest', () => {
    // Three items of one year: in the selection with rank 0, outside it, in it with rank 1.
    const filter = Float32Array.of(2024, 50, 0, 1, 2024, 40, 3.4e38, 0, 2024, 30, 1, 1);
    const texels = rankTexels(filter);
    expect(texels.length).toBe(TABLE_WIDTH);
    expect(Array.from(texels.subarray(0, 4))).toEqual([0, OUTSIDE_SELECTION, 1, 0]);
  });

  it('makes an array for ranks written ahead (ArcColumns.ranks) as long as the texels made from a filter', () => {
    for (const items of [0, 1, TABLE_WIDTH, TABLE_WIDTH + 1])
      expect(rankTable(items).length).toBe(rankTexels(new Float32Array(items * FILTER_SIZE)).length);
  });
});

describe('tableVertexShader', () => {
  const vs = tableVertexShader(arcShader());

  it('keeps no per-instance input: each is read from the tables or the uniforms', () => {
    expect(vs).not.toMatch(/^in .* instance\w+;/m);
    for (const name of ['instanceSourcePositions', 'instanceTargetPositions', 'instanceWidths', 'instanceSourceColors'])
      expect(vs).toMatch(new RegExp(`^\\s*${name} = `, 'm'));
    expect(vs.startsWith('#version 300 es\n')).toBe(true);
  });

  it('takes the vertex within its arc and the picking colour from the arc’s index, not the instance', () => {
    const main = vs.slice(vs.indexOf('void main(void) {'));
    // gl_VertexID only where the arc and its vertex are worked out; the ArcLayer's body uses the latter.
    expect(main.match(/gl_VertexID/g)).toHaveLength(2);
    expect(main).toContain('float(arcVertexID / 2)');
    expect(main).toContain('picking_getPickingColorFromIndex(float(arcIndex))');
    expect(vs).not.toContain('InstanceID');
  });

  it('keeps only the flat arc: no great circle, globe or antimeridian branch, the flat interpolation intact', () => {
    const main = vs.slice(vs.indexOf('void main(void) {'));
    expect(main).not.toMatch(/greatCircle|useShortestPath|PROJECTION_MODE_GLOBE|interpolateGreatCircle\(/);
    expect(main).toContain('vec3 currPos = interpolateFlat(source, target, segmentRatio);');
    expect(main).toContain('geometry.position = vec4(currPos, 1.0);');
    // Braces still balance: the branches were cut whole.
    expect(main.split('{').length).toBe(main.split('}').length);
  });

  it('drops an arc outside the filter range at the end of main, after the ArcLayer has set gl_Position', () => {
    const drop = vs.lastIndexOf('if (!arcPasses) gl_Position');
    expect(drop).toBeGreaterThan(vs.lastIndexOf('gl_Position = curr'));
    expect(vs.trimEnd().endsWith('}')).toBe(true);
  });

  it('refuses a shader it does not know rather than drawing wrong arcs', () => {
    expect(() => tableVertexShader(arcShader().replace('in float instanceTilts;\n', ''))).toThrow(/8 instance inputs/);
    expect(() => tableVertexShader(arcShader().replace('picking_getPickingColorFromInstanceID()', 'x'))).toThrow(
      /picking/,
    );
    expect(() => tableVertexShader(arcShader().replace('if ((arc.greatCircle', 'if ((false'))).toThrow(/great-circle/);
  });
});

describe('SharedTextures', () => {
  /** A device that makes textures of nothing and records which were destroyed. */
  const fakeDevice = () => {
    const destroyed: number[] = [];
    let made = 0;
    const device = {
      createTexture: () => {
        const id = made++;
        return { id, writeData: () => {}, destroy: () => destroyed.push(id) };
      },
    };
    return { device: device as unknown as Device, destroyed, made: () => made };
  };
  const texels = (bytes: number) => () => new Float32Array((bytes / 4 / TABLE_WIDTH) * TABLE_WIDTH);
  const MB = 2048 * 4 * 128; // 1 MB: 128 rows of TABLE_WIDTH single floats

  it('shares one texture per array and device among the layers that take it', () => {
    const { device, made } = fakeDevice();
    const shared = new SharedTextures(2 * MB);
    const key = {};
    const a = shared.take(device, key, 'r32float', texels(MB));
    expect(shared.take(device, key, 'r32float', texels(MB))).toBe(a);
    expect(made()).toBe(1);
    // Another device (a context made again after a lost one) gets its own.
    const other = fakeDevice();
    expect(shared.take(other.device, key, 'r32float', texels(MB))).not.toBe(a);
  });

  it('keeps a texture no layer uses within its budget, destroying the longest unused beyond it', () => {
    const { device, destroyed, made } = fakeDevice();
    const shared = new SharedTextures(2 * MB);
    const [a, b, c] = [{}, {}, {}];
    for (const key of [a, b, c]) shared.take(device, key, 'r32float', texels(MB));
    shared.release(device, a, true);
    shared.release(device, b, true);
    expect(destroyed).toEqual([]);
    // Taken again while kept: the same texture, nothing made.
    shared.take(device, a, 'r32float', texels(MB));
    expect(made()).toBe(3);
    shared.release(device, a, true);
    // Over the budget: b, unused the longest, goes first.
    shared.release(device, c, true);
    expect(destroyed).toEqual([1]);
    shared.take(device, b, 'r32float', texels(MB));
    expect(made()).toBe(4);
  });

  it('destroys at once what is not to be kept (a selection’s ranks)', () => {
    const { device, destroyed } = fakeDevice();
    const shared = new SharedTextures(2 * MB);
    const key = {};
    shared.take(device, key, 'r32float', texels(MB));
    shared.take(device, key, 'r32float', texels(MB));
    shared.release(device, key, false);
    expect(destroyed).toEqual([]);
    shared.release(device, key, false);
    expect(destroyed).toEqual([0]);
  });
});
