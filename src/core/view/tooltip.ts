/**
 * What the tooltip says about what the pointer is on: a region's figure with
 * the units it sums and its source, a flow with its period, reporter and
 * sources, or a node's arrivals and departures.
 */
import { hasMessage, type MessageKey, type Translator } from '../../i18n';
import { placeName, sourceCitation, sourceName } from '../../i18n/names';
import { periodText } from '../../i18n/periods';
import { districtName, type DistrictProps } from '../district-level';
import { formatNumber } from '../format';
import { polygonName } from '../labels';
import { arcComparison } from './border-counts';
import { measureInfo } from '../measures';
import { measureText } from './measure-text';
import type { ViewInput } from './view-input';

/** What the map found under the pointer (src/render picks it). */
export type Picked =
  | { kind: 'region'; polygonId: string }
  /** A district (geo/districts.topojson) over the region polygon drawn under it. */
  | { kind: 'district'; district: DistrictProps; polygonId: string }
  /** An item of a prepared flow set (src/core/arcs.ts: records[prepared.rows[item]]). */
  | { kind: 'arc'; set: 'internal' | 'external'; item: number }
  /** An item of the prepared nodes. */
  | { kind: 'node'; item: number }
  /** Kazakhstan as a whole, the end of the flows with other countries. */
  | { kind: 'national' }
  /** Described where it was picked (a cluster of places or an arc between clusters: src/core/points/point-view.ts). */
  | { kind: 'described'; text: TooltipText };

export interface TooltipText {
  title: string;
  lines: string[];
}

type TooltipInput = Pick<ViewInput, 'data' | 'year' | 'measure' | 'hidden' | 'lang' | 't'>;

/** The caveat of a quality flag, if the interface has words for it. */
export function qualityNote(flag: string, t: Translator): string {
  const key = `quality.${flag}`;
  return hasMessage(key) ? t(key) : '';
}

export function tooltipText(picked: Picked, input: TooltipInput): TooltipText | null {
  if (picked.kind === 'region') return regionTooltip(picked.polygonId, input);
  if (picked.kind === 'district') return districtTooltip(picked.district, picked.polygonId, input);
  if (picked.kind === 'arc') return arcTooltip(picked.set, picked.item, input);
  if (picked.kind === 'described') return picked.text;
  if (picked.kind === 'national')
    return { title: input.t('tooltip.nationalAnchor'), lines: [input.t('tooltip.nationalNote')] };
  return nodeTooltip(picked.item, input);
}

function regionTooltip(polygonId: string, { data, year, measure, hidden, lang, t }: TooltipInput): TooltipText {
  const { model, measures } = data.dataset;
  if (!model.polygons.has(polygonId)) return { title: t('tooltip.baikonurName'), lines: [t('tooltip.baikonur')] };
  const v = measures.value(measure, polygonId, year)!;
  const title = polygonName(model, polygonId, v.geography, lang);
  if (hidden) return { title, lines: [t('story.hidden')] };
  const info = measureInfo(measure);
  const names = (codes: string[], separator: string) => codes.map((u) => placeName(model, u, lang)).join(separator);
  // A Russian subject's population is Rosstat's series, not a 1 January count: its label says so.
  const rosstat = measure === 'population' && model.polygons.get(polygonId)!.country === 'RU';
  const label = rosstat
    ? t('panel.populationRosstat', { year })
    : `${measureText(model, measure, year, t).label}, ${year}`;
  const lines = [
    `${label}: ${
      v.value === null
        ? t('tooltip.noData', { year })
        : formatNumber(v.value, lang, { signed: info.scale === 'diverging', digits: info.digits })
    }`,
    v.unitCodes.length > 1 ? t('tooltip.sum', { units: names(v.unitCodes, ' + ') }) : '',
    v.missing.length ? t('tooltip.missing', { units: names(v.missing, ', ') }) : '',
    ...v.notes.map((k) => t(`legend.${k}` as MessageKey, { year: year + 1 })),
    model.polygons.get(polygonId)!.country === 'RU' && v.value === null
      ? t(
          ['population', 'density', 'change'].includes(measure)
            ? 'tooltip.russiaPopulation'
            : 'tooltip.russiaMigration',
        )
      : '',
    v.sourceIds.length
      ? t('tooltip.source', { source: v.sourceIds.map((s) => sourceCitation(model, s)).join(', ') })
      : '',
    t('tooltip.clickHint'),
  ];
  return { title, lines: lines.filter(Boolean) };
}

