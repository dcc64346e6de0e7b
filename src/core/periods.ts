/**
 * The periods the data's rows cover ("Jan-Dec", "Jan-Sep", "cumulative to Dec 2025", "plan"),
 * read into a structure so that the interface can say them in its language
 * (src/i18n/periods.ts). `npm run data:check` requires every built-in period to be read.
 */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export type Period =
  /** Months from..to of the row's year (0 = January). */
  | { kind: 'months'; from: number; to: number }
  /** A running total, to the end of a month when the source says so. */
  | { kind: 'cumulative'; until: { month: number; year: number } | null }
  | { kind: 'plan' };

const month = (name: string): number => MONTHS.indexOf(name as (typeof MONTHS)[number]);

export function parsePeriod(text: string): Period | null {
  const span = /^([A-Z][a-z]{2})-([A-Z][a-z]{2})$/.exec(text);
  if (span) {
    const from = month(span[1]!);
    const to = month(span[2]!);
    return from >= 0 && to >= from ? { kind: 'months', from, to } : null;
  }
  if (text === 'cumulative') return { kind: 'cumulative', until: null };
  const until = /^cumulative to ([A-Z][a-z]{2}) (\d{4})$/.exec(text);
  if (until && month(until[1]!) >= 0)
    return { kind: 'cumulative', until: { month: month(until[1]!), year: +until[2]! } };
  if (text === 'plan') return { kind: 'plan' };
  return null;
}
