/**
 * The shapes of a table import: the request the dialog makes, the progress
 * the worker posts, the result, and the preview of the mapping step. Types
 * only; the work is in import-core.ts and table-preview.ts.
 */
import type { FlowTotals } from './aggregate';
import type { ColumnGuess, FigureField, FigureMapping, FlowField, FlowMapping, TableKind } from './columns';
import type { Layout, LayoutKind } from './layouts';
import type { ImportProblem } from './problems';
import type { MatchableUnit } from './region-matcher';
import type { Borders } from './resolve';
import type { FigureColumns, FlowColumns, ImportIssue, ImportSummary } from './validate-rows';
import type { SheetInfo } from './workbook';

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