/**
 * A district: its name in the interface's language (another language's, marked, where the source has
 * none), the region it lies in, that it has no built-in figure, and the figure of the region drawn
 * under it, named as the region's so that it is never read as the district's.
 */
function districtTooltip(district: DistrictProps, polygonId: string, input: TooltipInput): TooltipText {
  const { data, lang, t } = input;
  const { model } = data.dataset;
  const name = districtName(district, lang);
  const region = regionTooltip(polygonId, input);
  return {
    title: name?.name ?? district.district_id,
    lines: [
      name && name.lang !== lang ? t('tooltip.nameFallback', { lang: name.lang.toUpperCase() }) : '',
      t('tooltip.districtIn', { region: placeName(model, district.unit_code, lang) }),
      district.note ? t('tooltip.baikonur') : '',
      t('tooltip.districtNoFigure'),
      t('tooltip.regionFigure', { region: region.title }),
      ...region.lines,
    ].filter(Boolean),
  };
}

function arcTooltip(set: 'internal' | 'external', item: number, { data, lang, t }: TooltipInput): TooltipText | null {
  const flows = data.prepared[set];
  const row = flows.prepared.rows[item];
  const r = row === undefined ? undefined : flows.records[row];
  if (!r) return null;
  const { model } = data.dataset;
  const n = (v: number) => formatNumber(v, lang);
  const name = (code: string) => (code === 'KZ' ? t('tooltip.nationalAnchor') : placeName(model, code, lang));
  return {
    title: `${name(r.origin)} → ${name(r.destination)}`,
    lines: [
      r.measure === 'net'
        ? `${t('tooltip.net', { count: n(r.count) })} — ${t('tooltip.netFlow')}`
        : t('tooltip.migrants', { count: n(r.count) }),
      t('tooltip.year', { year: r.year }),
      r.kind === 'internal' ? t('tooltip.internal') : t('tooltip.external'),
      r.kind === 'external' ? t(r.reporter === 'KZ' ? 'tooltip.reporterKZ' : 'tooltip.reporterRU') : '',
      // With Russia, both countries' own counts of the year side by side (never combined).
      ...(r.kind === 'external' && (r.origin === 'RU' || r.destination === 'RU')
        ? arcComparison(model, r.year, lang, t)
        : []),
      t('tooltip.period', { period: periodText(r.period, lang) }),
      r.kind === 'internal' ? qualityNote(r.qualityFlag, t) : '',
      t('tooltip.source', {
        // An imported file by its name; a published source by its id and name.
        source: r.sourceIds
          .map((s) =>
            sourceCitation(model, s) !== s ? sourceCitation(model, s) : `${s} (${sourceName(model, s, lang)})`,
          )
          .join(', '),
      }),
    ].filter(Boolean),
  };
}

function nodeTooltip(item: number, { data, year, lang, t }: TooltipInput): TooltipText | null {
  const { nodes } = data.prepared;
  const location = nodes.locations[item];
  const unit = location === undefined ? undefined : nodes.codes[location];
  if (!unit) return null;
  const { model } = data.dataset;
  const n = (v: number, signed = false) => formatNumber(v, lang, { signed });
  const totals = model.flowTotals.get(year)?.get(unit);
  return {
    title: `${placeName(model, unit, lang)} (${model.units.get(unit)!.centreName})`,
    lines: totals
      ? [
          `${t('panel.arrivals')}: ${n(totals.arrivals)}`,
          `${t('panel.departures')}: ${n(totals.departures)}`,
          `${t('panel.net')}: ${n(totals.net, true)}`,
        ]
      : [],
  };
}

/** The region a click on a picked thing selects (a node selects its unit's polygon), or null. */
export function pickedPolygon(picked: Picked, data: ViewInput['data']): string | null {
  const { model } = data.dataset;
  let polygonId: string | null = null;
  if (picked.kind === 'region' || picked.kind === 'district') polygonId = picked.polygonId;
  else if (picked.kind === 'node') {
    const location = data.prepared.nodes.locations[picked.item];
    const unit = location === undefined ? undefined : data.prepared.nodes.codes[location];
    polygonId = unit ? (model.units.get(unit)?.polygonId ?? null) : null;
  }
  return polygonId && model.polygons.has(polygonId) ? polygonId : null;
}
