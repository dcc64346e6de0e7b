/**
 * The flows of every cluster level, and a level laid out for drawing.
 *
 * Levels are summed from the finest up: the places' flows are the last level
 * as they are; each coarser level is the sum of the next finer one through
 * that level's cluster -> parent map (a level has at most as many flows as the
 * finer one, so the whole hierarchy costs about twice the finest level's
 * time). A cluster's moves between its own members are kept per year as
 * `within` (for its tooltip), never drawn.
 *
 * A level becomes drawable through the flow pipeline's own functions
 * (sortedRows, prepareFlows, prepareNodes of src/data/flow-columns.ts): items
 * sorted by year, then count, so that a year is one slice and its top N is
 * the slice's start. With `topN`, only each year's N largest flows are laid
 * out (what the map draws), which keeps a level of a million flows at a few
 * megabytes to hand from the worker to the page.
 */
import {
  prepareFlows,
  prepareNodes,
  sortedRows,
  type FlowTable,
  type PreparedFlows,
  type PreparedNodes,
  type YearSlice,
} from '../flow-columns';
import type { ClusterHierarchy, ClusterLevel } from './clusters';
import { bytesOf, drawingTable, sumFlows, tableBytes, type PointFlowTable } from './point-flows';

export interface LevelFlows {
  /** Between clusters of the level: origin and destination are cluster indices. */
  flows: PointFlowTable;
  /** Moves between members of one cluster (origin = destination = the cluster), per year. */
  within: PointFlowTable;
}

const emptyTable = (): PointFlowTable => ({
  length: 0,
  origin: new Uint32Array(0),
  destination: new Uint32Array(0),
  year: new Uint16Array(0),
  count: new Float64Array(0),
});

/**
 * Flows of every level of the hierarchy (same order: coarsest first).
 * placeFlows must hold each (origin, destination, year) once with origin !==
 * destination, as the import's sum gives it; the places' level keeps it as is.
 */
export function levelFlows(hierarchy: ClusterHierarchy, placeFlows: PointFlowTable): LevelFlows[] {
  const { levels } = hierarchy;
  const out: LevelFlows[] = new Array(levels.length);
  let finer: LevelFlows = { flows: placeFlows, within: emptyTable() };
  out[levels.length - 1] = finer;
  for (let k = levels.length - 2; k >= 0; k--) {
    const parentOf = levels[k + 1]!.parentOf!;
    finer = sumFlows(finer.flows, parentOf, finer.within);
    out[k] = finer;
  }
  return out;
}

export interface PreparedLevel {
  /** Arrays for the arcs; `rows` index the level's flows table (kept in the worker). */
  flows: PreparedFlows;
  /** Per prepared item, for the tooltip on the page: its clusters (indices of the level) and its exact count. */
  origin: Uint32Array;
  destination: Uint32Array;
  count: Float64Array;
  /** Cluster circles sized by each year's arrivals plus departures between clusters. */
  nodes: PreparedNodes;
  /** Flows of each year in the level (the drawn ones are at most topN of them). */
  flowsPerYear: Map<number, number>;
}

/** A level's flows in the pipeline's order (sortedRows), computed once per level and reused for every topN. */
export interface LevelOrder {
  rows: Uint32Array;
  slices: Map<number, YearSlice>;
}

export const levelOrder = (flows: LevelFlows): LevelOrder => sortedRows(drawingTable(flows.flows));

/**
 * Lays a level out for drawing: all its flows (topN null) or each year's topN
 * largest (topN >= 1, so that every year with flows keeps a slice). Runs in
 * the worker; the result's arrays are new (transferable). `order` and `nodes`,
 * when the caller keeps them from an earlier call, spare the sort of every
 * flow of the level and the sums of its circles.
 */
export function prepareLevel(
  level: ClusterLevel,
  flows: LevelFlows,
  topN: number | null,
  cached: { order?: LevelOrder; nodes?: PreparedNodes } = {},
): PreparedLevel {
  if (topN !== null && !(topN >= 1)) throw new RangeError(`topN ${topN}: at least 1`);
  const table = drawingTable(flows.flows);
  const nodes = cached.nodes ? copyNodes(cached.nodes) : prepareNodes(table, level.positions);
  if (topN === null) {
    const prepared = prepareFlows(table, level.positions);
    const flowsPerYear = new Map([...prepared.slices].map(([y, s]) => [y, s.length]));
    return { flows: prepared, nodes, flowsPerYear, ...endsOf(prepared.rows, flows.flows) };
  }
  const { rows, slices } = cached.order ?? sortedRows(table);
  const flowsPerYear = new Map([...slices].map(([y, s]) => [y, s.length]));
  let kept = 0;
  for (const s of slices.values()) kept += Math.min(topN, s.length);
  const keptRows = new Uint32Array(kept);
  let at = 0;
  for (const s of slices.values()) {
    keptRows.set(rows.subarray(s.offset, s.offset + Math.min(topN, s.length)), at);
    at += Math.min(topN, s.length);
  }
  const top: FlowTable = {
    length: kept,
    origin: new Uint32Array(kept),
    destination: new Uint32Array(kept),
    year: new Uint16Array(kept),
    count: new Float32Array(kept),
  };
  for (let i = 0; i < kept; i++) {
    const r = keptRows[i]!;
    top.origin[i] = table.origin[r]!;
    top.destination[i] = table.destination[r]!;
    top.year[i] = table.year[r]!;
    top.count[i] = table.count[r]!;
  }
  // Already in the pipeline's order, so preparing keeps it; its rows then index `top`: map them back.
  const prepared = prepareFlows(top, level.positions);
  for (let i = 0; i < kept; i++) prepared.rows[i] = keptRows[prepared.rows[i]!]!;
  return { flows: prepared, nodes, flowsPerYear, ...endsOf(prepared.rows, flows.flows) };
}

