/**
 * Resolves a story's figures against the project's data, so that every
 * number in a caption comes from a table with a source: facts from
 * data/facts.csv, programme counts from data/enbek.csv and data/kandas.csv,
 * Russia's own count (S174), and sums, shares,
 * densities and extremes computed from the regional figures. Pure: no DOM.
 */
import { formatNumber } from '../../core/format';
import type { Dataset } from '../../core/load';
import { unitName, type Lang } from '../../core/model';
import { northSouthSeries, type GroupDensity } from '../../core/north-south';
import { sourceIds } from '../../core/tables';
import type { FigureSpec } from './story';

export interface ResolvedFigure {
  /** null when the data has no such figure: the caption then shows a gap mark. */
  value: number | null;
  text: string;
  sourceIds: string[];
}

export type Qualifier = 'exact' | 'more_than' | 'about';

const QUALIFIED: Record<Lang, Record<Exclude<Qualifier, 'exact'>, (v: string) => string>> = {
  en: { more_than: (v) => `more than ${v}`, about: (v) => `about ${v}` },
  ru: { more_than: (v) => `более ${v}`, about: (v) => `около ${v}` },
  kk: { more_than: (v) => `${v}-нан астам`, about: (v) => `шамамен ${v}` },
};

export const GAP = '[—]';

export class FigureResolver {
  private series: GroupDensity[] | null = null;

  constructor(private readonly dataset: Dataset) {}

  resolve(spec: FigureSpec, lang: Lang): ResolvedFigure {
    const { tables, model, measures } = this.dataset;
    const n = (v: number, digits = 0) => formatNumber(v, lang, { digits });
    const gap = (ids: string[] = []): ResolvedFigure => ({ value: null, text: GAP, sourceIds: ids });
    switch (spec.kind) {
      case 'fact': {
        const fact = tables['facts.csv'].find((f) => f.fact_id === spec.fact);
        const value = fact?.figure && /^-?\d+(\.\d+)?$/.test(fact.figure) ? Math.abs(Number(fact.figure)) : null;
        if (!fact || value === null) return gap(fact ? [fact.source_id] : []);
        return { value, text: n(value), sourceIds: sourceIds(fact.source_id) };
      }
      case 'enbek': {
        const row = tables['enbek.csv'].find(
          (r) =>
            r.year === spec.year && r.period === spec.period && r.unit_code === spec.unit && r.measure === spec.measure,
        );
        if (!row) return gap();
        const q: Qualifier =
          row.qualifier === 'more_than' ? 'more_than' : row.qualifier.startsWith('rounded') ? 'about' : 'exact';
        return { value: row.value, text: qualify(n(row.value), q, lang), sourceIds: sourceIds(row.source_id) };
      }
      case 'sum': {
        const values = spec.regions.map((r) => measures.value(spec.measure, r, spec.year));
        if (values.some((v) => !v || v.value === null)) return gap();
        const value = values.reduce((s, v) => s + v!.value!, 0);
        return { value, text: n(Math.abs(value)), sourceIds: unique(values.flatMap((v) => v!.sourceIds)) };
      }
      case 'share': {
        const values = spec.regions.map((r) => measures.value('population', r, spec.year));
        const total = model.population.get(spec.year)?.get('KZ');
        if (!total || values.some((v) => !v || v.value === null)) return gap();
        const value = (values.reduce((s, v) => s + v!.value!, 0) / total.population) * 100;
        return {
          value,
          text: `${n(value, 0)} %`,
          sourceIds: unique([...values.flatMap((v) => v!.sourceIds), total.source_id]),
        };
      }
      case 'density':
      case 'ratio': {
        this.series ??= northSouthSeries(measures);
        const row = this.series.find((s) => s.year === spec.year);
        if (!row) return gap();
        const value = spec.kind === 'ratio' ? row.ratio : row[spec.group];
        return { value, text: n(value, 1), sourceIds: row.sourceIds };
      }
      case 'extreme': {
        // Statistical units, not drawn polygons: "which region lost the most" asks about a region as the bureau counts it.
        const totals = model.flowTotals.get(spec.year);
        if (!totals) return gap();
        const [unit, t] = [...totals].reduce((a, b) =>
          spec.which === 'min'
            ? b[1][spec.measure] < a[1][spec.measure]
              ? b
              : a
            : b[1][spec.measure] > a[1][spec.measure]
              ? b
              : a,
        );
        const value = t[spec.measure];
        const name = unitName(model.units.get(unit)!, lang);
        const ids = unique(model.flows.filter((f) => f.year === spec.year).map((f) => f.source_id));
        return {
          value,
          text: `${name} (${formatNumber(value, lang, { signed: spec.measure === 'net' })})`,
          sourceIds: ids,
        };
      }
      case 'russia': {
        const row = model.russiaCount.get(spec.year);
        if (!row) return gap();
        const value = row[spec.direction];
        return { value, text: n(value), sourceIds: sourceIds(row.source_id) };
      }
      case 'kandas': {
        const row = tables['kandas.csv'].find((r) => r.year === spec.year && r.period === spec.period);
        if (!row) return gap();
        return {
          value: row.kandas_status_granted,
          text: n(row.kandas_status_granted),
          sourceIds: sourceIds(row.source_id),
        };
      }
      case 'external': {
        const row = model.external.find(
          (r) =>
            r.level === 'national' &&
            r.unit_code === 'KZ' &&
            r.partner === spec.partner &&
            r.year === String(spec.year) &&
            r.period === 'Jan-Dec' &&
            r.status === 'chosen',
        );
        const value = row?.[spec.direction] ?? null;
        if (!row || value === null) return gap(row ? sourceIds(row.source_id) : []);
        return {
          value,
          text: qualify(n(value), /rounded/.test(row.quality_flag) ? 'about' : 'exact', lang),
          sourceIds: sourceIds(row.source_id),
        };
      }
    }
  }

  /** A text with its {placeholders} filled by the step's figures. */
  fill(template: string, figures: Record<string, FigureSpec>, lang: Lang): { text: string; sourceIds: string[] } {
    const ids = new Set<string>();
    const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const spec = figures[name];
      if (!spec) return GAP;
      const f = this.resolve(spec, lang);
      f.sourceIds.forEach((id) => ids.add(id));
      return f.text;
    });
    return { text, sourceIds: [...ids] };
  }
}

const qualify = (value: string, q: Qualifier, lang: Lang) => (q === 'exact' ? value : QUALIFIED[lang][q](value));
const unique = (xs: string[]) => [...new Set(xs)];
