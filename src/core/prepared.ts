/**
 * Everything prepared once from a dataset for drawing: the flows through the
 * one pipeline, the nodes, the colour cache, and which whole-country anchors
 * each year's external arcs use. Rebuilt only when the dataset changes.
 */
import { externalArcs, flowSet, internalArcs, type ArcRecord, type FlowSet } from './arcs';
import { ChoroplethColours } from './choropleth';
import { prepareNodes, type PreparedNodes } from './flow-columns';
import type { Dataset } from './load';
import type { Model } from './model';

/** Region nodes: each year's units with flows between regions, sized by arrivals plus departures. */
export interface NodeSet extends PreparedNodes {
  /** Unit code by location index. */
  codes: readonly string[];
}

export interface PreparedData {
  colours: ChoroplethColours;
  internal: FlowSet;
  external: FlowSet;
  nodes: NodeSet;
  externalYears: Set<number>;
  /**
   * Whole-country anchors used by each year's external arcs: their codes (for labels), the
   * partner capitals' positions, and Kazakhstan as a whole's (drawn apart: it is not a place).
   */
  anchorsByYear: Map<number, Anchors>;
}

export interface Anchors {
  codes: string[];
  positions: [number, number][];
  national: [number, number][];
}

/** The code of Kazakhstan as a whole among the anchors. */
export const NATIONAL_ANCHOR = 'KZ';

export const NO_ANCHORS: Anchors = { codes: [], positions: [], national: [] };

export function prepareData({ model, measures }: Dataset): PreparedData {
  const positionOf = (code: string) => model.units.get(code)?.centre ?? model.anchors.get(code);
  const internal = flowSet(internalArcs(model), positionOf).set;
  const external = flowSet(externalArcs(model), positionOf).set;
  return {
    colours: new ChoroplethColours(measures),
    internal,
    external,
    nodes: { ...prepareNodes(internal.table, internal.locations), codes: internal.codes },
    externalYears: new Set(external.records.map((r) => r.year)),
    anchorsByYear: anchorsByYear(external.records, model),
  };
}

function anchorsByYear(records: readonly ArcRecord[], model: Model): PreparedData['anchorsByYear'] {
  const out: PreparedData['anchorsByYear'] = new Map();
  for (const year of new Set(records.map((r) => r.year))) {
    const codes = [...new Set(records.filter((r) => r.year === year).flatMap((r) => [r.origin, r.destination]))]
      .filter((code) => model.anchors.has(code) && !model.units.has(code))
      .sort();
    const positions = (keep: (code: string) => boolean) => codes.filter(keep).map((c) => model.anchors.get(c)!);
    out.set(year, {
      codes,
      positions: positions((c) => c !== NATIONAL_ANCHOR),
      national: positions((c) => c === NATIONAL_ANCHOR),
    });
  }
  return out;
}
