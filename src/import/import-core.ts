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
 */
import { aggregateFlowColumns } from './aggregate';
import type { ByteSource, Delimiter, ImportHooks, TableImportRequest, TableImportResult } from './import-types';
import { checkSize, ImportAbortedError, MAX_TABLE_BYTES } from './limits';
import { defaultMeasureName, RecordReader } from './record-reader';
import { detectHeaderRow, headerCells, rowsWithGroups } from './table-shape';
import { open } from './table-source';
import { readText } from './text-reader';
import { FlowRowValidator } from './validate-rows';

export { FileTooLargeError, ImportAbortedError, MAX_TABLE_BYTES } from './limits';
export type * from './import-types';
export { ChunkDecoder, detectDelimiter, detectEncoding, READ_CHUNK_BYTES } from './table-source';
export { MAX_RECORD_CHARS } from './text-reader';
export { defaultMeasureName } from './record-reader';
export { previewTable } from './table-preview';

/** Progress is posted at most this often. */
export const PROGRESS_INTERVAL_MS = 100;

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
