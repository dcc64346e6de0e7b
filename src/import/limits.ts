/**
 * Size limits and the errors an import can end with. Kept apart from the
 * parsers so the main thread's client can use them without bundling
 * papaparse, topojson-client or the workbook reader (those run in the worker).
 */
import { ImportProblemError, problem } from './problems';

/** Tables larger than this are refused before any byte is read. */
export const MAX_TABLE_BYTES = 200 * 1024 * 1024;
/**
 * Boundary files are parsed whole (JSON has no streaming parse here) and take
 * several times their size in memory, so their limit is lower.
 */
export const MAX_BOUNDARY_BYTES = 100 * 1024 * 1024;
/**
 * Workbooks are unpacked and parsed whole in the worker (a cell takes about
 * a hundred bytes there), so their own limits are lower still; see workbook.ts.
 */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

export class FileTooLargeError extends ImportProblemError {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(problem('file_too_large', { size, limit }), 'FileTooLargeError');
  }
}

/** Thrown when an import is cancelled; named like the DOM's AbortError so `err.name === 'AbortError'` works. */
export class ImportAbortedError extends ImportProblemError {
  constructor() {
    super(problem('cancelled'), 'AbortError');
  }
}

export function checkSize(size: number, limit: number): void {
  if (size > limit) throw new FileTooLargeError(size, limit);
}
