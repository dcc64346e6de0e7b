/**
 * The work of an import, without the worker around it: tell what the file is
 * by its first bytes (sniff.ts: a text table, an Excel workbook, or refused),
 * read a text table's bytes in slices, decode (UTF-8, UTF-16 with a BOM, or
 * Windows-1251 when the start is not valid UTF-8: Excel's Russian CSV) and
 * stream the text through papaparse, or read one sheet of a workbook
 * (workbook.ts); skip the title rows above the header, set note rows
 * (sections, footnotes) aside, spread a wide layout into long records
 * (layouts.ts), validate each record and aggregate. The worker calls this
 * with a File; the benchmark and the tests call it with a Node file stream or
 * a Blob.
 *
 * papaparse is given a minimal "readable" (on/removeListener/pause/resume)
 * that we push decoded text into: its public stream input, so it keeps the
 * partial last line of each chunk for us and we keep control of reading,
 * progress and cancelling.
 */
import Papa from 'papaparse';
import {
  guessColumns,
  guessTableKind,
  mappingProblems,
  type ColumnGuess,
  type FigureField,
  type FigureMapping,
  type FlowField,
  type FlowMapping,
  type TableKind,
} from './columns';
import { aggregateFlowColumns, type FlowTotals } from './aggregate';
import { createRegionMatcher, type MatchableUnit } from './region-matcher';
import {
  FigureRowValidator,
  FlowRowValidator,
  type FigureColumns,
  type FlowColumns,
  type ImportIssue,
  type ImportSummary,
} from './validate-rows';
import type { IssueCode, ProblemParams } from './problems';
import { checkSize, ImportAbortedError, MAX_TABLE_BYTES, MAX_WORKBOOK_BYTES } from './limits';
import { buildLayout, expandLayout, recognizeLayout, type Expansion, type Layout, type LayoutKind } from './layouts';
import { ImportProblemError, problem, type ImportProblem } from './problems';
import type { Borders } from './resolve';
import { sniffFile } from './sniff';
import { detectHeaderRow, headerCells, noteText, rowsWithGroups, yearFromName } from './table-shape';
import { readWorkbook, type SheetGrid, type SheetInfo } from './workbook';

export { FileTooLargeError, ImportAbortedError, MAX_TABLE_BYTES } from './limits';

/** Bytes read and parsed at a time. */
export const READ_CHUNK_BYTES = 1024 * 1024;
/** Progress is posted at most this often. */
export const PROGRESS_INTERVAL_MS = 100;
/** A record this long means an unclosed quote swallowed the file: stop rather than hold it all. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
const PREVIEW_BYTES = 256 * 1024;

export type Delimiter = ',' | '\t' | ';' | '|';

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  /** null when the source's size is unknown (a stream). */
  totalBytes: number | null;
  fraction: number | null;
}

export type ByteSource = Blob | AsyncIterable<Uint8Array>;

export interface TableImportRequest {
  kind: TableKind;
  mapping: FlowMapping | FigureMapping;
  units: MatchableUnit[];
  /** The user's own mappings of region texts to unit codes. */
  manual?: Record<string, string>;
  /** The dataset id every imported row carries as source_id. */
  datasetId: string;
  fileName: string;
  /** Figures: the measure name when no column holds one (default: the value column's header). */
  measure?: string;
  /** Overrides the detected delimiter. */
  delimiter?: Delimiter;
  maxIssues?: number;
  /**
   * A wide layout (from the preview, maybe changed by the user). Its table and
   * key mapping are then used instead of `kind` and `mapping`. Absent: rows
   * as they are.
   */
  layout?: Layout | null;
  /** The year of every row when no column holds one (typed, or the preview's yearFromName). */
  year?: number;
  /** Workbooks: the sheet to read (default: the first visible one). */
  sheet?: string;
  /**
   * The line (CSV) or row (sheet) of the header, 1-based; the rows above it are
   * titles. Default: a CSV's first non-empty line; a sheet's detected header.
   */
  headerRow?: number;
  /** 'current': every year is in today's borders (the user says so); default 'by_year'. */
  borders?: Borders;
}

