/**
 * Interface texts. One file per language; `t` fills {placeholders}.
 * Russian and Kazakh fall back to English until their files are complete.
 */
import type { Lang } from '../data/model';
import { en, type MessageKey, type Messages } from './en';

const catalogues: Record<Lang, Partial<Messages>> = { en, ru: {}, kk: {} };

export type { MessageKey };

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