function endsOf(rows: Uint32Array, table: PointFlowTable): Pick<PreparedLevel, 'origin' | 'destination' | 'count'> {
  const n = rows.length;
  const out = { origin: new Uint32Array(n), destination: new Uint32Array(n), count: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    out.origin[i] = table.origin[r]!;
    out.destination[i] = table.destination[r]!;
    out.count[i] = table.count[r]!;
  }
  return out;
}

function copyNodes(n: PreparedNodes): PreparedNodes {
  return {
    length: n.length,
    locations: n.locations.slice(),
    totals: n.totals.slice(),
    positions: n.positions.slice(),
    radii: n.radii.slice(),
    slices: new Map(n.slices),
  };
}

/**
 * The flows of each level computed when first asked for, from the nearest
 * finer level already known (the places' flows at worst), and kept with their
 * order and circles: the worker of a shown dataset holds one, so that the
 * import does not pay for levels never shown, and a level visited again costs
 * only its layout.
 */
export class LevelStore {
  private readonly flows: (LevelFlows | undefined)[];
  private readonly orders: (LevelOrder | undefined)[];
  private readonly nodes: (PreparedNodes | undefined)[];

  constructor(
    readonly hierarchy: ClusterHierarchy,
    placeFlows: PointFlowTable,
  ) {
    const n = hierarchy.levels.length;
    this.flows = new Array(n);
    this.orders = new Array(n);
    this.nodes = new Array(n);
    this.flows[n - 1] = { flows: placeFlows, within: emptyTable() };
  }

  /** Whether a level's flows are already summed. */
  has(k: number): boolean {
    return this.flows[k] !== undefined;
  }

  levelFlows(k: number): LevelFlows {
    const known = this.flows[k];
    if (known) return known;
    const { levels } = this.hierarchy;
    let from = k + 1;
    while (!this.flows[from]) from++;
    // The map from the clusters of level `from` to those of level k: parents composed.
    const map = levels[from]!.parentOf!.slice();
    for (let j = from - 1; j > k; j--) {
      const up = levels[j]!.parentOf!;
      for (let c = 0; c < map.length; c++) map[c] = up[map[c]!]!;
    }
    const source = this.flows[from]!;
    const summed = sumFlows(source.flows, map, source.within);
    this.flows[k] = summed;
    return summed;
  }

  prepare(k: number, topN: number | null): PreparedLevel {
    const level = this.hierarchy.levels[k];
    if (!level) throw new RangeError(`no level ${k}`);
    this.warm(k);
    return prepareLevel(level, this.flows[k]!, topN, { order: this.orders[k], nodes: this.nodes[k] });
  }

  /** Sums a level and sorts it, so that its first layout is as quick as a later one (the worker does this while idle). */
  warm(k: number): void {
    const level = this.hierarchy.levels[k];
    if (!level) throw new RangeError(`no level ${k}`);
    const flows = this.levelFlows(k);
    this.orders[k] ??= levelOrder(flows);
    this.nodes[k] ??= prepareNodes(drawingTable(flows.flows), level.positions);
  }

  /** Typed-array bytes held (the places' flows included). */
  bytes(): number {
    let b = 0;
    this.flows.forEach((f) => (b += f ? tableBytes(f.flows) + tableBytes(f.within) : 0));
    this.orders.forEach((o) => (b += o ? o.rows.byteLength : 0));
    this.nodes.forEach((n) => (b += n ? bytesOf(n.locations, n.totals, n.positions, n.radii) : 0));
    return b;
  }
}

/** Typed-array bytes of a prepared level (what moves from the worker to the page). */
export function preparedBytes(p: PreparedLevel): number {
  const f = p.flows;
  const n = p.nodes;
  return (
    bytesOf(f.rows, f.sourcePositions, f.targetPositions, f.widths, f.filterValues) +
    bytesOf(n.locations, n.totals, n.positions, n.radii) +
    bytesOf(p.origin, p.destination, p.count)
  );
}
