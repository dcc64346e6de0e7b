/**
 * Flow arcs ready for the GPU. Every arc of every year is laid out once in
 * typed arrays, sorted by year, so that a year is a contiguous slice: a year
 * step hands deck.gl that year's views (no copy, no accessor call). The
 * minimum count, the top-N rank and the selected region are filter values
 * (DataFilterExtension), so those settings only move filter ranges.
 */
import type { Model } from './model';
import { sourceIds } from './tables';

export type ArcKind = 'internal' | 'external';

export interface ArcRecord {
  kind: ArcKind;
  year: number;
  /** Unit code, "KZ" (Kazakhstan as a whole), "RU" (Russia as a whole) or a partner country's ISO code. */
  origin: string;
  destination: string;
  count: number;
  /** "gross" flows, or a "net" balance drawn in the direction of the gain. */
  measure: 'gross' | 'net';
  /** Which side's statistics reported the figure. */
  reporter: 'KZ' | 'RU';
  period: string;
  sourceIds: string[];
  qualityFlag: string;
  note: string;
}

/** Internal arcs: the full-year inter-regional OD matrices. */
export function internalArcs(model: Model): ArcRecord[] {
  return model.flows.map((f) => ({
    kind: 'internal',
    year: f.year,
    origin: f.origin_code,
    destination: f.destination_code,
    count: f.migrants,
    measure: 'gross',
    reporter: 'KZ',
    period: f.period,
    sourceIds: sourceIds(f.source_id),
    qualityFlag: f.quality_flag,
    note: '',
  }));
}

const PARTNER_GROUPS = new Set(['ALL', 'CIS', 'non-CIS']);

/**
 * External arcs at the level the data has: full-year figures between
 * Kazakhstan as a whole and a partner country (BNS), and between a Russian
 * border subject or Russia and Kazakhstan (Russian statistics). Partial
 * periods, country groups and figures that are not migration statistics
 * (programme counts, registrations) are never drawn.
 */
export function externalArcs(model: Model): ArcRecord[] {
  const out: ArcRecord[] = [];
  for (const r of model.external) {
    if (r.status !== 'chosen' || r.period !== 'Jan-Dec' || r.level !== 'national' || PARTNER_GROUPS.has(r.partner))
      continue;
    const base = {
      kind: 'external' as const,
      year: Number(r.year),
      reporter: 'KZ' as const,
      period: r.period,
      sourceIds: sourceIds(r.source_id),
      qualityFlag: r.quality_flag,
      note: r.note ?? '',
    };
    if (r.immigrants !== null)
      out.push({ ...base, origin: r.partner, destination: 'KZ', count: r.immigrants, measure: 'gross' });
    if (r.emigrants !== null)
      out.push({ ...base, origin: 'KZ', destination: r.partner, count: r.emigrants, measure: 'gross' });
  }
  for (const r of model.russiaFlows) {
    if (r.comparable !== 'yes' || r.period !== 'Jan-Dec') continue;
    const base = {
      kind: 'external' as const,
      year: r.year,
      reporter: 'RU' as const,
      period: r.period,
      sourceIds: sourceIds(r.source_id),
      qualityFlag: r.statistic,
      note: r.note ?? '',
    };
    if (r.arrivals_from_kz !== null)
      out.push({ ...base, origin: 'KZ', destination: r.unit_code, count: r.arrivals_from_kz, measure: 'gross' });
    if (r.departures_to_kz !== null)
      out.push({ ...base, origin: r.unit_code, destination: 'KZ', count: r.departures_to_kz, measure: 'gross' });
    if (r.net_with_kz !== null) {
      // Net is Russia's gain: drawn from Kazakhstan to Russia when positive.
      const gain = r.net_with_kz >= 0;
      out.push({
        ...base,
        origin: gain ? 'KZ' : r.unit_code,
        destination: gain ? r.unit_code : 'KZ',
        count: Math.abs(r.net_with_kz),
        measure: 'net',
      });
    }
  }
  return out;
}

/** Filter dimensions packed per arc: [year, count, rank within year and kind, in selection]. */
export const FILTER_SIZE = 4;
/** Rank given to arcs outside the selection, so that no top-N range reaches them. */
export const UNRANKED = 1e9;

/** Where a year's items lie in year-sorted arrays. */
export interface YearSlice {
  offset: number;
  length: number;
}

