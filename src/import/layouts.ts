/**
 * Wide tables read into the long form the validators check. A layout names
 * the columns that are spread out (each holds values of one destination, one
 * year, one month or one measure) and what each of them stands for; the
 * other columns are keys (the region, or origin and destination) mapped as
 * in a long table. Each value cell becomes one long record:
 *
 * - matrix: an origin–destination matrix, origins down the first column,
 *   destinations across the header; a total row and a total column are
 *   recognised by their names, not imported, and checked against the sum.
 * - years: regions (or origin–destination pairs) × years.
 * - months: regions (or pairs) × months; the year from a column or the file.
 * - measures: several value columns (arrivals, departures, net, or any
 *   figures): each becomes a measure; net is checked against arrivals minus
 *   departures when all three are there.
 *
 * Cells the bureau leaves without a figure ("-", "…", "x", empty) are gaps:
 * no record, counted. Pure; the worker recognises the layout on the preview
 * and the dialog can change it.
 */
import { columnContent, guessColumns, normalizeHeader, type FigureMapping, type FlowMapping, type TableKind } from './columns'; // prettier-ignore
import type { IssueCode, ProblemParams } from './problems';
import { isTotalName, normalizeRegionName, type RegionMatcher } from './region-matcher';
import { isNoValue } from './table-shape';
import { monthPeriod, parseMonth, parseNumberCell, parseYearCell } from './validate-rows';

export type LayoutKind = 'long' | 'matrix' | 'years' | 'months' | 'measures';
export const LAYOUT_KINDS: readonly LayoutKind[] = ['long', 'matrix', 'years', 'months', 'measures'];

export type ValueRole = 'arrivals' | 'departures' | 'net';

/** A spread column and what its values stand for. */
export interface SpreadColumn {
  column: number;
  header: string;
  year?: number;
  /** "Jan".."Dec" (months). */
  period?: string;
  /** The measure's name (measures). */
  measure?: string;
  role?: ValueRole;
  /** The destination's name as the header writes it (matrix). */
  destination?: string;
}

export interface Layout {
  kind: LayoutKind;
  /** Flows or figures: what the long records are. */
  table: TableKind;
  /** The key columns (region, or origin and destination; year, period... when the file has them). */
  mapping: FlowMapping | FigureMapping;
  spread: SpreadColumn[];
  /** matrix: the column of row totals (not imported, checked). */
  totalColumn: number | null;
}

export interface LayoutContext {
  matcher?: RegionMatcher;
}

const ROLE_WORDS: Record<ValueRole, string[]> = {
  arrivals: ['arrivals', 'arrived', 'arrival', 'inflow', 'in', 'immigr', 'immigrants', 'прибыло', 'прибывшие', 'прибытие', 'келгендер', 'келді', 'келген'],
  departures: ['departures', 'departed', 'departure', 'left', 'outflow', 'out', 'emmigr', 'emigrants', 'выбыло', 'выбывшие', 'выбытие', 'кеткендер', 'кетті', 'кеткен'],
  net: ['net', 'balance', 'сальдо', 'прирост', 'saldo', 'net migration', 'миграционный прирост', 'көші қон сальдосы'],
}; // prettier-ignore
const ROLES = Object.entries(ROLE_WORDS).map(([role, words]) => [role, new Set(words.map(normalizeHeader))] as const);

/** The role a value column's header says (arrivals, departures, net), or null. */
export function roleOf(header: string): ValueRole | null {
  const h = normalizeHeader(header);
  for (const [role, words] of ROLES)
    if (words.has(h) || h.split(' ').some((w) => words.has(w))) return role as ValueRole;
  return null;
}

const yearOf = (header: string) => {
  const y = parseYearCell(header.trim());
  return y !== null && y >= 1990 && y <= 2100 ? y : null;
};

/** Same unit by the matcher when there is one, else the same normalised text. */
function sameName(a: string, b: string, matcher?: RegionMatcher): boolean {
  if (matcher) {
    const x = matcher.match(a);
    const y = matcher.match(b);
    if (x && y && 'code' in x && 'code' in y) return x.code === y.code;
  }
  const ka = normalizeRegionName(a).key;
  return ka !== '' && ka === normalizeRegionName(b).key;
}

