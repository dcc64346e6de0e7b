/**
 * Straight segments of a fixed width in pixels (the regions' and districts'
 * outlines), drawn with deck.gl's LineLayer shaders as plain triangles in one
 * call instead of one instance a segment. A software rasteriser (SwiftShader,
 * the classroom PC without a graphics card, and the tests) sets up each
 * instance as a draw of its own: the 8,500 instanced outline segments cost
 * about 220 ms of every frame at 1400×900, as triangles a few ms.
 * Its data: core/outlines.ts segmentTriangles, as a binary table.
 */
import type { UpdateParameters } from '@deck.gl/core';
import { LineLayer } from '@deck.gl/layers';
import { Model } from '@luma.gl/engine';

export class SegmentLayer extends LineLayer {
  static override layerName = 'SegmentLayer';

  override initializeState(): void {
    // The LineLayer's attributes, by vertex rather than by instance, and the corner of the
    // segment's rectangle (the shader's `positions`, a fixed geometry in the LineLayer).
    this.getAttributeManager()!.add({
      positions: { size: 3, accessor: 'getCorner' },
      instanceSourcePositions: {
        size: 3,
        type: 'float64',
        fp64: this.use64bitPositions(),
        accessor: 'getSourcePosition',
      },
      instanceTargetPositions: {
        size: 3,
        type: 'float64',
        fp64: this.use64bitPositions(),
        accessor: 'getTargetPosition',
      },
      instanceColors: {
        size: this.props.colorFormat.length,
        type: 'unorm8',
        accessor: 'getColor',
        defaultValue: [0, 0, 0, 255],
      },
      instanceWidths: { size: 1, accessor: 'getWidth', defaultValue: 1 },
    });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    (this.state.model as Model | undefined)?.setVertexCount(this.getNumInstances());
  }

  protected override _getModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()!.getBufferLayouts(),
      topology: 'triangle-list',
      vertexCount: this.getNumInstances(),
      isInstanced: false,
    });
  }
}
