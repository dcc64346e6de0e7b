/** The regions a search offers: every unit with a polygon (today's borders; in older ones its holder is outlined). */
import { placeName } from '../../i18n/names';
import { localeOf } from '../format';
import type { Lang, Model } from '../model';

export interface RegionOption {
  /** What choosing it selects (a drawn polygon). */
  polygonId: string;
  /** Shown in the list, in the current language. */
  label: string;
  /** Extra context shown beside the label (none for the built-in units). */
  detail: string;
  /** Every name to match against, all languages. */
  names: string[];
}

export function regionOptions(model: Model, lang: Lang): RegionOption[] {
  const options: RegionOption[] = [];
  // Every unit of today has its own polygon; older names (South Kazakhstan) find the unit that kept the code.
  for (const u of model.unitList) {
    if (!u.polygonId) continue;
    const names = [
      u.name_en,
      u.name_ru,
      u.name_kk,
      u.short_en,
      u.short_ru,
      u.short_kk,
      u.legacy_code ?? '',
      u.unit_code,
    ];
    const former = [u.former_name_en, u.former_name_ru, u.former_name_kk].filter((n): n is string => !!n);
    options.push({
      polygonId: u.polygonId,
      label: placeName(model, u.unit_code, lang),
      detail: '',
      names: [...names, ...former],
    });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, localeOf(lang)));
}