/** The key columns of a wide table: the guess over the columns that are not spread. */
function keyMapping(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  spread: ReadonlySet<number>,
  table: TableKind | null,
): { table: TableKind; mapping: FlowMapping | FigureMapping } | null {
  const keys = header.map((h, c) => (spread.has(c) ? '' : h));
  const flows = guessColumns('flows', keys, rows);
  if (table !== 'figures' && flows.mapping.origin !== undefined && flows.mapping.destination !== undefined) {
    const { count: _count, ...mapping } = flows.mapping;
    return { table: 'flows', mapping };
  }
  if (table === 'flows') return null;
  const figures = guessColumns('figures', keys, rows);
  const { value: _value, ...mapping } = figures.mapping;
  if (mapping.region === undefined) {
    // Tables of the bureau leave the region column's header empty: the first column of text.
    const region = header.findIndex((_, c) => !spread.has(c) && columnContent(rows, c) === 'text');
    if (region < 0) return null;
    mapping.region = region;
  }
  return { table: 'figures', mapping };
}

const taken = (mapping: FlowMapping | FigureMapping) => new Set(Object.values(mapping) as number[]);

/** Builds a layout of the given kind for this header, or null when the header does not fit it. */
export function buildLayout(
  kind: LayoutKind,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  context: LayoutContext = {},
): Layout | null {
  const { matcher } = context;
  if (kind === 'years' || kind === 'months') {
    const spread: SpreadColumn[] = [];
    header.forEach((h, column) => {
      const year = kind === 'years' ? yearOf(h) : null;
      const month = kind === 'months' ? parseMonth(h) : null;
      if (year !== null) spread.push({ column, header: h, year });
      if (month !== null) spread.push({ column, header: h, period: monthPeriod(month) });
    });
    if (spread.length < 1) return null;
    const keys = keyMapping(header, rows, new Set(spread.map((s) => s.column)), null);
    return keys ? { kind, ...keys, spread, totalColumn: null } : null;
  }
  if (kind === 'matrix') {
    const firstColumn = new Set(rows.map((r) => (r[0] ?? '').trim()).filter(Boolean));
    const spread: SpreadColumn[] = [];
    let totalColumn: number | null = null;
    header.forEach((h, column) => {
      const text = h.trim();
      if (column === 0 || !text) return;
      if (isTotalName(text)) totalColumn ??= column;
      else if (yearOf(text) !== null) return;
      else {
        const m = matcher?.match(text);
        const known = m != null && 'code' in m;
        if (known || [...firstColumn].some((f) => sameName(f, text, matcher)))
          spread.push({ column, header: h, destination: text });
      }
    });
    if (spread.length < 2) return null;
    const others = header.map((h, c) => (c === 0 || spread.some((s) => s.column === c) || c === totalColumn ? '' : h));
    const { mapping } = { mapping: guessColumns('flows', others, rows).mapping };
    const keys: FlowMapping = { origin: 0 };
    if (mapping.year !== undefined) keys.year = mapping.year;
    if (mapping.period !== undefined) keys.period = mapping.period;
    return { kind, table: 'flows', mapping: keys, spread, totalColumn };
  }
  if (kind === 'measures') {
    const guess = guessColumns('figures', header, rows);
    const { value: _value, ...mapping } = guess.mapping;
    if (mapping.region === undefined) {
      const region = header.findIndex((_, c) => columnContent(rows, c) === 'text');
      if (region < 0) return null;
      mapping.region = region;
    }
    const used = taken(mapping);
    const spread: SpreadColumn[] = [];
    header.forEach((h, column) => {
      if (used.has(column) || columnContent(rows, column) !== 'numbers' || yearOf(h) !== null) return;
      const role = roleOf(h);
      spread.push({ column, header: h, measure: h.trim() || `#${column + 1}`, ...(role ? { role } : {}) });
    });
    if (spread.length < 2) return null;
    return { kind, table: 'figures', mapping, spread, totalColumn: null };
  }
  return null;
}

