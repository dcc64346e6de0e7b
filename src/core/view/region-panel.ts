/**
 * The texts of a selected region's panel: its totals for the year, the units
 * it sums, its largest flows, every other figure the sources hold for it
 * (each with its period and source) and the sources.
 */
import { hasMessage, type MessageKey, type Translator } from '../../i18n';
import { countryName, placeName, sourceName } from '../../i18n/names';
import { periodText, referenceText } from '../../i18n/periods';
import { formatNumber } from '../format';
import { polygonName } from '../labels';
import { borderCounts, type BorderCounts } from './border-counts';
import type { Lang, Model } from '../model';
import type { RegionSummary } from '../region-summary';
import { sourceIds as splitSources } from '../tables';

export interface FlowList {
  heading: string;
  lines: string[];
}

export interface RegionPanelContent {
  title: string;
  /** Said under the title: the figures an area sums, what a Russian subject's figures are. */
  notes: string[];
  /** A Russian subject's panel: both countries' counts of migration between them. */
  border: BorderCounts | null;
  totalsHeading: string;
  /** Label and value of each figure. */
  figures: [string, string][];
  /** Said under the figures when a Kazakh region has no flows in the year. */
  noFlows: string | null;
  /** The units a polygon sums, with their flows: a header row and one row per unit. */
  units: { header: string[]; rows: string[][] } | null;
  flowLists: FlowList[];
  otherHeading: string;
  other: string[];
  sources: string;
}

export function regionPanelContent(
  summary: RegionSummary,
  model: Model,
  lang: Lang,
  t: Translator,
): RegionPanelContent {
  const n = (v: number, signed = false, digits = 0) => formatNumber(v, lang, { signed, digits });
  const name = (code: string) => placeName(model, code, lang);
  const { year } = summary;
  const geography = summary.population.geography ?? summary.density.geography;
  const summed = summary.population.unitCodes.length > 1 ? summary.population.unitCodes : [];
  const russian = summary.country === 'RU';
  const noData = t('tooltip.noData', { year });
  const { flows, officialNet } = summary;

  const figures: ([string, string] | false | null | undefined)[] = [
    [
      t(russian ? 'panel.populationRosstat' : 'panel.population', { year }),
      summary.population.value === null ? noData : n(summary.population.value),
    ],
    summary.area !== null && [t('panel.area'), `${n(summary.area)} km²`],
    [t('panel.density'), summary.density.value === null ? noData : `${n(summary.density.value, false, 1)} / km²`],
    flows && [t('panel.arrivals'), n(flows.total.arrivals)],
    flows && [t('panel.departures'), n(flows.total.departures)],
    flows && [t('panel.net'), n(flows.total.net, true)],
    !flows && officialNet && officialNet.value !== null && [t('panel.net'), n(officialNet.value, true)],
  ];

  const flowList = (key: MessageKey, lines: { other: string; count: number }[]): FlowList | null =>
    lines.length ? { heading: t(key), lines: lines.map((l) => `${name(l.other)}: ${n(l.count)}`) } : null;

  const sources = new Set<string>([
    ...summary.population.sourceIds,
    ...summary.density.sourceIds,
    ...(flows?.sourceIds ?? []),
    ...(officialNet?.sourceIds ?? []),
  ]);
  for (const id of [...summary.otherRegional, ...summary.external, ...summary.russia].flatMap((r) =>
    splitSources(r.source_id),
  ))
    sources.add(id);

  return {
    title: polygonName(model, summary.polygonId, geography, lang),
    notes: [
      summed.length > 0 ? t('tooltip.sum', { units: summed.map(name).join(' + ') }) : '',
      russian ? t('panel.russiaMissing') : '',
    ].filter(Boolean),
    border: russian ? borderCounts(model, year, lang, t) : null,
    totalsHeading: t('panel.totals', { year }),
    figures: figures.filter((f): f is [string, string] => Array.isArray(f)),
    noFlows: summary.country === 'KZ' && !flows ? t('panel.noFlows', { year }) : null,
    units:
      flows && flows.units.length > 1
        ? {
            header: [t('panel.units'), t('panel.arrivals'), t('panel.departures'), t('panel.net')],
            rows: flows.units.map((u) => [name(u.unit), n(u.arrivals), n(u.departures), n(u.net, true)]),
          }
        : null,
    flowLists: flows
      ? [flowList('panel.topIn', flows.topIn), flowList('panel.topOut', flows.topOut)].filter(
          (l): l is FlowList => l !== null,
        )
      : [],
    otherHeading: t('panel.other'),
    other: otherFigures(summary, model, lang, t),
    sources: `${t('panel.sources')}: ${[...sources]
      .filter((id) => model.sources.has(id))
      .map((id) => `${id} ${sourceName(model, id, lang)}`)
      .join('; ')}`,
  };
}

/** Every other figure the sources hold for the region, one line each with its period and source. */
function otherFigures(summary: RegionSummary, model: Model, lang: Lang, t: Translator): string[] {
  const n = (v: number, signed = false) => formatNumber(v, lang, { signed });
  const name = (code: string) => placeName(model, code, lang);
  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return hasMessage(key) ? t(key) : code;
  };
  const partner = (code: string) => (/^[A-Z]{2}$/.test(code) ? countryName(code, lang) : label('partner', code));
  const join = (parts: string[]) => parts.filter(Boolean).join(', ');
  return [
    ...summary.otherRegional.map(
      (r) =>
        `${name(r.unit_code)}, ${periodText(r.period, lang)} ${r.year}, ${label('scope', r.flow_scope)}: ${join([
          r.arrivals !== null ? `${t('panel.arrivals')} ${n(r.arrivals)}` : '',
          r.departures !== null ? `${t('panel.departures')} ${n(r.departures)}` : '',
          r.net !== null ? `${t('panel.net')} ${n(r.net, true)}` : '',
        ])} (${r.source_id})`,
    ),
    ...summary.external.map(
      (r) =>
        `${name(r.unit_code)} ↔ ${partner(r.partner)}, ${periodText(r.period, lang)} ${r.year}: ${join([
          r.immigrants !== null ? `${n(r.immigrants)} ${t('panel.immigrants')}` : '',
          r.emigrants !== null ? `${n(r.emigrants)} ${t('panel.emigrants')}` : '',
          r.net !== null ? `${t('panel.net')} ${n(r.net, true)}` : '',
        ])} (${r.source_id})`,
    ),
    ...summary.russia.map(
      (r) =>
        `${periodText(r.period, lang)} ${r.year}: ${join([
          r.arrivals_from_kz !== null ? `${n(r.arrivals_from_kz)} ${t('panel.fromKZ')}` : '',
          r.departures_to_kz !== null ? `${n(r.departures_to_kz)} ${t('panel.toKZ')}` : '',
          r.net_with_kz !== null ? `${t('panel.net')} ${n(r.net_with_kz, true)}` : '',
        ])} — ${sourceName(model, r.source_id, lang)}${r.comparable === 'no' ? `, ${t('panel.notComparable')}` : ''} (${r.source_id})`,
    ),
    ...summary.otherPopulation.map((r) => {
      // An alternative 1 January count (S01's 2023, revised by S170) says which figure the map shows.
      const shown = r.status === 'alternative' ? model.population.get(r.year)?.get(r.unit_code) : undefined;
      const revised =
        shown && shown.source_id !== r.source_id
          ? ` — ${t('panel.revisedBy', { source: shown.source_id, value: n(shown.population) })}`
          : '';
      return `${name(r.unit_code)}: ${n(r.population)}, ${referenceText(r.reference, lang)} ${r.year} (${r.source_id})${revised}`;
    }),
  ];
}
