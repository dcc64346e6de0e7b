/**
 * Layers drawn over the raised arcs (the nodes, the anchors, the labels): their
 * parameters, and their models' pipelines made with those parameters up front.
 */
import { LayerExtension, type Layer, type LayerProps, type UpdateParameters } from '@deck.gl/core';

/** Flat things on top are drawn over the raised arcs, not hidden behind them by the depth test. */
const ON_TOP_PARAMETERS: NonNullable<LayerProps['parameters']> = { depthCompare: 'always', depthWriteEnabled: false };

/**
 * deck.gl makes a layer's models without its `parameters` and applies them at
 * the layer's first draw, which makes the model's pipeline again. luma.gl then
 * reads the program's layout with synchronous calls, and each waits for the GPU
 * process to finish the draws already sent: at the first frame, the regions',
 * outlines' and arcs' (0.25–0.37 s of software rasterising, measured, during
 * which the page did nothing). Applied here, when the layer is updated, before
 * the frame's draws, the pipeline is made while the GPU process is still only
 * linking programs, and the draw finds it the same.
 */
class PipelineWithParameters extends LayerExtension {
  static override extensionName = 'PipelineWithParameters';

  override updateState(this: Layer, _params: UpdateParameters<Layer>): void {
    // The parameters the layer is drawn with (deck.gl's LayersPass: the Deck's, then the layer's).
    const parameters = { ...this.context.deck?.props.parameters, ...this.props.parameters };
    for (const model of this.getModels()) {
      model.setParameters(parameters);
      // Makes the pipeline now if the parameters (or anything else) changed; nothing otherwise.
      model._updatePipeline();
    }
  }
}

const PIPELINE_WITH_PARAMETERS = [new PipelineWithParameters()];

/** Props of a layer drawn on top (spread into its props; a composite layer hands both to its sublayers). */
export const ON_TOP = { parameters: ON_TOP_PARAMETERS, extensions: PIPELINE_WITH_PARAMETERS } as const;
