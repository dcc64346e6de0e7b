/**
 * Excel workbooks (.xlsx, and .xls of Excel 97-2003) read in the import
 * worker with SheetJS (@e965/xlsx 0.20.3, the SheetJS Community Edition build
 * with the prototype-pollution and ReDoS fixes; loaded by a dynamic import,
 * so only a workbook brings it into the worker and never into the page).
 *
 * A hostile workbook is refused or bounded, never executed:
 * - the file is at most MAX_WORKBOOK_BYTES; a ZIP workbook's parts are
 *   counted and really unpacked (zip.ts) within MAX_UNPACKED_BYTES before the
 *   reader sees them, so a zip bomb or a damaged stream stops there;
 * - only the chosen sheet is parsed, at most MAX_SHEET_ROWS rows and
 *   MAX_SHEET_CELLS cells are kept (the rest is cut, and the user told);
 * - formulas are never evaluated: a formula cell gives the value Excel saved
 *   with it, or nothing when none was saved (both counted for the user);
 *   links to other workbooks are not followed (their saved values are used);
 *   macros are not read.
 * It runs in the worker, which the page can terminate at any time (cancel).
 */
import { MAX_WORKBOOK_BYTES, checkSize } from './limits';
import { ImportProblemError, problem, type ImportProblem } from './problems';
import { checkZip } from './zip';

export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_CELLS = 5_000_000;

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

/** A merged range of cells, 0-based and inclusive. */
export interface MergedRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetGrid {
  sheets: SheetInfo[];
  /** The sheet read. */
  sheet: string;
  /** Cells as text, row i being the sheet's row i + 1. Numbers are written plainly ("12345.5"), never formatted. */
  rows: string[][];
  merges: MergedRange[];
  /** What the user should know about the workbook (formulas, links, macros, rows cut). */
  notes: ImportProblem[];
}

type XLSXModule = typeof import('@e965/xlsx');
let xlsx: Promise<XLSXModule> | null = null;
/** The reader, loaded once per worker and only when a workbook arrives. */
const loadReader = () => (xlsx ??= import('@e965/xlsx'));

interface Cell {
  t?: string;
  v?: unknown;
  w?: string;
  f?: string;
}

function cellText(cell: Cell | undefined, counts: { formulas: number; noValue: number }): string {
  if (!cell) return '';
  if (cell.f !== undefined) {
    counts.formulas++;
    if (cell.v === undefined) {
      counts.noValue++;
      return '';
    }
  }
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? String(cell.v) : '';
    case 's':
    case 'str':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v.toISOString().slice(0, 10) : '';
    case 'e':
      return cell.w ?? '#ERROR';
    default:
      return '';
  }
}

/**
 * Reads one sheet of a workbook (the named one, else the first visible
 * one). Rejects with ImportProblemError ('workbook_refused', 'file_too_large')
 * when the workbook is refused.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  format: 'xlsx' | 'xls',
  options: { sheet?: string } = {},
): Promise<SheetGrid> {
  checkSize(bytes.byteLength, MAX_WORKBOOK_BYTES);
  const notes: ImportProblem[] = [];
  if (format === 'xlsx') {
    const { entries } = await checkZip(bytes);
    const names = entries.map((e) => e.name);
    const links = names.filter((n) => /^xl\/externalLinks\/externalLink\d+\.xml$/i.test(n)).length;
    if (links > 0) notes.push(problem('external_links', { count: links }));
    if (names.some((n) => /vbaProject\.bin$/i.test(n))) notes.push(problem('macros_ignored'));
  }
  const XLSX = await loadReader();
  const common = { type: 'array', bookVBA: false, WTF: false, cellHTML: false, cellStyles: false } as const;
  let book: import('@e965/xlsx').WorkBook;
  try {
    // No sheet parsed, but the workbook's part read: names and hidden flags.
    book = XLSX.read(bytes, { ...common, sheets: [] });
  } catch (e) {
    throw new ImportProblemError(
      problem('workbook_refused', { refusal: 'not_a_workbook', detail: String(e).slice(0, 200) }),
    );
  }
  const hidden = new Map((book.Workbook?.Sheets ?? []).map((s) => [s.name, (s.Hidden ?? 0) !== 0]));
  const sheets = book.SheetNames.map((name) => ({ name, hidden: hidden.get(name) ?? false }));
  const sheet =
    options.sheet !== undefined && sheets.some((s) => s.name === options.sheet)
      ? options.sheet
      : (sheets.find((s) => !s.hidden) ?? sheets[0])?.name;
  if (sheet === undefined) throw new ImportProblemError(problem('workbook_refused', { refusal: 'no_sheet' }));
  try {
    book = XLSX.read(bytes, {
      ...common,
      sheets: [sheet],
      sheetRows: MAX_SHEET_ROWS + 1,
      dense: true,
      cellFormula: true,
      cellText: true,
      cellDates: true,
      cellNF: false,
    });
  } catch (e) {
    throw new ImportProblemError(problem('workbook_refused', { refusal: 'damaged', detail: String(e).slice(0, 200) }));
  }
  const ws = book.Sheets[sheet] as (Record<string, unknown> & { '!data'?: (Cell[] | undefined)[] }) | undefined;
  const data = ws?.['!data'] ?? [];
  const rows: string[][] = [];
  const counts = { formulas: 0, noValue: 0 };
  let cells = 0;
  let cut = data.length > MAX_SHEET_ROWS;
  for (let r = 0; r < Math.min(data.length, MAX_SHEET_ROWS); r++) {
    const source = data[r] ?? [];
    cells += source.length;
    if (cells > MAX_SHEET_CELLS) {
      cut = true;
      break;
    }
    const row: string[] = new Array(source.length);
    for (let c = 0; c < source.length; c++) row[c] = cellText(source[c], counts);
    // Trailing empty cells say nothing.
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    row.length = end;
    rows.push(row);
  }
  if (cut) notes.push(problem('rows_cut', { limit: rows.length, sheet }));
  if (counts.formulas > 0) notes.push(problem('formulas_cached', { count: counts.formulas, sheet }));
  if (counts.noValue > 0) notes.push(problem('formulas_without_value', { count: counts.noValue, sheet }));
  const merges = ((ws?.['!merges'] as MergedRange[] | undefined) ?? []).slice(0, 10_000);
  return { sheets, sheet, rows, merges, notes };
}
