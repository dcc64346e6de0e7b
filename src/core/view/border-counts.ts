/**
 * Both sides of the border: Russia's own count of its migration with
 * Kazakhstan (S174, 1997–2019) beside Kazakhstan's count of its migration with
 * Russia (full years only, national). The two are never combined: each year
 * shows each count where it exists, and a gap where it does not.
 */
import type { Translator } from '../../i18n';
import { sourceName } from '../../i18n/names';
import { formatNumber } from '../format';
import type { Lang, Model } from '../model';
import type { ExternalRow } from '../tables';

export interface CountSeries {
  /** "Russia counted: arrivals from Kazakhstan" */
  label: string;
  points: { year: number; value: number; sourceId: string }[];
}

export interface BorderCounts {
  heading: string;
  /** The one plain sentence that the two countries count differently. */
  note: string;
  /** What each side counted in the year shown (or that it has no count). */
  yearLines: string[];
  /** Leaving Kazakhstan for Russia, as counted by each side (the chart's two series). */
  series: [CountSeries, CountSeries];
  years: [number, number];
  /** The chart's top value, formatted. */
  maxLabel: string;
  year: number;
  sources: string;
}

/** Kazakhstan's own full-year national count with Russia, one row per year. */
export function kazakhCountWithRussia(model: Model): Map<number, ExternalRow> {
  const out = new Map<number, ExternalRow>();
  for (const r of model.external)
    if (r.level === 'national' && r.partner === 'RU' && r.period === 'Jan-Dec' && r.status === 'chosen')
      if (!out.has(Number(r.year))) out.set(Number(r.year), r);
  return out;
}

export function borderCounts(model: Model, year: number, lang: Lang, t: Translator): BorderCounts {
  const n = (v: number) => formatNumber(v, lang);
  const russia = model.russiaCount;
  const kazakh = kazakhCountWithRussia(model);
  const ru = russia.get(year);
  const kz = kazakh.get(year);
  const years = [...russia.keys(), ...kazakh.keys()];
  const sources = new Set([...russia.values(), ...kazakh.values()].map((r) => r.source_id));
  return {
    heading: t('border.heading'),
    note: t('border.countsDiffer'),
    yearLines: [
      ru
        ? t('border.russiaCounted', {
            year,
            arrivals: n(ru.arrivals_from_kz),
            departures: n(ru.departures_to_kz),
            source: ru.source_id,
          })
        : t('border.russiaNone', { year }),
      kz && (kz.emigrants !== null || kz.immigrants !== null)
        ? [
            kz.emigrants !== null
              ? t('border.kazakhstanLeft', { year, count: n(kz.emigrants), source: kz.source_id })
              : '',
            kz.immigrants !== null
              ? t('border.kazakhstanArrived', { year, count: n(kz.immigrants), source: kz.source_id })
              : '',
          ]
            .filter(Boolean)
            .join(' ')
        : t('border.kazakhstanNone', { year }),
    ],
    series: [
      {
        label: t('border.seriesRussia'),
        points: [...russia.values()].map((r) => ({ year: r.year, value: r.arrivals_from_kz, sourceId: r.source_id })),
      },
      {
        label: t('border.seriesKazakhstan'),
        points: [...kazakh.entries()].flatMap(([y, r]) =>
          r.emigrants === null ? [] : [{ year: y, value: r.emigrants, sourceId: r.source_id }],
        ),
      },
    ],
    years: [Math.min(...years), Math.max(...years)],
    maxLabel: n(
      Math.max(
        ...[...russia.values()].map((r) => r.arrivals_from_kz),
        ...[...kazakh.values()].map((r) => r.emigrants ?? 0),
      ),
    ),
    year,
    sources: `${t('panel.sources')}: ${[...sources].map((id) => `${id} ${sourceName(model, id, lang)}`).join('; ')}`,
  };
}

/**
 * The external arc's comparison for a year: "Kazakhstan counted N people
 * leaving for Russia; Russia counted M arriving from Kazakhstan", each side
 * only where it has a full-year count.
 */
export function arcComparison(model: Model, year: number, lang: Lang, t: Translator): string[] {
  const n = (v: number) => formatNumber(v, lang);
  const kz = kazakhCountWithRussia(model).get(year);
  const ru = model.russiaCount.get(year);
  return [
    kz?.emigrants != null
      ? t('border.kazakhstanLeft', { year, count: n(kz.emigrants), source: kz.source_id })
      : t('border.kazakhstanNone', { year }),
    ru
      ? t('border.russiaArrived', { year, count: n(ru.arrivals_from_kz), source: ru.source_id })
      : t('border.russiaNone', { year }),
    t('border.countsDiffer'),
  ];
}
