/** The table view's content: the year's measure by region, and the year's flows. */
import type { ArcRecord } from '../arcs';
import { polygonName } from '../labels';
import { measureInfo } from '../measures';
import { placeName } from '../../i18n/names';
import { measureText } from './measure-text';
import { visibleFlows } from './status';
import type { ViewInput } from './view-input';

export interface RegionRow {
  name: string;
  value: number | null;
  sources: string;
}

export interface FlowRow {
  from: string;
  to: string;
  count: number;
  kind: ArcRecord['kind'];
  sources: string;
}

export interface TableContent {
  year: number;
  measureLabel: string;
  unit: string;
  digits: number;
  signed: boolean;
  regions: RegionRow[];
  flows: FlowRow[];
  /** Flows between regions drawn, of how many. */
  shown: number;
  internalCount: number;
}

export function tableContent(input: ViewInput): TableContent {
  const { data, year, measure, lang, t, hidden } = input;
  const { model, measures } = data.dataset;
  const info = measureInfo(measure);
  const text = measureText(model, measure, year, t);
  const name = (code: string) => (code === 'KZ' ? t('tooltip.nationalAnchor') : placeName(model, code, lang));
  const records = (set: 'internal' | 'external') => {
    const { records: all, prepared } = data.prepared[set];
    const slice = prepared.slices.get(year);
    // The year's flows in table order (the prepared order is by size).
    return slice
      ? [...prepared.rows.subarray(slice.offset, slice.offset + slice.length)]
          .sort((a, b) => a - b)
          .map((row) => all[row]!)
      : [];
  };
  const internal = visibleFlows(input);
  return {
    year,
    measureLabel: text.label,
    unit: text.unit,
    digits: info.digits,
    signed: info.scale === 'diverging',
    regions: [...measures.values(measure, year).values()].map((v) => ({
      name: polygonName(model, v.polygonId, v.geography, lang),
      value: hidden ? null : v.value,
      sources: v.sourceIds.join(', '),
    })),
    flows: hidden
      ? []
      : [...records('internal'), ...records('external')].map((r) => ({
          from: name(r.origin),
          to: name(r.destination),
          count: r.count,
          kind: r.kind,
          sources: r.sourceIds.join(', '),
        })),
    shown: internal.shown,
    internalCount: internal.total,
  };
}
