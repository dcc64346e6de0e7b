/**
 * The visitor's language before the app has loaded, chosen as the app
 * chooses it (src/i18n and the URL state): the link's `lang`, else the
 * remembered choice, else the browser's first language among Kazakh,
 * Russian and English, else English. Kept apart from src/i18n so that the
 * start-up script, which runs before the app's code arrives, stays a few
 * kilobytes; language.test.ts checks that both agree.
 */
export type BootLang = 'en' | 'ru' | 'kk';

export const BOOT_LANGS: readonly BootLang[] = ['en', 'ru', 'kk'];

/** Where the app remembers the chosen language (src/i18n/index.ts). */
export const LANGUAGE_KEY = 'kz-migration-map.lang';

/** The web app manifest of a language (one per language: see src/offline/manifest.ts). */
export const manifestFileName = (lang: BootLang): string => `manifest.${lang}.webmanifest`;

const isLang = (value: string | null | undefined): value is BootLang =>
  value !== null && value !== undefined && (BOOT_LANGS as readonly string[]).includes(value);

export function chooseLanguage(search: string, stored: string | null, languages: readonly string[]): BootLang {
  const fromLink = new URLSearchParams(search).get('lang');
  if (isLang(fromLink)) return fromLink;
  if (isLang(stored)) return stored;
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

/** The language of this page now: the app's (it sets <html lang>), else as at start-up. */
export function pageLanguage(): BootLang {
  const lang = document.documentElement.lang;
  if (isLang(lang)) return lang;
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    /* storage refused: the link and the browser decide */
  }
  return chooseLanguage(location.search, stored, navigator.languages ?? [navigator.language]);
}
