/**
 * The one flow pipeline, for the built-in data, imports and the benchmark
 * alike: a table of columns (one entry per flow, locations by index) prepared
 * once per dataset into the arrays the GPU draws. Items are sorted by year,
 * then by count from the largest, so that a year is one contiguous slice and
 * its N largest flows are the first N items of that slice: a year step or a
 * top-N change only moves which items a layer draws (the arcs read these
 * arrays as textures made once per array, src/render/arc-table-layer.ts; the
 * nodes as views), and flows outside the top N are not even drawn.
 * The minimum count, the rank and the selected region are filter values
 * (tested in the vertex shader), so those settings only move filter ranges.
 */

/** Filter dimensions packed per item: [year, count, rank within its year, in selection]. */
export const FILTER_SIZE = 4;
/** Rank given to flows outside the selection, so that no top-N range reaches them. */
export const UNRANKED = 1e9;

/** Where a year's items lie in year-sorted arrays. */
export interface YearSlice {
  offset: number;
  length: number;
}

/** Pixels of width per sqrt(migrant): 30,000 migrants draw about 12 px wide. */
export const WIDTH_PER_SQRT = 0.07;
export const arcWidth = (count: number): number => Math.sqrt(count) * WIDTH_PER_SQRT;

/** Pixels of radius per sqrt(migrant): 100,000 moves make a 13 px circle. */
export const NODE_RADIUS_PER_SQRT = 0.04;

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
  /** Width in pixels (sqrt of the count, so that areas compare). */
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

/**
 * Filter values for a selection: flows into or out of it (`inSelection` of
 * their table row, and of their item: their place in the prepared arrays) get selection 1 and a rank among themselves, largest first
 * (their order in the slice, so no sort); the rest are unranked. Without a
 * selection every flow is in, and the prepared values serve as they are. Runs
 * when the selection changes, never on a year step.
 */
export function selectionFilter(
  prepared: PreparedFlows,
  inSelection: ((row: number, item: number) => boolean) | null,
): Float32Array {
  if (!inSelection) return prepared.filterValues;
  const values = prepared.filterValues.slice();
  for (const { offset, length } of prepared.slices.values()) {
    let rank = 0;
    for (let i = offset; i < offset + length; i++) {
      const inside = inSelection(prepared.rows[i]!, i);
      values[i * FILTER_SIZE + 2] = inside ? rank++ : UNRANKED;
      values[i * FILTER_SIZE + 3] = inside ? 1 : 0;
    }
  }
  return values;
}

/** A rank for items outside the selection (selectionRanks): below every rank a range lets through. */
export const OUTSIDE_SELECTION = -1;

/**
 * Each item's rank in its year among the items `inside` marks (1), largest
 * first as selectionFilter ranks them, or OUTSIDE_SELECTION, written into
 * `out` (at least prepared.length long; values beyond it are left). The ranks
 * alone, where a view changes the selection at every camera (places in view):
 * a quarter of the filter values to write, and what the GPU reads of them.
 */
export function selectionRanks(
  prepared: Pick<PreparedFlows, 'slices'>,
  inside: Uint8Array,
  out: Float32Array,
): Float32Array {
  for (const { offset, length } of prepared.slices.values()) {
    let rank = 0;
    for (let i = offset; i < offset + length; i++) out[i] = inside[i] === 1 ? rank++ : OUTSIDE_SELECTION;
  }
  return out;
}

/** Filter range for the flows of a year, above a minimum, within the top N (null = all). */
export function arcFilterRange(year: number, minCount: number, topN: number | null): [number, number][] {
  return [
    [year, year],
    [minCount, UNRANKED],
    [0, topN === null ? UNRANKED : topN - 1],
    [1, 1],
  ];
}

/**
 * Indices of a year's items that a filter range lets through: the same test
 * the GPU makes, on the CPU, for counts in the status line and for tests.
 */
export function passingArcs(
  prepared: Pick<PreparedFlows, 'slices'>,
  filter: Float32Array,
  year: number,
  range: [number, number][],
): number[] {
  const slice = prepared.slices.get(year);
  const out: number[] = [];
  if (!slice) return out;
  for (let i = slice.offset; i < slice.offset + slice.length; i++)
    if (range.every(([lo, hi], d) => filter[i * FILTER_SIZE + d]! >= lo && filter[i * FILTER_SIZE + d]! <= hi))
      out.push(i);
  return out;
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
