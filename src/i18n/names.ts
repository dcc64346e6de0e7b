/**
 * Display names of the places a figure refers to: statistical units from the
 * project's names table, countries from the browser's Intl data.
 */
import { localeOf } from '../core/format';
import { unitName, type Lang, type Model } from '../core/model';

const countryNames = new Map<Lang, Intl.DisplayNames>();

export function countryName(code: string, lang: Lang): string {
  let names = countryNames.get(lang);
  if (!names) countryNames.set(lang, (names = new Intl.DisplayNames([localeOf(lang), 'en'], { type: 'region' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Name of a unit code, "KZ"/"RU" (whole countries) or a partner country's ISO code. */
export function placeName(model: Model, code: string, lang: Lang, opts: { short?: boolean } = {}): string {
  const unit = model.units.get(code);
  if (unit) return unitName(unit, lang, opts);
  // The project's own table first: browsers' Intl data lacks Kazakh country names.
  return model.countries.get(code)?.[lang] ?? countryName(code, lang);
}

/**
 * How a figure cites its source: the published sources by their id (S06), which
 * the sources list explains; a file imported in this browser by its file name
 * (its id is a string made at import that nobody can look up).
 */
export function sourceCitation(model: Model, id: string): string {
  const source = model.sources.get(id);
  return source?.kind === 'imported' ? source.publisher : id;
}

/** A source's name in the interface's language: its publisher in English, the project's short name otherwise. */
export function sourceName(model: Model, id: string, lang: Lang): string {
  const source = model.sources.get(id);
  if (!source) return id;
  return lang === 'ru' ? source.name_ru : lang === 'kk' ? source.name_kk : source.publisher;
}