/** A row that is not data: a title above the header, a section heading inside the table, a footnote below it, a total. */
export interface NoteRow {
  line: number;
  text: string;
  /** 'total': a total row of a wide table, not imported (a matrix's is checked against the sum). */
  kind: 'title' | 'section' | 'footnote' | 'total';
}

export interface WorkbookInfo {
  format: 'xlsx' | 'xls';
  sheets: SheetInfo[];
  sheet: string;
  /** Formulas read as their saved values, links not followed, macros ignored, rows cut. */
  notes: ImportProblem[];
}

interface ResultBase {
  /** The request's dataset id: the source_id of the rows once stored. */
  datasetId: string;
  fileName: string;
  header: string[];
  delimiter: Delimiter;
  encoding: string;
  summary: ImportSummary;
  issues: ImportIssue[];
  /** Why nothing could be read (no header, columns missing, an unclosed quote, no year); null when the rows were read. */
  fatalProblem: ImportProblem | null;
  /**
   * The same in English, filled in by the worker for the page as it is today
   * (the dialog formats fatalProblem instead; this goes then). Null here.
   * @deprecated
   */
  fatal: string | null;
  /** The layout read (null: rows as they are). */
  layout: Layout | null;
  /** The 1-based line or row of the header. */
  headerRow: number;
  /** Titles, sections and footnotes set aside (first 100). */
  notes: NoteRow[];
  /** Value cells of a wide table without a figure ("-", "…", empty): gaps, not rows. */
  gaps: number;
  /** The year given for the whole file, if any. */
  year: number | null;
  workbook: WorkbookInfo | null;
}
export interface FlowImportResult extends ResultBase {
  kind: 'flows';
  columns: FlowColumns;
  totals: FlowTotals;
}
export interface FigureImportResult extends ResultBase {
  kind: 'figures';
  columns: FigureColumns;
}
export type TableImportResult = FlowImportResult | FigureImportResult;

export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Clock for the progress throttle (tests pass a fake one). */
  now?: () => number;
}

/** Bytes of a Blob in slices, or of a stream as it comes. */
async function* bytesOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    for (let start = 0; start < source.size; start += READ_CHUNK_BYTES)
      yield new Uint8Array(await source.slice(start, start + READ_CHUNK_BYTES).arrayBuffer());
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array>) yield chunk;
}

/** Picks the encoding from the first bytes, then decodes chunk by chunk (characters split across chunks are kept). */
export class ChunkDecoder {
  encoding: string | null = null;
  private decoder: TextDecoder | null = null;

  decode(bytes: Uint8Array, final = false): string {
    if (!this.decoder) {
      this.encoding = detectEncoding(bytes);
      this.decoder = new TextDecoder(this.encoding);
    }
    return this.decoder.decode(bytes, { stream: !final });
  }
}

export function detectEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/** The delimiter of the first non-empty line outside quotes: the most frequent of tab, semicolon, comma, pipe. */
export function detectDelimiter(text: string, fileName = ''): Delimiter {
  const counts = new Map<Delimiter, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
    ['|', 0],
  ]);
  let inQuotes = false;
  let seen = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!inQuotes) {
      if (counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
      if (ch.trim()) seen = true;
    }
  }
  const preferred: Delimiter = /\.(tsv|tab)$/i.test(fileName) ? '\t' : ',';
  let best: Delimiter = preferred;
  for (const [d, c] of counts) if (c > counts.get(best)!) best = d;
  return best;
}

/** Lines a record spans: one plus the line breaks inside its quoted cells. */
function linesOf(cells: readonly string[]): number {
  let lines = 1;
  for (const cell of cells)
    if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return lines;
}

interface PushParser {
  push(text: string): void;
  end(): void;
  abort(): void;
}

