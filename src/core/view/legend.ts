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
  /** Whether the stops are classes (each an equal, solid part of the bar) rather than a gradient. */
  classed: boolean;
  /** Tick labels at their place along the bar (0–1), ascending; the page shows those that do not overlap. */
  ticks: { label: string; position: number }[];
  noData: string;
  /** For a scale diverging around zero: what zero and the two sides mean (null otherwise). */
  zeroNote: string | null;
  /**
   * Net migration between regions sums to zero; the many brown regions lose
   * what the few blue-green ones gain (said with the year's counts, when the
   * year's figures do sum to zero). Without it a map of brown reads "everyone loses".
   */
  balance: string | null;
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
  const notes = [...new Set([...measures.values(measure, year).values()].flatMap((v) => v.notes))];
  const [from, to] = model.yearRange;
  const points = data.points ? pointLegend(data.points, lang, t) : null;
  return {
    title: `${text.label} · ${year}`,
    hiddenNote: input.hidden ? t('story.hidden') : null,
    unit: text.unit,
    stops: legendStops(scale),
    classed: scale.transform === 'classes',
    // All of them: the page shows those that fit its width without overlapping (ui/tick-fit.ts).
    ticks: scale.ticks.map((v) => ({ label: formatCompact(v, lang, { signed }), position: legendPosition(scale, v) })),
    noData: t('legend.noData'),
    zeroNote: signed ? zeroNote(input) : null,
    balance: measure === 'net' ? netBalance(input) : null,
    borders: bordersText(input),
    districts: input.districts ? t('legend.districts') : null,
    scaleNote: scaleNote(input, scale.classes, from, to),
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

/** What zero and the two colours mean, for the built-in measures that diverge around zero. */
function zeroNote({ measure, t }: ViewInput): string | null {
  if (measure === 'net' || measure === 'netRate') return t('legend.zeroNet');
  if (measure === 'change') return t('legend.zeroChange');
  return null;
}

/** "16 regions lost what 4 gained" when the year's net figures of Kazakhstan's regions are all there and sum to zero. */
function netBalance({ data, year, t }: ViewInput): string | null {
  const { model, measures } = data.dataset;
  const values = [...measures.values('net', year)]
    .filter(([id]) => model.polygons.get(id)?.country === 'KZ')
    .map(([, v]) => v.value);
  if (values.length < 2 || values.some((v) => v === null)) return null;
  const figures = values as number[];
  const moved = figures.reduce((a, v) => a + Math.abs(v), 0);
  const sum = figures.reduce((a, v) => a + v, 0);
  if (moved === 0 || Math.abs(sum) > moved * 0.005) return null;
  return t('legend.netBalance', {
    losing: figures.filter((v) => v < 0).length,
    gaining: figures.filter((v) => v > 0).length,
  });
}

/** Which scale the colours follow: fixed or fitted to the year, and for classes what a class holds. */
function scaleNote({ scale, year, t }: ViewInput, classes: number | undefined, from: number, to: number): string {
  if (classes === undefined)
    return scale === 'fixed' ? t('legend.fixedNote', { from, to }) : t('legend.yearNote', { year });
  return scale === 'fixed'
    ? t('legend.classesFixed', { from, to, n: classes })
    : t('legend.classesYear', { year, n: classes });
}

/** Which borders the map shows, and why when they are not those in force at the year's end. */
export function bordersText({ data, measure, year, lang, t }: ViewInput): string {
  const { version } = data.drawn(measure, year);
  if (!version) return t('legend.noKazakhRegions', { year });
  const inForce = data.dataset.model.territories.inForce(year);
  const borders = version.label[lang];
  return t(version.id === inForce?.id ? 'legend.borders' : 'legend.bordersOfFigures', { borders });
}
