/**
 * Size limits and the errors an import can end with. Kept apart from the
 * parsers so the main thread's client can use them without bundling
 * papaparse or topojson-client (those run in the worker).
 */

/** Tables larger than this are refused before any byte is read. */
export const MAX_TABLE_BYTES = 200 * 1024 * 1024;
/**
 * Boundary files are parsed whole (JSON has no streaming parse here) and take
 * several times their size in memory, so their limit is lower.
 */
export const MAX_BOUNDARY_BYTES = 100 * 1024 * 1024;

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      `The file is ${(size / 1048576).toFixed(1)} MB; the limit is ${Math.round(limit / 1048576)} MB. Split it or remove columns that are not needed.`,
    );
  }
}

/** Thrown when an import is cancelled; named like the DOM's AbortError so `err.name === 'AbortError'` works. */
export class ImportAbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('The import was cancelled; nothing was imported.');
  }
}

export function checkSize(size: number, limit: number): void {
  if (size > limit) throw new FileTooLargeError(size, limit);
}
