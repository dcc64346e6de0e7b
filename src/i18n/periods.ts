/**
 * A data row's period in the interface's language: "Jan-Sep" is "January–September",
 * "январь–сентябрь", "қаңтар–қыркүйек". A period the project does not know (an imported file's
 * own text) is shown as written.
 */
import type { Lang } from '../core/model';
import { MONTHS, parsePeriod } from '../core/periods';

const MONTH_NAMES: Record<Lang, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'], // prettier-ignore
  ru: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'], // prettier-ignore
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'], // prettier-ignore
};

const WORDS: Record<Lang, { cumulative: string; until: (month: string, year: number) => string; plan: string }> = {
  en: { cumulative: 'running total', until: (m, y) => `running total to the end of ${m} ${y}`, plan: 'plan' },
  ru: { cumulative: 'нарастающим итогом', until: (m, y) => `нарастающим итогом по ${m} ${y} г.`, plan: 'план' },
  kk: { cumulative: 'жинақталған жиынтық', until: (m, y) => `${y} жылғы ${m} соңына дейінгі жиынтық`, plan: 'жоспар' },
};

export function periodText(period: string, lang: Lang): string {
  const p = parsePeriod(period);
  if (!p) return period;
  const months = MONTH_NAMES[lang];
  if (p.kind === 'months') return p.from === p.to ? months[p.from]! : `${months[p.from]}–${months[p.to]}`;
  if (p.kind === 'plan') return WORDS[lang].plan;
  return p.until ? WORDS[lang].until(months[p.until.month]!, p.until.year) : WORDS[lang].cumulative;
}

/** Month names after a day: "1 января", "1 қаңтар", "1 January". */
const DAY_MONTHS: Record<Lang, readonly string[]> = {
  en: MONTH_NAMES.en,
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'], // prettier-ignore
  kk: MONTH_NAMES.kk,
};
const REFERENCE_WORDS: Record<Lang, { census: (date: string) => string; estimate: string; unspecified: string }> = {
  en: { census: (d) => `census of ${d}`, estimate: 'estimate (date not stated)', unspecified: 'date not stated' },
  ru: { census: (d) => `перепись на ${d}`, estimate: 'оценка (дата не указана)', unspecified: 'дата не указана' },
  kk: { census: (d) => `${d} санағы`, estimate: 'бағалау (күні көрсетілмеген)', unspecified: 'күні көрсетілмеген' },
};

/**
 * The date a population figure refers to ("1 Jan", "census 1 Oct 2021", "unspecified (…)") in
 * the interface's language; what follows a known date (a quoted title) is kept as written.
 */
export function referenceText(reference: string, lang: Lang): string {
  const words = REFERENCE_WORDS[lang];
  const date = (day: string, mon: string, year?: string) => {
    const m = DAY_MONTHS[lang][MONTHS.indexOf(mon as (typeof MONTHS)[number])]!;
    const text = `${day} ${m}`;
    if (!year) return text;
    return lang === 'kk' ? `${year} жылғы ${text}` : `${text} ${year}`;
  };
  const day = /^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/.exec(reference);
  if (day) return date(day[1]!, day[2]!);
  const census = /^census (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})(.*)$/.exec(reference);
  if (census) return words.census(date(census[1]!, census[2]!, census[3]!)) + census[4]!;
  if (reference.startsWith('estimate')) return words.estimate;
  if (reference.startsWith('unspecified')) return lang === 'en' ? reference : words.unspecified;
  return reference;
}
