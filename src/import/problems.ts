/**
 * Every problem an import reports, as a code and its parameters: no sentence
 * is built here. The page formats them in the user's language with
 * src/i18n/import-messages.ts (numbers and lines by locale).
 *
 * Codes by where they arise:
 * - IssueCode: a row of the file (with file, line, and for a wide table the
 *   value column); counted in the summary's issuesByCode.
 * - FatalCode: why nothing of a file could be read (also listed as a
 *   'parse_error' issue on its line, params.reason).
 * - RefusalCode: the file is refused before any mapping (its type, its size, a
 *   hostile workbook) or the work stopped (cancelled, the worker failed).
 * - MappingCode: the chosen columns do not fit the file.
 * - NoteCode: facts about a workbook or table the user should know, not errors.
 * - BoundaryIssueCode (boundaries.ts): a feature of a boundary file.
 */

export type IssueCode =
  | 'missing_cell'
  | 'unknown_region'
  | 'ambiguous_region'
  | 'total_row'
  | 'same_origin_destination'
  | 'not_a_number'
  | 'negative_count'
  | 'decimal_count'
  | 'year_out_of_range'
  | 'duplicate'
  | 'too_long'
  | 'too_many_values'
  | 'parse_error'
  | 'total_mismatch'
  | 'net_mismatch';

export const ISSUE_CODES: readonly IssueCode[] = [
  'missing_cell', 'unknown_region', 'ambiguous_region', 'total_row', 'same_origin_destination', 'not_a_number',
  'negative_count', 'decimal_count', 'year_out_of_range', 'duplicate', 'too_long', 'too_many_values', 'parse_error',
  'total_mismatch', 'net_mismatch',
]; // prettier-ignore

export type FatalCode =
  'columns_do_not_fit' | 'unclosed_quote' | 'header_unreadable' | 'record_too_long' | 'empty_file' | 'no_year';

export type RefusalCode = 'file_refused' | 'file_too_large' | 'workbook_refused' | 'cancelled' | 'worker_failed';

export type MappingCode = 'no_column' | 'column_outside' | 'column_twice';

export type NoteCode =
  | 'formulas_cached'
  | 'formulas_without_value'
  | 'external_links'
  | 'macros_ignored'
  | 'rows_cut'
  | 'cells_without_value';

export type BoundaryIssueCode =
  | 'not_json'
  | 'not_geojson'
  | 'no_geometry'
  | 'not_polygon'
  | 'bad_coordinates'
  | 'out_of_range'
  | 'too_few_points'
  | 'unclosed_ring'
  | 'self_intersection'
  | 'not_checked'
  | 'missing_property'
  | 'unknown_region'
  | 'ambiguous_region'
  | 'duplicate_region';

export type ProblemCode = IssueCode | FatalCode | RefusalCode | MappingCode | NoteCode | BoundaryIssueCode;

/** The field of a long table a cell is read as (its name is translated, not the header). */
export type CellField =
  'origin' | 'destination' | 'year' | 'count' | 'period' | 'source' | 'note' | 'region' | 'value' | 'measure' | 'unit';

/** What the first bytes say a refused file is. */
export type FileKind =
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'bmp'
  | 'tiff'
  | 'icon'
  | 'executable'
  | 'archive'
  | 'zip'
  | 'word'
  | 'powerpoint'
  | 'opendocument'
  | 'office'
  | 'sqlite'
  | 'media'
  | 'json'
  | 'binary';

/** Why a workbook is refused (see workbook.ts for the limits). */
export type WorkbookRefusal =
  | 'not_a_workbook'
  | 'encrypted'
  | 'damaged'
  | 'too_many_parts'
  | 'too_large_unpacked'
  | 'unsupported_compression'
  | 'no_sheet';

/**
 * Parameters of a problem. One bag for all codes (each uses a few); texts
 * from the file are given as they are, never as HTML.
 */
export interface ProblemParams {
  field?: CellField;
  /** A cell's text as the file has it. */
  value?: string;
  /** Unit codes (the page shows their names). */
  unit?: string;
  candidates?: string[];
  origin?: string;
  destination?: string;
  year?: number;
  period?: string;
  measure?: string;
  min?: number;
  max?: number;
  limit?: number;
  size?: number;
  count?: number;
  firstLine?: number;
  /** The cell was there but empty (missing_cell). */
  empty?: boolean;
  /** decimal_count: the comma probably separates thousands. */
  thousands?: boolean;
  /** parse_error: the fatal code, or papaparse's error code for one record. */
  reason?: FatalCode | string;
  /** columns_do_not_fit: what is wrong with the mapping. */
  problems?: ImportProblem[];
  /** Mapping: a 0-based column and the file's column count. */
  column?: number;
  columns?: number;
  /** column_twice: the other field. */
  other?: CellField;
  seemsTo?: FileKind;
  refusal?: WorkbookRefusal;
  sheet?: string;
  /** total_mismatch / net_mismatch: the figure the file states and the one computed. */
  stated?: number;
  computed?: number;
  /** total_mismatch: which total (a unit's row or column, or the grand total). */
  total?: 'row' | 'column' | 'grand';
  /** A message from a library or the browser, for developers (never translated). */
  detail?: string;
  /** Boundaries. */
  feature?: number;
  /** The polygon of a MultiPolygon, 1-based. */
  part?: number;
  property?: string;
  lon?: number;
  lat?: number;
  /** 0: the outer ring, n: hole n. */
  ring?: number;
}

export interface ImportProblem {
  code: ProblemCode;
  params: ProblemParams;
}

/** A problem of one row of a file. */
export interface ImportIssue {
  file: string;
  /** 1-based line (CSV) or row (a sheet, as the spreadsheet numbers it); the header of a CSV is line 1. */
  line: number;
  code: IssueCode;
  params: ProblemParams;
  /** The header of the value column, when a wide table's cell is meant. */
  column?: string;
}

/** An Error that carries a problem (refusals, limits, cancel). */
export class ImportProblemError extends Error {
  constructor(
    readonly problem: ImportProblem,
    name = 'ImportProblemError',
  ) {
    // The message is for developers and logs; the page formats `problem`.
    super(`${problem.code} ${JSON.stringify(problem.params)}`);
    this.name = name;
  }
}

export const problem = (code: ProblemCode, params: ProblemParams = {}): ImportProblem => ({ code, params });
