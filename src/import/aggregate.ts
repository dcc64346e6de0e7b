/**
 * Per-year totals of imported flows: each unit's arrivals and departures,
 * kept apart by period (a file may hold a full year and half-years; summing
 * them would count people twice). Typed arrays, so the worker hands them over
 * without copying.
 */
import type { UnitFlowTotals } from '../core/flow-totals';
import { FULL_YEAR, type FlowColumns } from './validate-rows';

export interface FlowTotalsBlock {
  year: number;
  period: string;
  /** Indexed like FlowColumns.unitCodes. */
  arrivals: Float64Array;
  departures: Float64Array;
}

export interface FlowTotals {
  unitCodes: string[];
  /** Sorted by year, then period. */
  blocks: FlowTotalsBlock[];
}

export function aggregateFlowColumns(columns: FlowColumns): FlowTotals {
  const n = columns.unitCodes.length;
  const blocks = new Map<string, FlowTotalsBlock>();
  const periodOf = (i: number) =>
    columns.period.index ? (columns.period.values[columns.period.index[i]!] ?? FULL_YEAR) : FULL_YEAR;
  // One lookup per (year, period) run: rows usually come grouped, so remember the last block.
  let lastKey = '';
  let last: FlowTotalsBlock | undefined;
  for (let i = 0; i < columns.length; i++) {
    const year = columns.year[i]!;
    const period = periodOf(i);
    const key = `${year}\u0000${period}`;
    if (key !== lastKey) {
      last = blocks.get(key);
      if (!last)
        blocks.set(key, (last = { year, period, arrivals: new Float64Array(n), departures: new Float64Array(n) }));
      lastKey = key;
    }
    const m = columns.migrants[i]!;
    const o = columns.origin[i]!;
    const d = columns.destination[i]!;
    last!.departures[o] = last!.departures[o]! + m;
    last!.arrivals[d] = last!.arrivals[d]! + m;
  }
  const sorted = [...blocks.values()].sort((a, b) => a.year - b.year || a.period.localeCompare(b.period));
  return { unitCodes: [...columns.unitCodes], blocks: sorted };
}

/** year -> unit -> totals of one period, in the shape of Model.flowTotals (units without flows are left out). */
export function totalsByYear(totals: FlowTotals, period = FULL_YEAR): Map<number, Map<string, UnitFlowTotals>> {
  const byYear = new Map<number, Map<string, UnitFlowTotals>>();
  for (const block of totals.blocks) {
    if (block.period !== period) continue;
    const units = new Map<string, UnitFlowTotals>();
    totals.unitCodes.forEach((code, u) => {
      const arrivals = block.arrivals[u]!;
      const departures = block.departures[u]!;
      if (arrivals || departures) units.set(code, { arrivals, departures, net: arrivals - departures });
    });
    byYear.set(block.year, units);
  }
  return byYear;
}
