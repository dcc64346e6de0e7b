/** Numbers and years in cells as people type them (1 234, 1,234.5, 1.234,5; "2024 г."). */
const PLAIN_DIGITS = /^\d+$/;
const GROUPED_BY_COMMA = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const GROUPED_BY_DOT = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;

/** Parses a number as people type it (see the module comment); null when it is not one. */
export function parseNumberCell(cell: string): number | null {
  // Fast path: plain digits, the common case of a million-row file.
  if (cell.length > 0 && cell.length < 16 && PLAIN_DIGITS.test(cell)) return Number(cell);
  let t = cell.trim().replace(/\u2212/g, '-');
  if (t.length === 0 || t.length > 40) return null;
  t = t.replace(/[\s\u00a0\u202f\u2009']/g, '');
  const commas = (t.match(/,/g) ?? []).length;
  const dots = (t.match(/\./g) ?? []).length;
  // Group marks only in groups of three (1,234,567.5 or 1.234.567,5); a lone comma is a decimal mark.
  if (GROUPED_BY_COMMA.test(t) && (commas > 1 || dots === 1)) t = t.replace(/,/g, '');
  else if (GROUPED_BY_DOT.test(t) && (dots > 1 || commas === 1)) t = t.replace(/\./g, '').replace(',', '.');
  else if (commas === 1 && dots === 0) t = t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d{1,3})?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A year cell: "2024", "2024 г.", "2024 жыл". */
export function parseYearCell(cell: string): number | null {
  if (cell.length === 4 && PLAIN_DIGITS.test(cell)) return Number(cell);
  const m = /^(\d{4})(?:\s*(?:г\.?|год|жыл|жылы|y\.?|year))?$/i.exec(cell.trim());
  return m ? Number(m[1]) : null;
}