/**
 * The layout that fits a header best, and the kinds that fit it at all (for
 * the dialog to offer). A long table is the answer when nothing wide fits;
 * its mapping is then the dialog's to make (layout.mapping is empty).
 */
export function recognizeLayout(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  context: LayoutContext = {},
): { layout: Layout | null; fits: LayoutKind[] } {
  const built = new Map<LayoutKind, Layout>();
  for (const kind of ['matrix', 'years', 'months', 'measures'] as const) {
    const layout = buildLayout(kind, header, rows, context);
    if (layout) built.set(kind, layout);
  }
  const fits: LayoutKind[] = ['long', ...built.keys()];
  const years = built.get('years');
  const months = built.get('months');
  const matrix = built.get('matrix');
  // A wide table spreads most of its columns; two year columns beside ten others are not "regions × years".
  const wide = (l: Layout | undefined, min: number) =>
    l && l.spread.length >= min && l.spread.length * 2 >= header.filter(Boolean).length - 2;
  const pick =
    (wide(matrix, 3) && matrix) ||
    (wide(years, 2) && years) ||
    (wide(months, 2) && months) ||
    (built.get('measures') && longHasOneValue(header, rows) === false ? built.get('measures') : undefined) ||
    null;
  return { layout: pick ?? null, fits };
}

/** Whether a long guess finds the table complete with one value column (then it is long, not measures). */
function longHasOneValue(header: readonly string[], rows: readonly (readonly string[])[]): boolean {
  const flows = guessColumns('flows', header, rows);
  if (flows.missing.length === 0) return true;
  const numeric = header.filter((h, c) => columnContent(rows, c) === 'numbers' && yearOf(h) === null).length;
  const figures = guessColumns('figures', header, rows);
  return numeric < 2 && figures.mapping.value !== undefined;
}

/** Where a wide record's own cells go, after the file's columns. */
export interface Expansion {
  /** The mapping the validator reads the expanded records with. */
  mapping: FlowMapping | FigureMapping;
  /**
   * Pushes one record of the file; calls `emit` once per value cell. Returns
   * false for a total row ("Республика Казахстан", "Итого"), which is not
   * data: the caller sets it aside (a matrix's is checked against the sum).
   */
  push(cells: readonly string[], line: number, emit: Emit, section?: string): boolean;
  /** Checks that need every row (a matrix's total row); reports through `report`. */
  finish(report: Report): void;
  /** Value cells that were gaps ("-", "…", empty). */
  readonly gaps: number;
}

export type Emit = (cells: readonly string[], line: number, column: string) => void;
export type Report = (line: number, code: IssueCode, params: ProblemParams, column?: string) => void;

/**
 * The expansion of a layout for a file whose header has `width` cells.
 * `measure`: the figures' measure name when the layout gives none (the
 * dialog's), suffixed with the section a row is in.
 */
