/**
 * Reads a table's records one by one, from a text stream or a sheet: the
 * title rows before the header, the header, then note rows (sections,
 * footnotes, totals) aside and data rows into the validator, through the
 * layout's expansion for a wide table (layouts.ts).
 */
import { mappingProblems, type FigureMapping, type FlowMapping, type TableKind } from './columns';
import type { NoteRow, TableImportRequest } from './import-types';
import { expandLayout, type Expansion, type Layout } from './layouts';
import { problem, type ImportProblem, type IssueCode, type ProblemParams } from './problems';
import { createRegionMatcher } from './region-matcher';
import { noteText } from './table-shape';
import { FigureRowValidator, FlowRowValidator } from './validate-rows';

/** A sheet's name unless it is Excel's default ("Sheet1", "Лист1"), else the file's name without extension. */
export function defaultMeasureName(fileName: string, sheet: string | null): string {
  const generic = /^(sheet|лист|парақ|feuil|tabelle|hoja)\s*\d*$/i;
  if (sheet && !generic.test(sheet.trim())) return sheet.trim();
  return fileName.replace(/\.[^.]+$/, '').trim() || 'value';
}

/** The text of a title row: its cells joined (a CSV title with a comma was split into two). */
export const rowText = (cells: readonly string[]) =>
  cells
    .map((c) => c.trim())
    .filter(Boolean)
    .join(' ');

/** Note rows kept in a result (the rest are counted in the summary's empty lines). */
const MAX_NOTES = 100;

/**
 * Reads records one by one: the title rows before the header, the header,
 * then note rows aside and data rows into the validator (through the layout's
 * expansion for a wide table).
 */
export class RecordReader {
  header: string[] | null = null;
  /** The header's line or row (0 until found). */
  headerLine = 0;
  fatal: ImportProblem | null = null;
  fatalLine = 1;
  rowsSeen = 0;
  readonly notes: NoteRow[] = [];
  private noteCount = 0;
  private section: string | undefined;
  private lastDataLine = 0;
  private validator: FlowRowValidator | FigureRowValidator | null = null;
  private expansion: Expansion | null = null;
  private readonly matcher: ReturnType<typeof createRegionMatcher>;
  readonly layout: Layout | null;

  constructor(
    private readonly request: TableImportRequest,
    private readonly headerRow: number | undefined,
    private readonly defaultMeasure: (header: string[]) => string,
  ) {
    this.matcher = createRegionMatcher(request.units, request.manual ?? {});
    this.layout = request.layout && request.layout.kind !== 'long' ? request.layout : null;
  }

  get kind(): TableKind {
    return this.layout?.table ?? this.request.kind;
  }

  /** One record; `line` is its first line (CSV) or its row (sheet). */
  record(cells: string[], line: number): void {
    if (this.fatal) return;
    if (!this.header) {
      const blank = cells.every((c) => c.trim() === '');
      if (this.headerRow !== undefined && line < this.headerRow) {
        if (!blank) this.note(line, rowText(cells), 'title');
        return;
      }
      if (blank) return;
      this.start(cells, line);
      return;
    }
    const note = noteText(cells, this.matcher);
    if (note !== null) {
      this.note(line, note, 'section');
      this.section = note;
      return;
    }
    this.rowsSeen++;
    this.lastDataLine = line;
    this.push(cells, line);
  }

  /** The header of a sheet, merged cells spread (called instead of record() for the header of a workbook). */
  setHeader(cells: string[], line: number): void {
    this.start(cells, line);
  }

  private push(cells: string[], line: number) {
    const v = this.validator!;
    // A blank row is an empty line for the validator, not a row of gaps.
    if (!this.expansion || cells.every((c) => c.trim() === '')) v.push(cells, line);
    else if (!this.expansion.push(cells, line, (c, l, column) => v.push(c, l, column), this.section))
      this.note(line, cells.find((c) => c.trim())?.trim() ?? '', 'total');
  }

  private note(line: number, text: string, kind: NoteRow['kind']) {
    this.noteCount++;
    if (this.notes.length < MAX_NOTES) this.notes.push({ line, text: text.slice(0, 300), kind });
  }

  private start(cells: string[], line: number) {
    const header = cells.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c));
    this.header = header;
    this.headerLine = line;
    const request = this.request;
    const file = request.fileName;
    const options = {
      file,
      matcher: this.matcher,
      datasetId: request.datasetId,
      maxIssues: request.maxIssues,
      fixedYear: request.year,
      borders: request.borders,
    };
    const layout = this.layout;
    const width = header.length;
    if (layout) {
      const outside = [...layout.spread.map((s) => s.column), ...Object.values(layout.mapping)].filter(
        (c) => !Number.isInteger(c) || c < 0 || c >= width,
      );
      if (outside.length > 0) return this.stop(line, problem('columns_do_not_fit', { problems: outside.map((c) => problem('column_outside', { column: c, columns: width })) })); // prettier-ignore
    }
    const report = (l: number, code: IssueCode, params: ProblemParams, column?: string) =>
      this.validator?.addIssue(l, code, params, column);
    const measure = this.defaultMeasure(header);
    this.expansion = layout ? expandLayout(layout, width, { measure, report, matcher: this.matcher }) : null;
    const mapping = this.expansion?.mapping ?? request.mapping;
    const kind = this.kind;
    const optional = request.year !== undefined ? ['year'] : [];
    const problems = mappingProblems(kind, mapping, width + (this.expansion ? 5 : 0), optional);
    if (problems.length > 0) {
      const noYear = problems.length === 1 && problems[0]!.code === 'no_column' && problems[0]!.params.field === 'year';
      return this.stop(line, noYear ? problem('no_year') : problem('columns_do_not_fit', { problems }));
    }
    this.validator =
      kind === 'flows'
        ? new FlowRowValidator(mapping as FlowMapping, options)
        : new FigureRowValidator(mapping as FigureMapping, {
            ...options,
            defaultMeasure: this.expansion ? measure : (request.measure ?? header[(mapping as FigureMapping).value!] ?? '').trim() || 'value',
          }); // prettier-ignore
  }

  stop(line: number, p: ImportProblem): void {
    this.fatal = p;
    this.fatalLine = line;
  }

  reject(line: number, reason: string): void {
    this.rowsSeen++;
    this.validator!.rejectRow(line, reason);
  }

  get started(): boolean {
    return this.header !== null;
  }

  /** The result's validation part; a file that cannot be read to its end imports nothing. */
  finish() {
    if (!this.header && !this.fatal) this.stop(1, problem('empty_file'));
    const request = this.request;
    const file = request.fileName;
    const active: FlowRowValidator | FigureRowValidator =
      this.validator ??
      (this.kind === 'flows'
        ? new FlowRowValidator({}, { file, matcher: this.matcher, datasetId: request.datasetId })
        : new FigureRowValidator({}, { file, matcher: this.matcher, datasetId: request.datasetId, defaultMeasure: 'value' })); // prettier-ignore
    this.expansion?.finish((l, code, params, column) => active.addIssue(l, code, params, column));
    if (this.fatal) active.abandon(this.fatalLine, { reason: this.fatal.code, ...this.fatal.params });
    // Notes after the last data row are footnotes.
    for (const n of this.notes) if (n.kind === 'section' && n.line > this.lastDataLine) n.kind = 'footnote';
    return { validator: active, gaps: this.expansion?.gaps ?? 0 };
  }
}
