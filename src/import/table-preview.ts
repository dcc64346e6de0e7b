/**
 * The start of a table for the mapping step: its sheets, the records to
 * choose the header from, the header and first rows, the layout recognised
 * and the ones that fit, the column guesses, and a year from its name.
 */
import Papa from 'papaparse';
import { guessColumns, guessTableKind } from './columns';
import type { Delimiter, PreviewOptions, TablePreview } from './import-types';
import { buildLayout, recognizeLayout } from './layouts';
import { checkSize, MAX_TABLE_BYTES } from './limits';
import { defaultMeasureName, rowText } from './record-reader';
import { createRegionMatcher } from './region-matcher';
import { detectHeaderRow, headerCells, noteText, rowsWithGroups, yearFromName } from './table-shape';
import { ChunkDecoder, detectDelimiter, linesOf, open } from './table-source';
import type { SheetGrid } from './workbook';

const PREVIEW_BYTES = 256 * 1024;
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
