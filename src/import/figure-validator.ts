/**
 * Figure rows (region, year, value, optional measure, unit and period)
 * checked one at a time and kept as typed columns; see validate-rows.ts for
 * the rules.
 */
import { YEAR_MAX, YEAR_MIN } from '../core/csv';
import { parseNumberCell } from './cells';
import type { FigureMapping } from './columns';
import { FULL_YEAR, normalizePeriod } from './periods';
import type { ImportIssue } from './problems';
import { Dict, Growable, MAX_DISTINCT_VALUES, MAX_TEXT_LENGTH, type FigureColumns } from './row-columns';
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

/** (measure, period) pairs that get a duplicate index. */
const MAX_DUPLICATE_BLOCKS = 10_000;

export interface FigureValidationResult {
  columns: FigureColumns;
  summary: ImportSummary;
  issues: ImportIssue[];
}

export interface FigureValidationOptions extends ValidationOptions {
  /** Measure name when the file has no measure column (the UI offers the value column's header). */
  defaultMeasure: string;
}

interface PendingFigure {
  line: number;
  column: string | undefined;
  u: number;
  year: number;
  value: number;
  measure: number;
  measureText: string;
  period: number;
  periodText: string;
  uom: number;
}

export class FigureRowValidator extends RowValidator<PendingFigure> {
  private readonly unit = new Growable((n) => new Uint16Array(n));
  private readonly year = new Growable((n) => new Uint16Array(n));
  private readonly value = new Growable((n) => new Float64Array(n));
  private readonly measureIds = new Growable((n) => new Uint32Array(n));
  private readonly uomIds = new Growable((n) => new Uint32Array(n));
  private readonly periodIds = new Growable((n) => new Uint16Array(n));
  private readonly measures = new Dict();
  private readonly uoms = new Dict();
  private readonly periods = new Dict();
  /** (measure, period) -> first line of each (year, unit). */
  private readonly firstLines = new Map<number, Int32Array>();
  private readonly unitsByYear = new Map<number, Set<number>>();

  constructor(
    private readonly mapping: FigureMapping,
    private readonly options: FigureValidationOptions,
  ) {
    super(options);
  }

  push(cells: readonly string[], line: number, column?: string): void {
    const r = this.report;
    if (isBlank(cells)) {
      r.emptyLines++;
      return;
    }
    r.rowsRead++;
    r.column = column;
    const m = this.mapping;
    const regionCell = cellAt(cells, m.region);
    const yearCell = cellAt(cells, m.year);
    const valueCell = cellAt(cells, m.value);
    let ok = true;
    if (regionCell === undefined) ok = r.missing(line, 'region');
    if (yearCell === undefined && this.fixedYear === undefined) ok = r.missing(line, 'year');
    if (valueCell === undefined) ok = r.missing(line, 'value');
    const u = regionCell === undefined ? -1 : r.region(regionCell, 'region', line, this.matcher, this.unitIndex);
    if (u === -1) ok = false;
    const year = yearCell === undefined ? (this.fixedYear ?? -1) : r.year(yearCell, line);
    if (year < 0) ok = false;
    let value: number | null = null;
    if (valueCell !== undefined) {
      const text = valueCell.trim();
      if (text === '') r.add(line, 'missing_cell', { field: 'value', empty: true });
      else if ((value = parseNumberCell(text)) === null)
        r.add(line, 'not_a_number', { field: 'value', value: text.slice(0, 60) });
    }
    if (value === null) ok = false;
    const measureText =
      (m.measure !== undefined ? (cellAt(cells, m.measure) ?? '').trim() : '') || this.options.defaultMeasure;
    let measure = -1;
    if (measureText.length > MAX_TEXT_LENGTH)
      r.add(line, 'too_long', { field: 'measure', value: measureText.slice(0, 60), limit: MAX_TEXT_LENGTH });
    else if ((measure = this.measures.id(measureText)) < 0)
      r.add(line, 'too_many_values', { field: 'measure', limit: MAX_DISTINCT_VALUES });
    if (measure < 0) ok = false;
    const periodText = normalizePeriod(cellAt(cells, m.period) ?? '');
    let period = -1;
    if (periodText.length > MAX_TEXT_LENGTH)
      r.add(line, 'too_long', { field: 'period', value: periodText.slice(0, 60), limit: MAX_TEXT_LENGTH });
    else if ((period = this.periods.id(periodText)) < 0)
      r.add(line, 'too_many_values', { field: 'period', limit: MAX_DISTINCT_VALUES });
    if (period < 0) ok = false;
    if (!ok || value === null) return;
    let uom = 0;
    if (m.unit !== undefined) {
      const t = (cellAt(cells, m.unit) ?? '').trim();
      const id = t.length > MAX_TEXT_LENGTH ? -1 : this.uoms.id(t);
      if (id < 0) r.textsDropped++;
      uom = Math.max(id, 0);
    }
    if (isPending(u)) {
      if (this.pending.length < MAX_PENDING_ROWS)
        this.pending.push({ line, column, u, year, value, measure, measureText, period, periodText, uom });
      else r.asked(line, 'region', u);
      return;
    }
    this.commit(u, year, value, measure, measureText, period, periodText, uom, line);
  }