export function expandLayout(
  layout: Layout,
  width: number,
  options: { measure: string; report: Report; matcher?: RegionMatcher },
): Expansion {
  const V = width;
  const Y = width + 1;
  const P = width + 2;
  const M = width + 3;
  const D = width + 4;
  const spread = layout.spread;
  const hasYear = spread.some((s) => s.year !== undefined);
  const hasPeriod = spread.some((s) => s.period !== undefined);
  const flows = layout.table === 'flows';
  const mapping: Record<string, number> = { ...(layout.mapping as Record<string, number>) };
  if (flows) mapping.count = V;
  else mapping.value = V;
  if (hasYear) mapping.year = Y;
  if (hasPeriod) mapping.period = P;
  if (!flows) mapping.measure = M;
  if (layout.kind === 'matrix') mapping.destination = D;
  const scratch: string[] = new Array(width + 5).fill('');
  const baseMeasure = (layout.mapping as FigureMapping).measure;
  const roles = new Map(spread.filter((s) => s.role).map((s) => [s.role!, s]));
  const checkNet = roles.size === 3;
  const columnSums = new Float64Array(spread.length);
  let totalRow: { line: number; cells: readonly string[] } | null = null;
  let gaps = 0;
  const matrix = layout.kind === 'matrix';
  const origin = (layout.mapping as FlowMapping).origin ?? 0;
  // The region columns: a total there makes the row a total row.
  const keyMapping = layout.mapping as FlowMapping & FigureMapping;
  const keys = [keyMapping.origin, keyMapping.destination, keyMapping.region].filter(
    (k): k is number => k !== undefined,
  );

  const expansion: Expansion = {
    mapping: mapping as FlowMapping | FigureMapping,
    get gaps() {
      return gaps;
    },
    push(cells, line, emit, section) {
      if (keys.some((k) => isTotalName((cells[k] ?? '').trim()))) {
        if (matrix) totalRow = { line, cells: [...cells] };
        return false;
      }
      // A section that only repeats the measure's name adds nothing to it.
      const suffix = section && section !== options.measure ? ` — ${section}` : '';
      for (let i = 0; i < width && i < cells.length; i++) scratch[i] = cells[i]!;
      for (let i = cells.length; i < width; i++) scratch[i] = '';
      if (!flows) {
        const own = baseMeasure !== undefined ? (cells[baseMeasure] ?? '').trim() : '';
        scratch[M] = (own || options.measure) + suffix;
      }
      let rowSum = 0;
      for (let k = 0; k < spread.length; k++) {
        const s = spread[k]!;
        const cell = cells[s.column];
        if (isNoValue(cell)) {
          gaps++;
          continue;
        }
        const n = parseNumberCell(cell!.trim());
        if (n !== null) {
          rowSum += n;
          columnSums[k] = columnSums[k]! + n;
        }
        // The diagonal of a matrix: no flow from a region to itself unless the file gives one.
        if (matrix && n === 0 && sameName(cells[origin] ?? '', s.destination ?? '', options.matcher)) continue;
        scratch[V] = cell!;
        if (s.year !== undefined) scratch[Y] = String(s.year);
        if (s.period !== undefined) scratch[P] = s.period;
        if (s.measure !== undefined) scratch[M] = s.measure + suffix;
        if (s.destination !== undefined) scratch[D] = s.destination;
        emit(scratch, line, s.header);
      }
      if (matrix && layout.totalColumn !== null) {
        const stated = parseNumberCell((cells[layout.totalColumn] ?? '').trim());
        if (stated !== null && Math.abs(stated - rowSum) > 1e-6)
          options.report(line, 'total_mismatch', {
            total: 'row',
            value: (cells[origin] ?? '').trim().slice(0, 60),
            stated,
            computed: rowSum,
          });
      }
      if (checkNet) {
        const value = (role: ValueRole) => parseNumberCell((cells[roles.get(role)!.column] ?? '').trim());
        const a = value('arrivals');
        const d = value('departures');
        const n = value('net');
        if (a !== null && d !== null && n !== null && Math.abs(a - d - n) > 1e-6)
          options.report(line, 'net_mismatch', { stated: n, computed: a - d }, roles.get('net')!.header);
      }
      return true;
    },
    finish(report) {
      const total = totalRow as { line: number; cells: readonly string[] } | null;
      if (!total) return;
      spread.forEach((s, k) => {
        const stated = parseNumberCell((total.cells[s.column] ?? '').trim());
        if (stated !== null && Math.abs(stated - columnSums[k]!) > 1e-6)
          report(total.line, 'total_mismatch', { total: 'column', value: s.header.trim().slice(0, 60), stated, computed: columnSums[k]! }, s.header); // prettier-ignore
      });
      if (layout.totalColumn !== null) {
        const stated = parseNumberCell((total.cells[layout.totalColumn] ?? '').trim());
        let sum = 0;
        for (const x of columnSums) sum += x;
        if (stated !== null && Math.abs(stated - sum) > 1e-6)
          report(total.line, 'total_mismatch', { total: 'grand', stated, computed: sum });
      }
    },
  };
  return expansion;
}
