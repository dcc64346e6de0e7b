/**
 * Number formatting through Intl, per language. Kazakh and Russian group
 * thousands with a space (73 238), English with a comma (73,238).
 */
import type { Lang } from './model';

/**
 * Browsers may list Kazakh but ship no Kazakh number data (Chromium formats
 * kk-KZ like English). Kazakhstan writes numbers the same way in Kazakh and
 * Russian (1 000,5), so without Kazakh data the Russian rules of Kazakhstan
 * (ru-KZ) are used, and words such as "тыс." are avoided (no compact form).
 */
let kazakhNumbers: boolean | undefined;
/** Asked on first use: loading the browser's Kazakh locale data takes a while, and most pages never need it. */
function hasKazakhNumbers(): boolean {
  if (kazakhNumbers === undefined) {
    try {
      kazakhNumbers = /^1\s000,5$/.test(new Intl.NumberFormat('kk-KZ').format(1000.5));
    } catch {
      kazakhNumbers = false;
    }
  }
  return kazakhNumbers;
}

export const localeOf = (lang: Lang): string =>
  lang === 'en' ? 'en-GB' : lang === 'ru' ? 'ru-RU' : hasKazakhNumbers() ? 'kk-KZ' : 'ru-KZ';

const cache = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, digits: number, signed: boolean, compact: boolean): Intl.NumberFormat {
  const key = `${lang}|${digits}|${signed}|${compact}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), {
      maximumFractionDigits: digits,
      minimumFractionDigits: compact ? 0 : digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
      notation: compact ? 'compact' : 'standard',
    });
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, lang: Lang, opts: { digits?: number; signed?: boolean } = {}): string {
  return formatter(lang, opts.digits ?? 0, opts.signed ?? false, false).format(value);
}

/** Short form for legend ticks (12K, 1,5 млн). */
export function formatCompact(value: number, lang: Lang, opts: { signed?: boolean } = {}): string {
  const compact = lang !== 'kk' || hasKazakhNumbers();
  return formatter(lang, compact ? 1 : 0, opts.signed ?? false, compact).format(value);
}
