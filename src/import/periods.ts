/**
 * Periods of a row: the full year and the months, as data/ writes them
 * ("Jan-Dec", "Jan".."Dec"), from what files write (English, Russian and
 * Kazakh names, "Total", "12 месяцев"...).
 */

/** The period of a full calendar year, as in data/flows.csv. */
export const FULL_YEAR = 'Jan-Dec';

const FULL_YEAR_NAMES = new Set(
  [
    'jan-dec', 'january-december', 'year', 'full year', 'annual', '12 months', 'январь-декабрь', 'янв-дек', 'год',
    'за год', '12 месяцев', 'қаңтар-желтоқсан', 'жыл', 'i-xii', 'total', 'итого', 'всего', 'барлығы', 'жиыны',
  ].map((t) => t.replace(/[^\p{L}\p{N}]+/gu, '')),
); // prettier-ignore

/** '' and the usual names of a full year become FULL_YEAR, month names "Jan".."Dec"; other periods stay as written. */
export function normalizePeriod(cell: string): string {
  if (cell === '') return FULL_YEAR;
  let period = periodCache.get(cell);
  if (period === undefined) {
    const t = cell.trim();
    const month = parseMonth(t);
    period =
      t === '' || FULL_YEAR_NAMES.has(t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''))
        ? FULL_YEAR
        : month !== null
          ? monthPeriod(month)
          : t;
    // A file has a handful of periods; a hostile one gets no unbounded cache.
    if (periodCache.size > 10_000) periodCache.clear();
    periodCache.set(cell, period);
  }
  return period;
}
const periodCache = new Map<string, string>();

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** Month names (English, Russian, Kazakh; full, short, in the nominative) → 0..11. */
const MONTH_NAMES = new Map<string, number>(
  [
    ['january', 'jan', 'январь', 'янв', 'қаңтар'],
    ['february', 'feb', 'февраль', 'фев', 'ақпан'],
    ['march', 'mar', 'март', 'мар', 'наурыз'],
    ['april', 'apr', 'апрель', 'апр', 'сәуір'],
    ['may', 'май', 'мамыр'],
    ['june', 'jun', 'июнь', 'июн', 'маусым'],
    ['july', 'jul', 'июль', 'июл', 'шілде'],
    ['august', 'aug', 'август', 'авг', 'тамыз'],
    ['september', 'sep', 'sept', 'сентябрь', 'сен', 'сент', 'қыркүйек'],
    ['october', 'oct', 'октябрь', 'окт', 'қазан'],
    ['november', 'nov', 'ноябрь', 'ноя', 'қараша'],
    ['december', 'dec', 'декабрь', 'дек', 'желтоқсан'],
  ].flatMap((names, month) => names.map((n) => [n, month] as const)),
);

/** The month a header or period cell names (0..11), or null. */
export function parseMonth(text: string): number | null {
  return MONTH_NAMES.get(text.trim().toLowerCase().replace(/\.$/, '')) ?? null;
}

/** The period label of a month, as periods are written in data/ ("Jan"). */
export const monthPeriod = (month: number): string => MONTHS[month]!;
