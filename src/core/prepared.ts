/**
 * Everything prepared once from a dataset for drawing: arcs and nodes as
 * typed arrays, the colour cache, and which whole-country anchors each year's
 * external arcs use. Rebuilt only when the dataset changes.
 */
import { buildArcBuffers, externalArcs, internalArcs, type ArcBuffers, type ArcRecord } from './arcs';
import { ChoroplethColours } from './choropleth';
import type { Dataset } from './load';
import type { Model } from './model';
import { buildNodeBuffers, type NodeBuffers } from './nodes';

export interface PreparedData {
  colours: ChoroplethColours;
  internal: ArcBuffers;
  external: ArcBuffers;
  nodes: NodeBuffers;
  externalYears: Set<number>;
  /** Whole-country anchors used by each year's external arcs (codes, and positions for drawing). */
  anchorsByYear: Map<number, { codes: string[]; positions: [number, number][] }>;
}

export const NO_ANCHORS = { codes: [] as string[], positions: [] as [number, number][] };

export function prepareData({ model, measures }: Dataset): PreparedData {
  const positionOf = (code: string) => model.units.get(code)?.centre ?? model.anchors.get(code);
  const internal = buildArcBuffers(internalArcs(model), positionOf).buffers;
  const external = buildArcBuffers(externalArcs(model), positionOf).buffers;
  return {
    colours: new ChoroplethColours(measures),
    internal,
    external,
    nodes: buildNodeBuffers(model),
    externalYears: new Set(external.records.map((r) => r.year)),
    anchorsByYear: anchorsByYear(external.records, model),
  };
}

function anchorsByYear(records: ArcRecord[], model: Model): PreparedData['anchorsByYear'] {
  const out: PreparedData['anchorsByYear'] = new Map();
  for (const year of new Set(records.map((r) => r.year))) {
    const codes = [...new Set(records.filter((r) => r.year === year).flatMap((r) => [r.origin, r.destination]))]
      .filter((code) => model.anchors.has(code) && !model.units.has(code))
      .sort();
    out.set(year, { codes, positions: codes.map((c) => model.anchors.get(c)!) });
  }
  return out;
}