  private commit(
    u: number,
    year: number,
    value: number,
    measure: number,
    measureText: string,
    period: number,
    periodText: string,
    uom: number,
    line: number,
  ): void {
    const r = this.report;
    const n = this.matcher.codes.length;
    const blockKey = measure * 65_536 + period;
    let block = this.firstLines.get(blockKey);
    if (!block) {
      if (this.firstLines.size >= MAX_DUPLICATE_BLOCKS) {
        r.add(line, 'too_many_values', { field: 'measure', limit: MAX_DUPLICATE_BLOCKS });
        return;
      }
      this.firstLines.set(blockKey, (block = new Int32Array((YEAR_MAX - YEAR_MIN + 1) * n)));
    }
    const key = (year - YEAR_MIN) * n + u;
    const first = block[key]!;
    if (first > 0) {
      r.add(line, 'duplicate', {
        firstLine: first,
        year,
        unit: this.matcher.codes[u],
        measure: measureText.slice(0, 60),
        ...(periodText === FULL_YEAR ? {} : { period: periodText.slice(0, 60) }),
      });
      return;
    }
    block[key] = line;
    const i = this.length++;
    this.unit.set(i, u);
    this.year.set(i, year);
    this.value.set(i, value);
    this.measureIds.set(i, measure);
    this.periodIds.set(i, period);
    if (this.mapping.unit !== undefined) this.uomIds.set(i, uom);
    let used = this.unitsByYear.get(year);
    if (!used) this.unitsByYear.set(year, (used = new Set()));
    used.add(u);
    r.rowsValid++;
  }

  finish(): FigureValidationResult {
    const r = this.report;
    const resolved = r.resolve();
    for (const p of this.pending) {
      const code = resolved.codeOf[-2 - p.u] ?? null;
      r.column = p.column;
      r.unsorted = true;
      if (code === null) r.asked(p.line, 'region', p.u);
      else
        this.commit(
          this.unitIndex.get(code)!,
          p.year,
          p.value,
          p.measure,
          p.measureText,
          p.period,
          p.periodText,
          p.uom,
          p.line,
        );
    }
    const n = this.length;
    const { geographyByYear, decisions } =
      n > 0 ? geographies(this.unitsByYear, this.matcher, this.borders) : { geographyByYear: {}, decisions: [] };
    const columns: FigureColumns = {
      kind: 'figures',
      length: n,
      unitCodes: [...this.matcher.codes],
      unit: this.unit.take(n),
      year: this.year.take(n),
      value: this.value.take(n),
      measure: { values: this.measures.values, index: this.measureIds.take(n) },
      unitOfMeasure: { values: this.uoms.values, index: this.mapping.unit !== undefined ? this.uomIds.take(n) : null },
      period: { values: this.periods.values, index: this.periods.values.length > 1 ? this.periodIds.take(n) : null },
      geographyByYear,
    };
    return { columns, summary: r.summary('figures', this.matcher, resolved, decisions), issues: r.issues };
  }
}