/** papaparse over a source we push text into (its Node-stream input, duck-typed). */
function pushParser(delimiter: Delimiter, onRows: (rows: string[][], errors: Papa.ParseError[]) => void): PushParser {
  const listeners = new Map<string, (chunk?: string) => void>();
  const source = {
    readable: true,
    read() {},
    on(event: string, fn: (chunk?: string) => void) {
      listeners.set(event, fn);
    },
    removeListener(event: string) {
      listeners.delete(event);
    },
    pause() {},
    resume() {},
  };
  let handle: Papa.Parser | null = null;
  Papa.parse<string[], NodeJS.ReadableStream>(source as unknown as NodeJS.ReadableStream, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    worker: false,
    chunk(results, parser) {
      handle = parser;
      onRows(results.data, results.errors);
    },
    // Rows arrive through chunk(); papaparse requires a completion callback for stream input.
    complete() {},
  });
  return {
    push: (text) => listeners.get('data')?.(text),
    end: () => listeners.get('end')?.(),
    abort: () => handle?.abort(),
  };
}

/** A sheet's name unless it is Excel's default ("Sheet1", "Лист1"), else the file's name without extension. */
export function defaultMeasureName(fileName: string, sheet: string | null): string {
  const generic = /^(sheet|лист|парақ|feuil|tabelle|hoja)\s*\d*$/i;
  if (sheet && !generic.test(sheet.trim())) return sheet.trim();
  return fileName.replace(/\.[^.]+$/, '').trim() || 'value';
}

/** The text of a title row: its cells joined (a CSV title with a comma was split into two). */
const rowText = (cells: readonly string[]) =>
  cells
    .map((c) => c.trim())
    .filter(Boolean)
    .join(' ');

/** Note rows kept in a result (the rest are counted in the summary's empty lines). */
const MAX_NOTES = 100;

/** The sheet, or the text records, of a file: what is read. */
type Opened = { format: 'text'; source: ByteSource } | { format: 'xlsx' | 'xls'; grid: SheetGrid };

/** Refuses a file that is not a table (ImportProblemError 'file_refused') and opens a workbook's sheet. */
async function open(source: ByteSource, fileName: string, sheet?: string): Promise<Opened> {
  if (!(typeof Blob !== 'undefined' && source instanceof Blob)) return { format: 'text', source };
  const sniffed = await sniffFile(source, MAX_WORKBOOK_BYTES);
  if (sniffed.kind === 'refused')
    throw new ImportProblemError(problem('file_refused', { seemsTo: sniffed.seemsTo, value: fileName }));
  if (sniffed.kind === 'text') return { format: 'text', source };
  checkSize(source.size, MAX_WORKBOOK_BYTES);
  const grid = await readWorkbook(new Uint8Array(await source.arrayBuffer()), sniffed.kind, { sheet });
  return { format: sniffed.kind, grid };
}

/**
 * Reads records one by one: the title rows before the header, the header,
 * then note rows aside and data rows into the validator (through the layout's
 * expansion for a wide table).
 */
