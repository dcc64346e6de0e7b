/**
 * Flow records from the model (the OD matrices, and external flows at the
 * level the data has), and their way into the one flow pipeline
 * (src/core/flow-columns.ts): a table of columns over location indices.
 */
import { prepareFlows, selectionFilter, type FlowTable, type PreparedFlows } from './flow-columns';
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

/**
 * Flows of one kind ready to draw: the records (for tooltips and tables), the
 * codes of their locations, the table of columns they make, and that table
 * prepared by the one pipeline (src/core/flow-columns.ts). Prepared item i is
 * `records[prepared.rows[i]]`.
 */
export interface FlowSet {
  records: readonly ArcRecord[];
  /** Location code by index (units, then whole countries), in order of first appearance. */
  codes: readonly string[];
  /** Longitude, latitude per location index. */
  locations: Float64Array;
  table: FlowTable;
  prepared: PreparedFlows;
}

/**
 * Lays records out as a table of columns and prepares it. Records whose ends
 * have no known position are left out and returned, so that callers can
 * report them.
 */
export function flowSet(
  records: readonly ArcRecord[],
  positionOf: (code: string) => [number, number] | undefined,
): { set: FlowSet; unplaced: ArcRecord[] } {
  const placed: ArcRecord[] = [];
  const unplaced: ArcRecord[] = [];
  for (const r of records) (positionOf(r.origin) && positionOf(r.destination) ? placed : unplaced).push(r);
  const index = new Map<string, number>();
  const codes: string[] = [];
  const indexOf = (code: string) => {
    let i = index.get(code);
    if (i === undefined) index.set(code, (i = codes.push(code) - 1));
    return i;
  };
  const table: FlowTable = {
    length: placed.length,
    origin: new Uint32Array(placed.length),
    destination: new Uint32Array(placed.length),
    year: new Uint16Array(placed.length),
    count: new Float32Array(placed.length),
  };
  placed.forEach((r, i) => {
    table.origin[i] = indexOf(r.origin);
    table.destination[i] = indexOf(r.destination);
    table.year[i] = r.year;
    table.count[i] = r.count;
  });
  const locations = new Float64Array(codes.length * 2);
  codes.forEach((code, i) => locations.set(positionOf(code)!, i * 2));
  return { set: { records: placed, codes, locations, table, prepared: prepareFlows(table, locations) }, unplaced };
}

/** Filter values of a flow set for a selection (the codes of the selected region's units, null: none). */
export function flowSetFilter(set: FlowSet, selected: ReadonlySet<string> | null): Float32Array {
  if (!selected) return set.prepared.filterValues;
  return selectionFilter(set.prepared, (row) => {
    const r = set.records[row]!;
    return selected.has(r.origin) || selected.has(r.destination);
  });
}
