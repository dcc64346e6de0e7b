/**
 * Flow rows (origin, destination, year, count, optional period, source and
 * note) checked one at a time and kept as typed columns; see validate-rows.ts
 * for the rules.
 */
import { YEAR_MAX, YEAR_MIN } from '../core/csv';
import { parseNumberCell } from './cells';
import type { FlowMapping } from './columns';
import { FULL_YEAR, normalizePeriod } from './periods';
import type { ImportIssue } from './problems';
import { Dict, Growable, MAX_DISTINCT_VALUES, MAX_TEXT_LENGTH, type FlowColumns } from './row-columns';
import { RowValidator } from './row-validator';
import {
  cellAt,
  geographies,
  isBlank,
  isPending,
  MAX_PENDING_ROWS,
  type ImportSummary,
  type ValidationOptions,
} from './validation-report';

/** (period, year) pairs that get a duplicate index (4 bytes per origin-destination pair each). */
const MAX_DUPLICATE_BLOCKS = 10_000;

export interface FlowValidationResult {
  columns: FlowColumns;
  summary: ImportSummary;
  /** The first maxIssues issues, in line order. */
  issues: ImportIssue[];
}

/** A row held until its ambiguous name is decided (few: only rows naming such a name). */
interface PendingFlow {
  line: number;
  column: string | undefined;
  o: number;
  d: number;
  year: number;
  count: number;
  period: number;
  periodText: string;
  source: number;
  note: number;
}

export class FlowRowValidator extends RowValidator<PendingFlow> {
  private readonly n: number;
  private readonly year = new Growable((n) => new Uint16Array(n));
  private readonly origin = new Growable((n) => new Uint16Array(n));
  private readonly destination = new Growable((n) => new Uint16Array(n));
  private readonly migrants = new Growable((n) => new Float64Array(n));
  private readonly periodIds = new Growable((n) => new Uint16Array(n));
  private readonly sourceIds = new Growable((n) => new Uint32Array(n));
  private readonly noteIds = new Growable((n) => new Uint32Array(n));
  private readonly periods = new Dict();
  private readonly sources = new Dict();
  private readonly notes = new Dict();
  /** (period, year) -> first line of each origin-destination pair (0: none yet). */
  private readonly firstLines = new Map<number, Int32Array>();
  /** year -> unit indices used, for the geography. */
  private readonly unitsByYear = new Map<number, Set<number>>();

  constructor(
    private readonly mapping: FlowMapping,
    options: ValidationOptions,
  ) {
    super(options);
    this.n = this.matcher.codes.length;
  }

  /** One parsed record; line is its first line in the file (header = 1); column: a wide table's value column. */
  push(cells: readonly string[], line: number, column?: string): void {
    const r = this.report;
    if (isBlank(cells)) {
      r.emptyLines++;
      return;
    }
    r.rowsRead++;
    r.column = column;
    const m = this.mapping;
    const originCell = cellAt(cells, m.origin);
    const destinationCell = cellAt(cells, m.destination);
    const yearCell = cellAt(cells, m.year);
    const countCell = cellAt(cells, m.count);
    let ok = true;
    // Plain ifs, no closure: this runs a million times.
    if (originCell === undefined) ok = r.missing(line, 'origin');
    if (destinationCell === undefined) ok = r.missing(line, 'destination');
    if (yearCell === undefined && this.fixedYear === undefined) ok = r.missing(line, 'year');
    if (countCell === undefined) ok = r.missing(line, 'count');
    const o = originCell === undefined ? -1 : r.region(originCell, 'origin', line, this.matcher, this.unitIndex);
    const d =
      destinationCell === undefined ? -1 : r.region(destinationCell, 'destination', line, this.matcher, this.unitIndex);
    if (o === -1 || d === -1) ok = false;
    else if (o === d && o >= 0) {
      r.add(line, 'same_origin_destination', { unit: this.matcher.codes[o] });
      ok = false;
    }
    const year = yearCell === undefined ? (this.fixedYear ?? -1) : r.year(yearCell, line);
    if (year < 0) ok = false;
    const count = countCell === undefined ? null : this.parseCount(countCell, line);
    if (count === null) ok = false;
    const periodText = normalizePeriod(cellAt(cells, m.period) ?? '');
    let period = -1;
    if (periodText.length > MAX_TEXT_LENGTH)
      r.add(line, 'too_long', { field: 'period', value: periodText.slice(0, 60), limit: MAX_TEXT_LENGTH });
    else if ((period = this.periods.id(periodText)) < 0)
      r.add(line, 'too_many_values', { field: 'period', limit: MAX_DISTINCT_VALUES });
    if (period < 0) ok = false;
    if (!ok || count === null) return;
    const source = m.source !== undefined ? this.text(this.sources, cellAt(cells, m.source)) : 0;
    const note = m.note !== undefined ? this.text(this.notes, cellAt(cells, m.note)) : 0;
    if (isPending(o) || isPending(d)) {
      if (this.pending.length < MAX_PENDING_ROWS)
        this.pending.push({ line, column, o, d, year, count, period, periodText, source, note });
      else {
        if (isPending(o)) r.asked(line, 'origin', o);
        if (isPending(d)) r.asked(line, 'destination', d);
      }
      return;
    }
    this.commit(o, d, year, count, period, periodText, source, note, line);
  }

