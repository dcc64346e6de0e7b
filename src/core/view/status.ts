/**
 * The status line under the map (the year's flows, their caveats, the
 * national external figures, gaps), the map's text description for screen
 * readers, and the announcements of year changes.
 */
import { arcFilterRange, passingArcs } from '../flow-columns';
import { formatNumber } from '../format';
import { polygonName } from '../labels';
import type { PointFlowTable } from '../points/point-flows';
import { measureInfo, type MeasureId, type PolygonValue } from '../measures';
import { measureOptions, measureText } from './measure-text';
import { qualityNote } from './tooltip';
import type { ViewInput } from './view-input';

/** How many of the year's flows between regions there are, and how many the filters let through. */
export function visibleFlows(
  input: Pick<ViewInput, 'data' | 'year' | 'selected' | 'minFlow' | 'topN'>,
  set: 'internal' | 'external' = 'internal',
): { total: number; shown: number } {
  const { data, year, minFlow, topN } = input;
  const { prepared } = data.prepared[set];
  const filter = data.filters(input.selected)[set];
  return {
    total: prepared.slices.get(year)?.length ?? 0,
    shown: passingArcs(prepared, filter, year, arcFilterRange(year, minFlow, topN)).length,
  };
}

export interface StatusLine {
  text: string;
  /** Flows between regions drawn (0 while a question hides the values). */
  arcs: number;
  /** The chosen measure has no figure for any Kazakh region in the year: said, with the measures that have one. */
  noFigure: MeasureOffer | null;
}

export interface MeasureOffer {
  /** "No figure for … in 2013." */
  text: string;
  /** "Figures for 2013:" before the measures, or "No other measure …" when there is none. */
  offer: string;
  measures: { id: MeasureId; label: string }[];
}

export function statusLine(input: ViewInput): StatusLine {
  const { data, year, showExternal, t } = input;
  const { model, measures } = data.dataset;
  if (input.hidden) return { text: t('story.hidden'), arcs: 0, noFigure: null };
  const noFigure = measureOffer(input);
  const internal = visibleFlows(input);
  const external = visibleFlows(input, 'external');
  const quality = model.flows.find((f) => f.year === year)?.quality_flag;
  const values = measures.values(input.measure, year);
  // Before Kazakhstan's first regional figure only the Russian side holds figures: said instead of the gaps.
  if (year < model.firstKazakhYear && !internal.total)
    return { text: t('status.beforeKazakh', { year, first: model.firstKazakhYear }), arcs: 0, noFigure: null };
  const placeFlows = data.points ? pointFlowsIn(data.points.flows, year) : 0;
  const parts = [
    // Places of the user's own: the map draws flows between clusters of them, not between regions.
    data.points && placeFlows
      ? t('status.placeFlows', {
          year,
          count: formatNumber(placeFlows, input.lang),
          places: formatNumber(data.points.places.length, input.lang),
        })
      : internal.total
        ? t('status.flows', { year, count: internal.total, shown: internal.shown })
        : t('status.noFlows', { year }),
    quality ? qualityNote(quality, t) : '',
    // Over places of the user's own the country's flows abroad are not drawn (src/render/map-renderer.ts): not counted here.
    showExternal && !data.points
      ? external.total
        ? t('status.external', { count: external.total })
        : t('status.noExternal')
      : '',
    showExternal && !data.points ? nationalExternal(input) : '',
    !noFigure && [...values.values()].some((v) => v.value === null && model.polygons.get(v.polygonId)?.country === 'KZ')
      ? t('status.gap', { year })
      : '',
  ];
  return { text: parts.filter(Boolean).join(' '), arcs: internal.shown, noFigure };
}

const pointFlowsByYear = new WeakMap<PointFlowTable, Map<number, number>>();

/** How many flows between places a year holds (counted once per table). */
export function pointFlowsIn(flows: PointFlowTable, year: number): number {
  let byYear = pointFlowsByYear.get(flows);
  if (!byYear) {
    byYear = new Map();
    for (let i = 0; i < flows.length; i++) byYear.set(flows.year[i]!, (byYear.get(flows.year[i]!) ?? 0) + 1);
    pointFlowsByYear.set(flows, byYear);
  }
  return byYear.get(year) ?? 0;
}