/** Offsets of each year's run in items sorted by year. */
export function yearSlices(years: ArrayLike<number>): Map<number, YearSlice> {
  const slices = new Map<number, YearSlice>();
  for (let i = 0; i < years.length; i++) {
    const y = years[i]!;
    const s = slices.get(y);
    if (!s) slices.set(y, { offset: i, length: 1 });
    else if (s.offset + s.length === i) s.length++;
    else throw new Error(`items of ${y} are not contiguous`);
  }
  return slices;
}

export interface ArcBuffers {
  length: number;
  /** Sorted by year; see `slices`. */
  records: ArcRecord[];
  slices: Map<number, YearSlice>;
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
  /** Width in pixels (sqrt of the count, so that areas compare). */
  widths: Float32Array;
  filterValues: Float32Array;
}

/** Pixels of width per sqrt(migrant): 30,000 migrants draw about 12 px wide. */
export const WIDTH_PER_SQRT = 0.07;
export const arcWidth = (count: number): number => Math.sqrt(count) * WIDTH_PER_SQRT;

/**
 * Lays out arcs in typed arrays. Arcs whose ends have no known position are
 * left out and returned, so that callers can report them.
 */
export function buildArcBuffers(
  records: readonly ArcRecord[],
  positionOf: (code: string) => [number, number] | undefined,
): { buffers: ArcBuffers; unplaced: ArcRecord[] } {
  const placed: ArcRecord[] = [];
  const unplaced: ArcRecord[] = [];
  for (const r of records) (positionOf(r.origin) && positionOf(r.destination) ? placed : unplaced).push(r);
  // Stable sort: within a year, table order is kept.
  placed.sort((a, b) => a.year - b.year);
  const n = placed.length;
  const sourcePositions = new Float64Array(n * 2);
  const targetPositions = new Float64Array(n * 2);
  const widths = new Float32Array(n);
  placed.forEach((r, i) => {
    sourcePositions.set(positionOf(r.origin)!, i * 2);
    targetPositions.set(positionOf(r.destination)!, i * 2);
    widths[i] = arcWidth(r.count);
  });
  const filterValues = filterValuesFor({ length: n, records: placed }, null);
  const slices = yearSlices(placed.map((r) => r.year));
  return {
    buffers: { length: n, records: placed, slices, sourcePositions, targetPositions, widths, filterValues },
    unplaced,
  };
}

/**
 * Filter values for a selection (the codes of the selected region's units):
 * arcs into or out of it get selection 1 and a rank among themselves; without
 * a selection every arc is in. Runs only when the selection changes, never on
 * a year step.
 */
export function filterValuesFor(
  buffers: Pick<ArcBuffers, 'records' | 'length'>,
  selected: ReadonlySet<string> | null,
): Float32Array {
  const values = new Float32Array(buffers.length * FILTER_SIZE);
  const groups = new Map<string, number[]>();
  buffers.records.forEach((r, i) => {
    const inSelection = selected === null || selected.has(r.origin) || selected.has(r.destination);
    values[i * FILTER_SIZE] = r.year;
    values[i * FILTER_SIZE + 1] = r.count;
    values[i * FILTER_SIZE + 2] = UNRANKED;
    values[i * FILTER_SIZE + 3] = inSelection ? 1 : 0;
    if (!inSelection) return;
    const key = `${r.year}|${r.kind}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  });
  for (const indices of groups.values()) {
    // Ties keep table order, so a rank is stable across runs.
    indices.sort((a, b) => buffers.records[b]!.count - buffers.records[a]!.count || a - b);
    indices.forEach((arc, rank) => (values[arc * FILTER_SIZE + 2] = rank));
  }
  return values;
}

/** Filter range for the arcs of a year, above a minimum, within the top N (null = all). */
export function arcFilterRange(year: number, minCount: number, topN: number | null): [number, number][] {
  return [
    [year, year],
    [minCount, UNRANKED],
    [0, topN === null ? UNRANKED : topN - 1],
    [1, 1],
  ];
}

/**
 * Indices of a year's arcs that a filter range lets through: the same test the
 * GPU makes, on the CPU, for counts in the status line and for tests.
 */
export function passingArcs(
  buffers: Pick<ArcBuffers, 'slices'>,
  filter: Float32Array,
  year: number,
  range: [number, number][],
): number[] {
  const slice = buffers.slices.get(year);
  const out: number[] = [];
  if (!slice) return out;
  for (let i = slice.offset; i < slice.offset + slice.length; i++)
    if (range.every(([lo, hi], d) => filter[i * FILTER_SIZE + d]! >= lo && filter[i * FILTER_SIZE + d]! <= hi))
      out.push(i);
  return out;
}
