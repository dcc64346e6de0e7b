/**
 * Interface texts, one file per language; `translate` fills {placeholders}.
 * The language follows the browser at the first visit, can be switched at
 * any time, is remembered, and is part of a shared URL.
 */
import { LANGS, type Lang } from '../core/model';
import { en, type MessageKey, type Messages } from './en';
import { kk } from './kk';
import { ru } from './ru';

export type { MessageKey };

/** Interface text in one language: a key and its {placeholders}. The one type every part uses. */
export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<Lang, Messages> = { en, ru, kk };

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const translators = new Map<Lang, Translator>();

/** The translator of a language (one function per language, so that it can be compared). */
export function translator(lang: Lang): Translator {
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = (key, params) => translate(lang, key, params)));
  return t;
}

/** Whether the interface has a text for a key built at run time (a quality flag, a scope). */
export const hasMessage = (key: string): key is MessageKey => key in en;

const STORAGE_KEY = 'kz-migration-map.lang';

/** The browser's preferred language among ours (Kazakh, Russian, else English). */
export function browserLanguage(languages: readonly string[] = globalThis.navigator?.languages ?? []): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(base!)) return base as Lang;
  }
  return 'en';
}

/** The remembered choice, else the browser's language. */
export function initialLanguage(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {
    /* storage refused: follow the browser */
  }
  return browserLanguage();
}

export function rememberLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage refused: the URL still carries the language */
  }
}
