/**
 * The shape of a table as people publish it: title and note rows above the
 * header (the statistics bureau puts a title, the unit of measure and notes
 * there), a header that may span two rows with merged cells ("Прибыло" over
 * three columns), section rows inside the table ("Городское население") and
 * footnotes below it ("1) Данные за 2000-2016 гг. по Южно-Казахстанской
 * области"). Pure functions over rows of cells as text.
 */
import type { MergedRange } from './workbook';
import type { RegionMatcher } from './region-matcher';
import { isTotalName } from './region-matcher';

/** Records looked at to find the header. */
export const HEADER_SEARCH_ROWS = 30;

const filled = (cells: readonly string[]) => {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
};

/**
 * The index of the header among the first records: the first one with at
 * least two different texts that is about as wide as the table (60 % of the
 * widest row or more: a title with a comma in a CSV is two cells) and has a data row (two cells or more) among the next few,
 * a section heading ("Мужчины") may come first. Title and note rows hold
 * one text (a merged title is one cell). A row of merged group names
 * (`groupRows`, record indices) gives way to the row below it. 0 when nothing
 * better is found.
 */
export function detectHeaderRow(
  records: readonly (readonly string[])[],
  groupRows: ReadonlySet<number> = new Set(),
): number {
  const look = records.slice(0, HEADER_SEARCH_ROWS);
  const widest = Math.max(0, ...look.map(filled));
  for (let i = 0; i < look.length; i++) {
    const cells = look[i]!;
    const texts = new Set(cells.map((c) => c.trim()).filter(Boolean));
    if (texts.size < 2 || filled(cells) < widest * 0.6) continue;
    if (!look.slice(i + 1, i + 5).some((r) => filled(r) >= 2)) continue;
    // A row of merged group names ("Прибыло" over two columns) heads the row below, which is the header.
    if (groupRows.has(i) && i + 1 < look.length && filled(look[i + 1]!) >= 2) return i + 1;
    return i;
  }
  return 0;
}

/** The rows (0-based) that hold a merged cell over two columns or more of one row: candidates for a group row. */
export function rowsWithGroups(merges: readonly MergedRange[]): Set<number> {
  const rows = new Set<number>();
  for (const m of merges) if (m.e.c > m.s.c && m.s.r === m.e.r) rows.add(m.s.r);
  return rows;
}

/**
 * The header's cells, with merged cells spread over the columns they cover
 * and, when the row above is a group row (merged cells over several columns
 * and at least two texts, not one title or note), its text before each
 * column's own: "Прибыло всего", "Прибыло город".
 */
export function headerCells(
  records: readonly (readonly string[])[],
  index: number,
  merges: readonly MergedRange[] = [],
): string[] {
  const row = [...(records[index] ?? [])];
  const width = Math.max(row.length, ...merges.filter((m) => m.s.r <= index && m.e.r >= index).map((m) => m.e.c + 1));
  const spread = (r: number): string[] => {
    const cells = Array.from({ length: width }, (_, c) => (records[r]?.[c] ?? '').trim());
    for (const m of merges)
      if (m.s.r <= r && m.e.r >= r)
        for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) cells[c] = (records[m.s.r]?.[m.s.c] ?? '').trim();
    return cells;
  };
  const own = spread(index);
  if (index === 0) return own;
  const above = records[index - 1] ?? [];
  const groupMerges = merges.filter((m) => m.s.r === index - 1 && m.e.r === index - 1 && m.e.c > m.s.c);
  const isTitle = groupMerges.length === 1 && groupMerges[0]!.e.c - groupMerges[0]!.s.c + 1 >= width * 0.8;
  // A group row names two groups or more (or a group beside a label); one note over some columns is no group.
  if (groupMerges.length === 0 || isTitle || filled(above) < 2) return own;
  const group = spread(index - 1);
  return own.map((text, c) => (group[c] && group[c] !== text ? `${group[c]} ${text}`.trim() : text));
}

/**
 * A row that is not data: one text in the first cell and nothing else (a
 * section heading, a footnote, a note), that names no unit and no total. Its
 * text, or null.
 */
export function noteText(cells: readonly string[], matcher?: RegionMatcher): string | null {
  // Most rows have a second cell: decide at once.
  if (cells.length > 1 && cells[1] !== '' && cells[1]!.trim() !== '') return null;
  const first = (cells[0] ?? '').trim();
  if (!first || filled(cells) !== 1) return null;
  if (/^[-+]?[\d\s.,]+$/.test(first)) return null;
  if (isTotalName(first)) return null;
  if (matcher && matcher.match(first) !== null) return null;
  return first;
}

const NO_VALUE = new Set(['', '-', '–', '—', '…', '...', 'x', 'х', 'X', 'Х', 'н/д', 'n/a', 'N/A', 'NA', '..', '.']);

/** A cell the statistics bureau writes where there is no figure ("-", "…", "x"): a gap, not an error. */
export const isNoValue = (cell: string | undefined): boolean => cell === undefined || NO_VALUE.has(cell.trim());

/** 1-based year in a file or sheet name when it holds exactly one (internal_migration_2023.csv), else null. */
export function yearFromName(name: string, min = 1990, max = 2100): number | null {
  const years = new Set<number>();
  for (const m of name.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const y = Number(m[1]);
    if (y >= min && y <= max) years.add(y);
  }
  return years.size === 1 ? [...years][0]! : null;
}