  /** Keeps a valid row unless it duplicates an earlier one. */
  private commit(
    o: number,
    d: number,
    year: number,
    count: number,
    period: number,
    periodText: string,
    source: number,
    note: number,
    line: number,
  ): void {
    const r = this.report;
    // Duplicates are checked among valid rows only: an invalid first row names no line.
    const blockKey = period * (YEAR_MAX - YEAR_MIN + 1) + (year - YEAR_MIN);
    let block = this.firstLines.get(blockKey);
    if (!block) {
      if (this.firstLines.size >= MAX_DUPLICATE_BLOCKS) {
        r.add(line, 'too_many_values', { field: 'period', limit: MAX_DUPLICATE_BLOCKS });
        return;
      }
      this.firstLines.set(blockKey, (block = new Int32Array(this.n * this.n)));
    }
    const pair = o * this.n + d;
    const first = block[pair]!;
    if (first > 0) {
      r.add(line, 'duplicate', {
        firstLine: first,
        year,
        origin: this.matcher.codes[o],
        destination: this.matcher.codes[d],
        ...(periodText === FULL_YEAR ? {} : { period: periodText.slice(0, 60) }),
      });
      return;
    }
    block[pair] = line;

    const i = this.length++;
    this.year.set(i, year);
    this.origin.set(i, o);
    this.destination.set(i, d);
    this.migrants.set(i, count);
    this.periodIds.set(i, period);
    if (this.mapping.source !== undefined) this.sourceIds.set(i, source);
    if (this.mapping.note !== undefined) this.noteIds.set(i, note);
    let used = this.unitsByYear.get(year);
    if (!used) this.unitsByYear.set(year, (used = new Set()));
    used.add(o).add(d);
    r.rowsValid++;
  }

  private text(dict: Dict, cell: string | undefined): number {
    const t = (cell ?? '').trim();
    const id = t.length > MAX_TEXT_LENGTH * 5 ? -1 : dict.id(t);
    if (id < 0) this.report.textsDropped++;
    return Math.max(id, 0);
  }

  private parseCount(cell: string, line: number): number | null {
    const text = cell.trim();
    const r = this.report;
    if (text === '') {
      r.add(line, 'missing_cell', { field: 'count', empty: true });
      return null;
    }
    const n = parseNumberCell(text);
    if (n === null || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
      r.add(line, 'not_a_number', { field: 'count', value: text.slice(0, 60) });
      return null;
    }
    if (n < 0) {
      r.add(line, 'negative_count', { field: 'count', value: text.slice(0, 60) });
      return null;
    }
    if (!Number.isInteger(n)) {
      r.add(line, 'decimal_count', {
        field: 'count',
        value: text.slice(0, 60),
        thousands: /^\d{1,3},\d{3}$/.test(text),
      });
      return null;
    }
    return n;
  }

  finish(): FlowValidationResult {
    const r = this.report;
    const resolved = r.resolve();
    // Pending rows: decided names are committed (duplicates checked as for any row), questions reported.
    for (const p of this.pending) {
      const o = isPending(p.o) ? (resolved.codeOf[-2 - p.o] ?? null) : this.matcher.codes[p.o]!;
      const d = isPending(p.d) ? (resolved.codeOf[-2 - p.d] ?? null) : this.matcher.codes[p.d]!;
      r.column = p.column;
      r.unsorted = true;
      if (o === null) r.asked(p.line, 'origin', p.o);
      if (d === null) r.asked(p.line, 'destination', p.d);
      if (o === null || d === null) continue;
      if (o === d) r.add(p.line, 'same_origin_destination', { unit: o });
      else
        this.commit(
          this.unitIndex.get(o)!,
          this.unitIndex.get(d)!,
          p.year,
          p.count,
          p.period,
          p.periodText,
          p.source,
          p.note,
          p.line,
        );
    }
    const n = this.length;
    const { geographyByYear, decisions } =
      n > 0 ? geographies(this.unitsByYear, this.matcher, this.borders) : { geographyByYear: {}, decisions: [] };
    const columns: FlowColumns = {
      kind: 'flows',
      length: n,
      unitCodes: [...this.matcher.codes],
      year: this.year.take(n),
      origin: this.origin.take(n),
      destination: this.destination.take(n),
      migrants: this.migrants.take(n),
      period: { values: this.periods.values, index: this.periods.values.length > 1 ? this.periodIds.take(n) : null },
      source: { values: this.sources.values, index: this.mapping.source !== undefined ? this.sourceIds.take(n) : null },
      note: { values: this.notes.values, index: this.mapping.note !== undefined ? this.noteIds.take(n) : null },
      geographyByYear,
    };
    return { columns, summary: r.summary('flows', this.matcher, resolved, decisions), issues: r.issues };
  }
}
