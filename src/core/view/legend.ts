/**
 * The legend's content: the choropleth's scale (ticks, unit, year, scale
 * mode, gaps, caveats) and the arcs' colours, widths and kinds.
 */
import { arcWidth } from '../flow-columns';
import { formatCompact } from '../format';
import { legendPosition, legendStops, type Rgba } from '../scales';
import type { Theme } from '../theme';
import type { MessageKey } from '../../i18n';
import { pointLegend } from '../points/point-view';
import { measureText } from './measure-text';
import type { ViewInput } from './view-input';

export interface LegendContent {
  title: string;
  /** Set while a question hides the values: the legend says so instead of giving a scale. */
  hiddenNote: string | null;
  unit: string;
  /** Colours along the bar, left to right. */
  stops: Rgba[];
  /** Tick labels at their place along the bar (0–1). */
  ticks: { label: string; position: number }[];
  noData: string;
  scaleNote: string;
  /** Which borders the map shows ("Shown in the borders of 2018–2021"). */
  borders: string;
  /** While the districts are drawn: what their lines are, and that they have no built-in figures. */
  districts: string | null;
  /** Caveats of the year's figures (census rebases, partial years). */
  notes: string[];
  arcs: { title: string; colours: [Rgba, Rgba]; note: string };
  widthsLabel: string;
  /** Sample widths in px with their counts. */
  widths: { px: number; label: string }[];
  external: { title: string; colours: [Rgba, Rgba]; note: string } | null;
  nodes: string;
}

const WIDTH_SAMPLES = [1000, 5000, 20000];

export function legendContent(input: ViewInput, theme: Theme): LegendContent {
  const { data, year, measure, lang, t } = input;
  const { model, measures } = data.dataset;
  const scale = data.prepared.colours.scale(measure, year, input.scale);
  const text = measureText(model, measure, year, t);
  const signed = scale.kind === 'diverging';
  // Long labels (full numbers where no short form exists) would collide: keep the ends and the middle.
  const labelled = scale.ticks.map((v) => [v, formatCompact(v, lang, { signed })] as const);
  const long = Math.max(...labelled.map(([, s]) => s.length)) > 6 && labelled.length > 3;
  const shown = long
    ? labelled.filter((_, i) => i === 0 || i === labelled.length - 1 || i === (labelled.length - 1) / 2)
    : labelled;
  const notes = [...new Set([...measures.values(measure, year).values()].flatMap((v) => v.notes))];
  const [from, to] = model.yearRange;
  const points = data.points ? pointLegend(data.points, lang, t) : null;
  return {
    title: `${text.label} · ${year}`,
    hiddenNote: input.hidden ? t('story.hidden') : null,
    unit: text.unit,
    stops: legendStops(scale),
    ticks: shown.map(([v, label]) => ({ label, position: legendPosition(scale, v) })),
    noData: t('legend.noData'),
    borders: bordersText(input),
    districts: input.districts ? t('legend.districts') : null,
    scaleNote: input.scale === 'fixed' ? t('legend.fixedNote', { from, to }) : t('legend.yearNote', { year }),
    notes: notes.map((n) => t(`legend.${n}` as MessageKey, { year: year + 1 })),
    arcs: {
      title: points?.title ?? t('legend.arcs'),
      colours: [theme.origin, theme.destination],
      note: points?.note ?? t('legend.arcsDirection'),
    },
    widthsLabel: t('legend.arcsWidth'),
    widths: WIDTH_SAMPLES.map((n) => ({ px: Math.max(1, arcWidth(n)), label: formatCompact(n, lang) })),
    external:
      input.showExternal && !points
        ? {
            title: t('legend.external'),
            colours: [theme.externalOrigin, theme.externalDestination],
            note: t('legend.externalNote'),
          }
        : null,
    nodes: points?.nodes ?? t('legend.nodes'),
  };
}

/** Which borders the map shows, and why when they are not those in force at the year's end. */
export function bordersText({ data, measure, year, lang, t }: ViewInput): string {
  const { version } = data.drawn(measure, year);
  if (!version) return t('legend.noKazakhRegions', { year });
  const inForce = data.dataset.model.territories.inForce(year);
  const borders = version.label[lang];
  return t(version.id === inForce?.id ? 'legend.borders' : 'legend.bordersOfFigures', { borders });
}
