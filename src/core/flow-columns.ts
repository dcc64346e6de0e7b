/**
 * Flows at scale: a table of columns (one entry per flow, locations by index)
 * prepared once per dataset into the arrays the GPU draws. Items are sorted by
 * year, then by count from the largest, so that a year is one contiguous
 * slice and its N largest flows are the first N items of that slice: a year
 * step or a top-N change hands deck.gl views of these arrays (no copies, no
 * accessor calls), and flows outside the top N are not even sent to the
 * vertex shader.
 */
import { arcWidth, FILTER_SIZE, type YearSlice } from './arcs';
import { NODE_RADIUS_PER_SQRT } from './nodes';

export interface FlowTable {
  length: number;
  /** Index of the origin location. */
  origin: Uint32Array;
  destination: Uint32Array;
  year: Uint16Array;
  count: Float32Array;
}

export interface PreparedFlows {
  length: number;
  /** For each prepared item, its row in the input table. */
  rows: Uint32Array;
  slices: Map<number, YearSlice>;
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
  /** Width in pixels (sqrt of the count, as the built-in arcs). */
  widths: Float32Array;
  /** FILTER_SIZE values per item: year, count, rank in its year (0 = largest), in selection (1). */
  filterValues: Float32Array;
}

/** Row indices sorted by year, then count (largest first), then row: a deterministic order. */
export function sortedRows(table: FlowTable): { rows: Uint32Array; slices: Map<number, YearSlice> } {
  const perYear = new Map<number, number>();
  for (let i = 0; i < table.length; i++) perYear.set(table.year[i]!, (perYear.get(table.year[i]!) ?? 0) + 1);
  const years = [...perYear.keys()].sort((a, b) => a - b);
  const slices = new Map<number, YearSlice>();
  let offset = 0;
  for (const y of years) {
    slices.set(y, { offset, length: perYear.get(y)! });
    offset += perYear.get(y)!;
  }
  // Counting sort by year (rows stay in table order), then each year's run by count.
  const rows = new Uint32Array(table.length);
  const next = new Map([...slices].map(([y, s]) => [y, s.offset]));
  for (let i = 0; i < table.length; i++) {
    const y = table.year[i]!;
    const at = next.get(y)!;
    rows[at] = i;
    next.set(y, at + 1);
  }
  const count = table.count;
  for (const { offset: o, length } of slices.values())
    rows.subarray(o, o + length).sort((a, b) => count[b]! - count[a]! || a - b);
  return { rows, slices };
}

/**
 * Lays the table out for drawing. `locations` holds lon, lat per location
 * index; a flow whose location is missing is an error of the caller (import
 * validation rejects such rows before they get here).
 */
export function prepareFlows(table: FlowTable, locations: Float64Array): PreparedFlows {
  const { rows, slices } = sortedRows(table);
  const n = table.length;
  const locationCount = locations.length / 2;
  const sourcePositions = new Float64Array(n * 2);
  const targetPositions = new Float64Array(n * 2);
  const widths = new Float32Array(n);
  const filterValues = new Float32Array(n * FILTER_SIZE);
  for (const { offset, length } of slices.values())
    for (let rank = 0; rank < length; rank++) {
      const i = offset + rank;
      const row = rows[i]!;
      const o = table.origin[row]!;
      const d = table.destination[row]!;
      if (o >= locationCount || d >= locationCount) throw new RangeError(`row ${row}: no location ${Math.max(o, d)}`);
      sourcePositions[i * 2] = locations[o * 2]!;
      sourcePositions[i * 2 + 1] = locations[o * 2 + 1]!;
      targetPositions[i * 2] = locations[d * 2]!;
      targetPositions[i * 2 + 1] = locations[d * 2 + 1]!;
      widths[i] = arcWidth(table.count[row]!);
      filterValues[i * FILTER_SIZE] = table.year[row]!;
      filterValues[i * FILTER_SIZE + 1] = table.count[row]!;
      filterValues[i * FILTER_SIZE + 2] = rank;
      filterValues[i * FILTER_SIZE + 3] = 1;
    }
  return { length: n, rows, slices, sourcePositions, targetPositions, widths, filterValues };
}

/** The part of a year's slice that holds its N largest flows (all of them when topN is null). */
export function topSlice(slices: Map<number, YearSlice>, year: number, topN: number | null): YearSlice | undefined {
  const s = slices.get(year);
  if (!s) return undefined;
  return topN === null || topN >= s.length ? s : { offset: s.offset, length: Math.max(0, topN) };
}

export interface PreparedNodes {
  length: number;
  /** Location index of each item. */
  locations: Uint32Array;
  /** Arrivals plus departures of the location in the item's year. */
  totals: Float64Array;
  positions: Float64Array;
  radii: Float32Array;
  slices: Map<number, YearSlice>;
}

/** Each year's locations with any flow, sized by their arrivals plus departures (as the region nodes). */
export function prepareNodes(table: FlowTable, locations: Float64Array): PreparedNodes {
  const locationCount = locations.length / 2;
  const byYear = new Map<number, Float64Array>();
  for (let i = 0; i < table.length; i++) {
    const y = table.year[i]!;
    let totals = byYear.get(y);
    if (!totals) byYear.set(y, (totals = new Float64Array(locationCount)));
    totals[table.origin[i]!]! += table.count[i]!;
    totals[table.destination[i]!]! += table.count[i]!;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  let n = 0;
  for (const y of years) for (const t of byYear.get(y)!) if (t > 0) n++;
  const out: PreparedNodes = {
    length: n,
    locations: new Uint32Array(n),
    totals: new Float64Array(n),
    positions: new Float64Array(n * 2),
    radii: new Float32Array(n),
    slices: new Map(),
  };
  let i = 0;
  for (const y of years) {
    const start = i;
    byYear.get(y)!.forEach((t, loc) => {
      if (t <= 0) return;
      out.locations[i] = loc;
      out.totals[i] = t;
      out.positions[i * 2] = locations[loc * 2]!;
      out.positions[i * 2 + 1] = locations[loc * 2 + 1]!;
      out.radii[i] = Math.sqrt(t) * NODE_RADIUS_PER_SQRT;
      i++;
    });
    out.slices.set(y, { offset: start, length: i - start });
  }
  return out;
}