/** Whether a measure has a figure for at least one Kazakh region in the year. */
function hasKazakhFigure({ data }: ViewInput, measure: MeasureId, year: number): boolean {
  const { model, measures } = data.dataset;
  for (const v of measures.values(measure, year).values())
    if (v.value !== null && model.polygons.get(v.polygonId)?.country === 'KZ') return true;
  return false;
}

/** Where the chosen measure leaves Kazakhstan grey for the year, the measures that do have a figure. */
export function measureOffer(input: ViewInput): MeasureOffer | null {
  const { data, year, measure, t } = input;
  const { model } = data.dataset;
  if (hasKazakhFigure(input, measure, year)) return null;
  const measures = measureOptions(model, year, t).filter((m) => m.id !== measure && hasKazakhFigure(input, m.id, year));
  return {
    text: t('status.noFigure', { measure: measureText(model, measure, year, t).label, year }),
    offer: measures.length > 0 ? t('status.figuresFor', { year }) : t('status.noOtherFigure', { year }),
    measures,
  };
}

/** Kazakhstan's full-year immigrants and emigrants (all countries), where the sources give them. */
function nationalExternal({ data, year, lang, t }: ViewInput): string {
  const row = data.dataset.model.external.find(
    (r) =>
      r.level === 'national' &&
      r.partner === 'ALL' &&
      r.year === String(year) &&
      r.period === 'Jan-Dec' &&
      r.status === 'chosen',
  );
  if (!row || row.emigrants === null) return '';
  const n = (v: number) => formatNumber(v, lang);
  const source = /rounded/.test(row.quality_flag) ? `${row.source_id}, ${t('status.rounded')}` : row.source_id;
  return row.immigrants === null
    ? t('status.nationalEmigrants', { year, out: n(row.emigrants), source })
    : t('status.nationalExternal', { year, in: n(row.immigrants), out: n(row.emigrants), source });
}

/** The map's text description: what it shows now. */
export function mapDescription(input: ViewInput): string {
  const { data, year, selected, lang, t } = input;
  const { model, measures } = data.dataset;
  const info = measureInfo(input.measure);
  const values = measures.values(input.measure, year);
  const kz = [...values.values()].filter((v) => v.value !== null && model.polygons.get(v.polygonId)?.country === 'KZ');
  const fmt = (v: PolygonValue) =>
    `${polygonName(model, v.polygonId, v.geography, lang)} ${formatNumber(v.value!, lang, { digits: info.digits, signed: info.scale === 'diverging' })}`;
  const sorted = [...kz].sort((a, b) => b.value! - a.value!);
  const internal = visibleFlows(input);
  return [
    t('describe.map', { measure: measureText(model, input.measure, year, t).label, year }),
    !input.hidden && sorted.length
      ? t('describe.extremes', { high: fmt(sorted[0]!), low: fmt(sorted[sorted.length - 1]!) })
      : '',
    internal.total ? t('describe.flows', { shown: internal.shown, count: internal.total }) : t('describe.noFlows'),
    selected ? t('describe.selected', { region: polygonName(model, selected, null, lang) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A short line on the year's flows between regions (for pictures). */
export function flowsText(input: ViewInput): string {
  const { total, shown } = visibleFlows(input);
  return total ? input.t('present.exportFlows', { shown, count: total }) : input.t('describe.noFlows');
}

/** What a screen reader hears when the year changes by hand, and where playback stops. */
export function yearAnnouncement(input: Pick<ViewInput, 'data' | 'year' | 'measure' | 't'>): string {
  const { data, year, measure, t } = input;
  return t('announce.year', { year, measure: measureText(data.dataset.model, measure, year, t).label });
}

export function pausedAnnouncement(year: number, t: ViewInput['t']): string {
  return t('announce.paused', { year });
}
