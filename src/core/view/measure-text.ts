/** A measure's name and unit in the interface's language (an imported measure carries its own). */
import type { Translator } from '../../i18n';
import { MEASURE_IDS, type MeasureId } from '../measures';
import type { Model } from '../model';

export interface MeasureText {
  label: string;
  unit: string;
}

export function measureText(model: Model, measure: MeasureId, year: number, t: Translator): MeasureText {
  const custom = model.custom;
  const params = {
    year,
    next: year + 1,
    name: custom?.name ?? '',
    unit: custom?.unit ?? '',
    source: custom ? (model.sources.get(custom.sourceId)?.title ?? custom.sourceId) : '',
  };
  return { label: t(`measure.${measure}`, params), unit: t(`unit.${measure}`, params) };
}

/** The measures the settings offer: the imported one only when the data has it. */
export function measureOptions(model: Model, year: number, t: Translator): { id: MeasureId; label: string }[] {
  return MEASURE_IDS.filter((id) => id !== 'custom' || model.custom).map((id) => ({
    id,
    label: measureText(model, id, year, t).label,
  }));
}