class RecordReader {
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

/**
 * Imports a flows or figures table (a text file or one sheet of a workbook).
 * Resolves with the valid rows as columns, the summary and the first issues,
 * also for a file that is garbage (then with no rows and the reasons).
 * Rejects with FileTooLargeError (before reading), ImportAbortedError (the
 * signal fired) or ImportProblemError (a file that is not a table, a
 * workbook refused).
 */
export async function importTable(
  source: ByteSource,
  request: TableImportRequest,
  hooks: ImportHooks = {},
): Promise<TableImportResult> {
  const totalBytes = typeof Blob !== 'undefined' && source instanceof Blob ? source.size : null;
  if (totalBytes !== null) checkSize(totalBytes, MAX_TABLE_BYTES);
  const now = hooks.now ?? (() => Date.now());
  const opened = await open(source, request.fileName, request.sheet);
  if (hooks.signal?.aborted) throw new ImportAbortedError();
  const measure = (request.measure ?? '').trim() || defaultMeasureName(request.fileName, opened.format === 'text' ? null : opened.grid.sheet); // prettier-ignore
  const reader = new RecordReader(request, request.headerRow, () => measure);

  let bytesRead = 0;
  let lastProgress = -Infinity;
  const progress = (force: boolean) => {
    const t = now();
    if (!hooks.onProgress || (!force && t - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = t;
    hooks.onProgress({
      rowsRead: reader.rowsSeen,
      bytesRead,
      totalBytes,
      fraction: totalBytes ? Math.min(1, bytesRead / totalBytes) : null,
    });
  };

  let delimiter: Delimiter | null = request.delimiter ?? null;
  let encoding = 'utf-8';
  if (opened.format === 'text') {
    const read = await readText(opened.source, request, reader, hooks, (n) => {
      bytesRead += n;
      progress(false);
    });
    delimiter = read.delimiter;
    encoding = read.encoding;
  } else {
    const { rows, merges } = opened.grid;
    const headerIndex =
      request.headerRow !== undefined ? request.headerRow - 1 : detectHeaderRow(rows, rowsWithGroups(merges));
    for (let r = 0; r < headerIndex && r < rows.length; r++) reader.record(rows[r]!, r + 1);
    if (headerIndex < rows.length) reader.setHeader(headerCells(rows, headerIndex, merges), headerIndex + 1);
    for (let r = headerIndex + 1; r < rows.length; r++) {
      reader.record(rows[r]!, r + 1);
      if ((r & 4095) === 0) {
        if (hooks.signal?.aborted) throw new ImportAbortedError();
        progress(false);
      }
    }
    bytesRead = totalBytes ?? 0;
  }
  if (hooks.signal?.aborted) throw new ImportAbortedError();
  progress(true);

  const { validator, gaps } = reader.finish();
  const base = {
    datasetId: request.datasetId,
    fileName: request.fileName,
    header: reader.header ?? [],
    delimiter: delimiter ?? ',',
    encoding: opened.format === 'text' ? encoding : opened.format,
    fatalProblem: reader.fatal,
    fatal: null,
    layout: reader.layout,
    headerRow: reader.headerLine,
    notes: reader.notes,
    gaps,
    year: request.year ?? null,
    workbook:
      opened.format === 'text'
        ? null
        : { format: opened.format, sheets: opened.grid.sheets, sheet: opened.grid.sheet, notes: opened.grid.notes },
  };
  if (validator instanceof FlowRowValidator) {
    const result = validator.finish();
    return { ...base, kind: 'flows', ...result, totals: aggregateFlowColumns(result.columns) };
  }
  return { ...base, kind: 'figures', ...validator.finish() };
}

/** Streams a text table through papaparse into the reader. */
async function readText(
  source: ByteSource,
  request: TableImportRequest,
  reader: RecordReader,
  hooks: ImportHooks,
  onBytes: (n: number) => void,
): Promise<{ delimiter: Delimiter; encoding: string }> {
  const file = request.fileName;
  let nextLine = 1;
  let charsSinceRow = 0;
  let quotesSeen = false;
  let delimiter: Delimiter | null = request.delimiter ?? null;
  const totalKnown = typeof Blob !== 'undefined' && source instanceof Blob;

  const onRows = (rows: string[][], errors: Papa.ParseError[]) => {
    if (rows.length > 0) charsSinceRow = 0;
    const badRows = new Map<number, string>();
    const unclosed = new Set<number>();
    for (const e of errors)
      if (typeof e.row === 'number') {
        if (e.code === 'MissingQuotes') unclosed.add(e.row);
        else badRows.set(e.row, e.code);
      }
    rows.forEach((cells, r) => {
      const line = nextLine;
      // Without a quote in the text so far, no cell holds a line break: every record is one line.
      nextLine += quotesSeen ? linesOf(cells) : 1;
      if (reader.fatal) return;
      // An unclosed quote swallows the rest of the file: importing the rows before it would hide that.
      if (unclosed.has(r)) return reader.stop(line, problem('unclosed_quote'));
      const bad = badRows.get(r);
      if (!reader.started) {
        if (bad && cells.some((c) => c.trim() !== '') && (request.headerRow === undefined || line >= request.headerRow))
          return reader.stop(line, problem('header_unreadable', { detail: bad }));
        return reader.record(cells, line);
      }
      if (bad) reader.reject(line, bad);
      else reader.record(cells, line);
    });
  };

  const decoder = new ChunkDecoder();
  let parser: PushParser | null = null;
  const feed = (text: string) => {
    if (!text || reader.fatal) return;
    if (!parser) {
      delimiter ??= detectDelimiter(text, file);
      parser = pushParser(delimiter, onRows);
    }
    charsSinceRow += text.length;
    if (!quotesSeen) quotesSeen = text.includes('"');
    parser.push(text);
    if (charsSinceRow > MAX_RECORD_CHARS && !reader.fatal) {
      reader.stop(nextLine, problem('record_too_long', { limit: MAX_RECORD_CHARS }));
      parser.abort();
    }
  };

  let bytesRead = 0;
  for await (const bytes of bytesOf(source)) {
    if (hooks.signal?.aborted) throw new ImportAbortedError();
    bytesRead += bytes.byteLength;
    if (!totalKnown) checkSize(bytesRead, MAX_TABLE_BYTES);
    feed(decoder.decode(bytes));
    onBytes(bytes.byteLength);
    if (reader.fatal) break;
  }
  if (hooks.signal?.aborted) throw new ImportAbortedError();
  if (!reader.fatal) {
    feed(decoder.decode(new Uint8Array(0), true));
    (parser as PushParser | null)?.end();
  }
  return { delimiter: delimiter ?? ',', encoding: decoder.encoding ?? 'utf-8' };
}

export interface PreviewOptions {
  /** Workbooks: the sheet to show (default: the first visible one). */
  sheet?: string;
  /** The header's 1-based line or row (default: detected). */
  headerRow?: number;
  /** A layout the user chose (default: the one recognised). */
  layout?: LayoutKind;
  /** The units, to recognise a matrix by its region names and guess with the matcher. */
  units?: MatchableUnit[];
  manual?: Record<string, string>;
}

export interface TablePreview {
  fileName: string;
  totalBytes: number;
  /** 'xlsx' / 'xls' for a workbook. */
  encoding: string;
  delimiter: Delimiter;
  format: 'text' | 'xlsx' | 'xls';
  /** Workbooks: every sheet (name, hidden) and the one shown. */
  sheets: SheetInfo[];
  sheet: string | null;
  /** The first records of the file or sheet (title rows included), for moving the header. */
  records: { line: number; cells: string[] }[];
  /** The header's 1-based line or row, detected or as asked. */
  headerRow: number;
  header: string[];
  /** The first data rows (cells as text), for the mapping screen. */
  rows: string[][];
  /** Titles above the header. */
  titles: NoteRow[];
  /** Flows or figures, guessed from the header (null: the user says). */
  kind: TableKind | null;
  guesses: { flows: ColumnGuess<FlowField>; figures: ColumnGuess<FigureField> };
  /** The wide layout recognised (or chosen); null: rows as they are (long). */
  layout: Layout | null;
  /** The layouts this header fits, to offer. */
  layouts: LayoutKind[];
  /** The one year the file's (or sheet's) name holds, offered as the year of every row; null if none or several. */
  yearFromName: number | null;
  /** Workbooks: formulas, links, macros, rows cut. */
  notes: ImportProblem[];
  /** The name offered for figures whose layout names no measure (the sheet's, else the file's). */
  measureName: string;
}

/** Records shown in the preview above and below the header. */
const PREVIEW_RECORDS = 60;

/**
 * Reads the start of a table for the column-mapping screen. Rejects with
 * FileTooLargeError over the limit and ImportProblemError for a file that is
 * not a table or a workbook refused.
 */
export async function previewTable(
  file: Blob,
  fileName: string,
  maxRows = 20,
  options: PreviewOptions = {},
): Promise<TablePreview> {
  checkSize(file.size, MAX_TABLE_BYTES);
  const opened = await open(file, fileName, options.sheet);
  let records: { line: number; cells: string[] }[];
  let encoding: string;
  let delimiter: Delimiter = ',';
  let merges: SheetGrid['merges'] = [];
  if (opened.format === 'text') {
    const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
    const decoder = new ChunkDecoder();
    const text = decoder.decode(bytes, true).replace(/^\ufeff/, '');
    encoding = decoder.encoding ?? 'utf-8';
    delimiter = detectDelimiter(text, fileName);
    const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false, worker: false });
    const all = parsed.data;
    // The last record of a cut-off read may be partial.
    if (file.size > PREVIEW_BYTES) all.pop();
    records = [];
    let line = 1;
    for (const cells of all) {
      if (cells.some((c) => c.trim() !== '')) records.push({ line, cells });
      line += linesOf(cells);
      if (records.length >= PREVIEW_RECORDS + maxRows) break;
    }
  } else {
    encoding = opened.format;
    merges = opened.grid.merges;
    records = opened.grid.rows
      .map((cells, r) => ({ line: r + 1, cells }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .slice(0, PREVIEW_RECORDS + maxRows);
  }
  const groupLines = rowsWithGroups(merges);
  const groups = new Set(records.flatMap((r, i) => (groupLines.has(r.line - 1) ? [i] : [])));
  const detected =
    records[
      detectHeaderRow(
        records.map((r) => r.cells),
        groups,
      )
    ]?.line ?? 1;
  const headerRow = options.headerRow ?? detected;
  const at = records.findIndex((r) => r.line >= headerRow);
  const headerRecord = at >= 0 ? records[at]! : null;
  const header =
    headerRecord === null
      ? []
      : opened.format === 'text'
        ? headerRecord.cells
        : headerCells(opened.grid.rows, headerRecord.line - 1, merges);
  const matcher = options.units ? createRegionMatcher(options.units, options.manual ?? {}) : undefined;
  const below = at >= 0 ? records.slice(at + 1) : [];
  const rows = below.filter((r) => noteText(r.cells, matcher) === null).map((r) => r.cells);
  const sample = rows.slice(0, maxRows);
  const recognized = recognizeLayout(header, rows.slice(0, 50), { matcher });
  const layout =
    options.layout === undefined
      ? recognized.layout
      : options.layout === 'long'
        ? null
        : buildLayout(options.layout, header, rows.slice(0, 50), { matcher });
  const sheet = opened.format === 'text' ? null : opened.grid.sheet;
  return {
    fileName,
    totalBytes: file.size,
    encoding,
    delimiter,
    format: opened.format,
    sheets: opened.format === 'text' ? [] : opened.grid.sheets,
    sheet,
    records: records.slice(0, PREVIEW_RECORDS),
    headerRow: headerRecord?.line ?? headerRow,
    header,
    rows: sample,
    titles: records
      .filter((r) => r.line < (headerRecord?.line ?? 0))
      .map((r) => ({ line: r.line, text: rowText(r.cells).slice(0, 300), kind: 'title' as const })),
    kind: layout?.table ?? guessTableKind(header, rows.slice(0, 50)),
    guesses: {
      flows: guessColumns('flows', header, rows.slice(0, 50)),
      figures: guessColumns('figures', header, rows.slice(0, 50)),
    },
    layout,
    layouts: recognized.fits,
    yearFromName: yearFromName(fileName) ?? (sheet !== null ? yearFromName(sheet) : null),
    notes: opened.format === 'text' ? [] : opened.grid.notes,
    measureName: defaultMeasureName(fileName, sheet),
  };
}
