/**
 * Typed CSV tables: d3-dsv parses, a small column schema converts and
 * validates each cell, and every problem names the file, line and reason.
 */
import { csvParseRows } from 'd3-dsv';

export interface DataIssue {
  file: string;
  /** 1-based line in the file (the header is line 1). */
  line: number;
  reason: string;
}

type CellType = 'string' | 'int' | 'number' | 'year';

interface ColumnSpec {
  type: CellType;
  /** An empty cell is allowed (read as null) when true. */
  optional?: boolean;
  /** Allowed values for a string column. */
  oneOf?: readonly string[];
  /** Numbers must be >= 0 (counts, areas, population). */
  nonNegative?: boolean;
}

export type Schema = Record<string, ColumnSpec>;

type CellValue<C extends ColumnSpec> = C['type'] extends 'string' ? string : number;
export type RowOf<S extends Schema> = {
  [K in keyof S]: S[K]['optional'] extends true ? CellValue<S[K]> | null : CellValue<S[K]>;
} & { line: number };

export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;

const INT = /^-?\d+$/;
const NUM = /^-?\d+(\.\d+)?$/;

function convert(raw: string, spec: ColumnSpec): { value: string | number | null } | { error: string } {
  const text = raw.trim();
  if (text === '') return spec.optional ? { value: null } : { error: 'is empty' };
  if (spec.type === 'string') {
    if (spec.oneOf && !spec.oneOf.includes(text)) return { error: `"${text}" is not one of ${spec.oneOf.join(', ')}` };
    return { value: text };
  }
  const pattern = spec.type === 'number' ? NUM : INT;
  if (!pattern.test(text)) return { error: `"${text}" is not ${spec.type === 'number' ? 'a number' : 'an integer'}` };
  const n = Number(text);
  if (spec.type === 'year' && (n < YEAR_MIN || n > YEAR_MAX))
    return { error: `${n} is outside ${YEAR_MIN}-${YEAR_MAX}` };
  if (spec.nonNegative && n < 0) return { error: `${n} is negative` };
  return { value: n };
}

/** Parses CSV text against a schema. Rows with any bad cell are left out and reported. */
export function parseTable<S extends Schema>(
  file: string,
  text: string,
  schema: S,
): { rows: RowOf<S>[]; issues: DataIssue[] } {
  // csvParseRows, not csvParse: the latter compiles a row converter with new Function,
  // which the page's Content-Security-Policy (no 'unsafe-eval') forbids.
  const [columns = [], ...records] = csvParseRows(text);
  const parsed = records.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
  const issues: DataIssue[] = [];
  const missing = Object.keys(schema).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    issues.push({ file, line: 1, reason: `missing column(s): ${missing.join(', ')}` });
    return { rows: [], issues };
  }
  const rows: RowOf<S>[] = [];
  parsed.forEach((record, index) => {
    // Quoted cells may span lines, but our files keep one record per line.
    const line = index + 2;
    const row: Record<string, unknown> = { line };
    let ok = true;
    for (const [column, spec] of Object.entries(schema)) {
      const result = convert(record[column] ?? '', spec);
      if ('error' in result) {
        issues.push({ file, line, reason: `${column} ${result.error}` });
        ok = false;
      } else row[column] = result.value;
    }
    if (ok) rows.push(row as RowOf<S>);
  });
  return { rows, issues };
}

export function formatIssue(issue: DataIssue): string {
  return `${issue.file}:${issue.line}: ${issue.reason}`;
}
