/**
 * Turns parsed rows of a user's table into the project's tidy shapes and a
 * list of issues naming the file, the line and the reason. Pure and
 * streaming: rows are pushed one at a time (the worker feeds them as they are
 * parsed), only valid rows are kept, and they are kept as typed columns
 * (about 14 bytes a flow instead of a few hundred for an object), so a
 * million rows fit and move between threads without copying.
 *
 * Rules: a row is valid when every required cell is present, both regions
 * match a unit (see region-matcher.ts), origin and destination differ, the
 * year is an integer in YEAR_MIN..YEAR_MAX, and the count is a non-negative
 * integer. Numbers may use spaces, no-break spaces or apostrophes between
 * digit groups; a single comma is a decimal mark ("12,5"), so "1,234" in a
 * count is reported as having decimals rather than silently read as 1234;
 * "12.0" is 12. A later row with the same year, origin, destination and period
 * as a valid earlier one is a duplicate (the first is kept and named). Empty
 * lines and rows of empty cells are skipped, not reported.
 */
import { YEAR_MAX, YEAR_MIN } from '../core/csv';
import type { FigureMapping, FlowMapping } from './columns';
import { FigureRowValidator, type FigureValidationOptions, type FigureValidationResult } from './figure-validator';
import { FlowRowValidator, type FlowValidationResult } from './flow-validator';
import { FULL_YEAR } from './periods';
import { MAX_TEXT_LENGTH, type DictColumn, type FigureColumns, type FlowColumns } from './row-columns';
import { geographyFor, type ValidationOptions } from './validation-report';

export { ISSUE_CODES, type ImportIssue, type IssueCode } from './problems';
export { parseNumberCell, parseYearCell } from './cells';
export { FULL_YEAR, monthPeriod, normalizePeriod, parseMonth } from './periods';
export type { DictColumn, FigureColumns, FlowColumns } from './row-columns';
export { DEFAULT_MAX_ISSUES, geographyFor, type ImportSummary, type NameCount, type ValidationOptions } from './validation-report'; // prettier-ignore
export { FlowRowValidator, type FlowValidationResult } from './flow-validator';
export { FigureRowValidator, type FigureValidationOptions, type FigureValidationResult } from './figure-validator';

export const USER_IMPORT_FLAG = 'user_import';

/** A flow in the shape of data/flows.csv. */
export interface FlowImportRow {
  year: number;
  origin_code: string;
  destination_code: string;
  migrants: number;
  period: string;
  geography: string;
  source_id: string;
  quality_flag: typeof USER_IMPORT_FLAG;
}

export interface FigureImportRow {
  unit_code: string;
  year: number;
  measure: string;
  value: number;
  source_id: string;
  /** The unit of measure as the file gives it ('' when none). */
  unit_of_measure: string;
}

const dictAt = (dict: DictColumn, i: number) => (dict.index ? (dict.values[dict.index[i]!] ?? '') : '');

/** Tidy rows of flow columns (for export, small tables and tests). */
export function flowRows(columns: FlowColumns, sourceId: string): FlowImportRow[] {
  const rows: FlowImportRow[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const year = columns.year[i]!;
    rows[i] = {
      year,
      origin_code: columns.unitCodes[columns.origin[i]!]!,
      destination_code: columns.unitCodes[columns.destination[i]!]!,
      migrants: columns.migrants[i]!,
      period: columns.period.index ? dictAt(columns.period, i) : FULL_YEAR,
      geography: columns.geographyByYear[year] ?? geographyFor(year, []),
      source_id: sourceId,
      quality_flag: USER_IMPORT_FLAG,
    };
  }
  return rows;
}

export function figureRows(columns: FigureColumns, sourceId: string): FigureImportRow[] {
  const rows: FigureImportRow[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++)
    rows[i] = {
      unit_code: columns.unitCodes[columns.unit[i]!]!,
      year: columns.year[i]!,
      measure: dictAt(columns.measure, i),
      value: columns.value[i]!,
      source_id: sourceId,
      unit_of_measure: dictAt(columns.unitOfMeasure, i),
    };
  return rows;
}

/** Why a tidy flow row is not valid (a code), or null: the check every returned row passes. */
export function checkFlowRow(row: FlowImportRow, unitCodes: ReadonlySet<string>): string | null {
  if (!unitCodes.has(row.origin_code)) return 'unknown_origin';
  if (!unitCodes.has(row.destination_code)) return 'unknown_destination';
  if (row.origin_code === row.destination_code) return 'same_origin_destination';
  if (!Number.isInteger(row.year) || row.year < YEAR_MIN || row.year > YEAR_MAX) return 'bad_year';
  if (!Number.isSafeInteger(row.migrants) || row.migrants < 0) return 'bad_count';
  if (!row.period || row.period.length > MAX_TEXT_LENGTH) return 'bad_period';
  if (!row.source_id || row.quality_flag !== USER_IMPORT_FLAG) return 'bad_source_or_flag';
  if (!['G16_pre2017', 'G17_2017_2021', 'G20_2022plus'].includes(row.geography)) return 'bad_geography';
  return null;
}

export function checkFigureRow(row: FigureImportRow, unitCodes: ReadonlySet<string>): string | null {
  if (!unitCodes.has(row.unit_code)) return 'unknown_unit';
  if (!Number.isInteger(row.year) || row.year < YEAR_MIN || row.year > YEAR_MAX) return 'bad_year';
  if (!Number.isFinite(row.value)) return 'bad_value';
  if (!row.measure || row.measure.length > MAX_TEXT_LENGTH) return 'bad_measure';
  if (!row.source_id) return 'no_source';
  return null;
}

/** Validates rows given as arrays of cells; row i is on line i + 2 (after the header) unless lines are given. */
export function validateFlowRows(
  rows: readonly (readonly string[])[],
  mapping: FlowMapping,
  options: ValidationOptions,
  lines?: readonly number[],
): FlowValidationResult & { rows: FlowImportRow[] } {
  const v = new FlowRowValidator(mapping, options);
  rows.forEach((cells, i) => v.push(cells, lines?.[i] ?? i + 2));
  const result = v.finish();
  return { ...result, rows: flowRows(result.columns, options.datasetId) };
}

export function validateFigureRows(
  rows: readonly (readonly string[])[],
  mapping: FigureMapping,
  options: FigureValidationOptions,
  lines?: readonly number[],
): FigureValidationResult & { rows: FigureImportRow[] } {
  const v = new FigureRowValidator(mapping, options);
  rows.forEach((cells, i) => v.push(cells, lines?.[i] ?? i + 2));
  const result = v.finish();
  return { ...result, rows: figureRows(result.columns, options.datasetId) };
}
