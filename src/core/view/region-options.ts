/** The regions a search offers: every drawn region, and every unit without a boundary of its own. */
import type { Translator } from '../../i18n';
import { placeName } from '../../i18n/names';
import { localeOf } from '../format';
import { polygonName } from '../labels';
import type { Lang, Model } from '../model';

export interface RegionOption {
  /** What choosing it selects (a drawn polygon). */
  polygonId: string;
  /** Shown in the list, in the current language. */
  label: string;
  /** Extra context, e.g. "in East Kazakhstan + Abai" for a unit without its own boundary. */
  detail: string;
  /** Every name to match against, all languages. */
  names: string[];
}

export function regionOptions(model: Model, lang: Lang, t: Translator): RegionOption[] {
  const allNames = (code: string) => {
    const u = model.units.get(code)!;
    return [u.name_en, u.name_ru, u.name_kk, u.short_en, u.short_ru, u.short_kk, u.legacy_code ?? '', u.unit_code];
  };
  const options: RegionOption[] = [];
  for (const polygon of model.polygons.values()) {
    const area = polygonName(model, polygon.id, null, lang);
    options.push({ polygonId: polygon.id, label: area, detail: '', names: polygon.unitCodes.flatMap(allNames) });
    for (const unit of polygon.unitCodes.slice(1))
      options.push({
        polygonId: polygon.id,
        label: placeName(model, unit, lang),
        detail: t('search.inArea', { area }),
        names: allNames(unit),
      });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, localeOf(lang)));
}
