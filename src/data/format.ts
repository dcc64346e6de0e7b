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
const KAZAKH_NUMBERS = (() => {
  try {
    return /^1\s000,5$/.test(new Intl.NumberFormat('kk-KZ').format(1000.5));
  } catch {
    return false;
  }
})();

const LOCALE: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', kk: KAZAKH_NUMBERS ? 'kk-KZ' : 'ru-KZ' };
export const localeOf = (lang: Lang): string => LOCALE[lang];

const cache = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, digits: number, signed: boolean, compact: boolean): Intl.NumberFormat {
  const key = `${lang}|${digits}|${signed}|${compact}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
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
  const compact = lang !== 'kk' || KAZAKH_NUMBERS;
  return formatter(lang, compact ? 1 : 0, opts.signed ?? false, compact).format(value);
}
