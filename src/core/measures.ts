/**
 * Choropleth measures: a value per drawn polygon and year, the exact sum over
 * the statistical units that lie in the polygon. A polygon gets no value when
 * any unit it should hold in that year's boundary version lacks a figure:
 * nothing is interpolated or guessed. Pure data work.
 */
import type { BoundaryVersion } from './geography';
import { areaFor, type Geography, type Model } from './model';
import { sourceIds, type RegionalRow } from './tables';

export type MeasureId =
  | 'population'
  | 'density'
  | 'change'
  | 'net'
  | 'netRate'
  | 'arrivals'
  | 'departures'
  /** A user's imported figures (only when the active dataset has them). */
  | 'custom';

export interface MeasureInfo {
  id: MeasureId;
  /** Sequential for magnitudes, diverging around zero for net values. */
  scale: 'sequential' | 'diverging';
  /** Fraction digits shown for values. */
  digits: number;
}

export const MEASURES: readonly MeasureInfo[] = [
  { id: 'population', scale: 'sequential', digits: 0 },
  { id: 'density', scale: 'sequential', digits: 1 },
  { id: 'change', scale: 'diverging', digits: 0 },
  { id: 'net', scale: 'diverging', digits: 0 },
  { id: 'netRate', scale: 'diverging', digits: 1 },
  { id: 'arrivals', scale: 'sequential', digits: 0 },
  { id: 'departures', scale: 'sequential', digits: 0 },
  { id: 'custom', scale: 'sequential', digits: 2 },
];
export const MEASURE_IDS = MEASURES.map((m) => m.id);
export const measureInfo = (id: MeasureId): MeasureInfo => MEASURES.find((m) => m.id === id)!;

/** 1 January figures that BNS rebased on a census (sources README): changes into them are not growth alone. */
export const CENSUS_REBASED_YEARS: readonly number[] = [2009, 2022];

export interface UnitFigure {
  unit: string;
  value: number;
  sourceIds: string[];
}

export interface PolygonValue {
  polygonId: string;
  year: number;
  /** null when a figure is missing; `missing` then says for which units. */
  value: number | null;
  /** Units summed into the value, in the boundary version of the figures. */
  unitCodes: string[];
  /** The boundary version the figures refer to; decides names such as "South Kazakhstan". */
  geography: Geography | null;
  parts: UnitFigure[];
  missing: string[];
  sourceIds: string[];
  /** Message keys of caveats that apply (e.g. "censusRebase"). */
  notes: string[];
}

/**
 * A unit-level figure for a year, with the statistical geography it refers to.
 * Kazakh figures are given per statistical unit of `geography(year)`; Russian
 * subjects' figures (geography "RU") come from `russian`.
 */
interface UnitSeries {
  geography(year: number): Geography | null;
  figure(unit: string, year: number): UnitFigure | null;
}

function populationSeries(model: Model): UnitSeries {
  return {
    geography(year) {
      const row = model.population.get(year)?.get('KZ');
      return (row?.geography as Geography | undefined) ?? null;
    },
    figure(unit, year) {
      if (unit.startsWith('RU-')) {
        // Rosstat's revised series (S173), never mixed with Kazakhstan's 1 January counts.
        const r = model.russiaPopulation.get(year)?.get(unit);
        return r ? { unit, value: r.population, sourceIds: sourceIds(r.source_id) } : null;
      }
      const row = model.population.get(year)?.get(unit);
      return row ? { unit, value: row.population, sourceIds: sourceIds(row.source_id) } : null;
    },
  };
}

/** Average annual population in today's 20 units (S171): the denominator of rates per 1,000. */
function averagePopulationSeries(model: Model): UnitSeries {
  return {
    geography: (year) => (model.averagePopulation.has(year) ? 'G20_2022plus' : null),
    figure(unit, year) {
      const r = model.averagePopulation.get(year)?.get(unit);
      return r ? { unit, value: r.avg_population, sourceIds: sourceIds(r.source_id) } : null;
    },
  };
}

/**
 * Net inter-regional migration of a unit in a full year: from the OD flows where
 * they exist; otherwise from a full-year official balance (BNS tables via S03,
 * BNS releases). Other scopes (all internal moves, rounded news) are left out.
 */
export function isFullYearBalance(r: RegionalRow): r is RegionalRow & { net: number } {
  // S03's "internal total" rows carry the inter-regional balance as their net.
  const scoped = r.flow_scope === 'interregional' || r.flow_scope === 'internal_total_arrivals_departures';
  return r.period === 'Jan-Dec' && scoped && r.net !== null;
}

function netSeries(model: Model): UnitSeries {
  const official = new Map<string, UnitFigure>();
  for (const r of model.regional) {
    if (!isFullYearBalance(r)) continue;
    const key = `${r.year}|${r.unit_code}`;
    // The complete S03 table comes first in the file; a release of the same figure does not replace it.
    if (!official.has(key)) official.set(key, { unit: r.unit_code, value: r.net, sourceIds: sourceIds(r.source_id) });
  }
  const flowSource = odSources(model);
  return {
    geography: (year) => (model.flowTotals.has(year) || hasOfficial(model, year) ? 'G20_2022plus' : null),
    figure(unit, year) {
      const od = model.flowTotals.get(year)?.get(unit);
      if (od) return { unit, value: od.net, sourceIds: flowSource.get(year) ?? [] };
      return official.get(`${year}|${unit}`) ?? null;
    },
  };
}

const hasOfficial = (model: Model, year: number) => model.regional.some((r) => r.year === year && isFullYearBalance(r));

function odSources(model: Model): Map<number, string[]> {
  const byYear = new Map<number, Set<string>>();
  for (const f of model.flows) {
    let s = byYear.get(f.year);
    if (!s) byYear.set(f.year, (s = new Set()));
    for (const id of sourceIds(f.source_id)) s.add(id);
  }
  return new Map([...byYear].map(([y, s]) => [y, [...s]]));
}

function flowSeries(model: Model, field: 'arrivals' | 'departures'): UnitSeries {
  const flowSource = odSources(model);
  return {
    geography: (year) => (model.flowTotals.has(year) ? 'G20_2022plus' : null),
    figure(unit, year) {
      const t = model.flowTotals.get(year)?.get(unit);
      return t ? { unit, value: t[field], sourceIds: flowSource.get(year) ?? [] } : null;
    },
  };
}

/**
 * Sums a series over the statistical units of its geography that tile the
 * polygon (geography.ts: a figure is never split); no value when they do not
 * tile it or one of them lacks a figure.
 */
function polygonSum(model: Model, series: UnitSeries, polygonId: string, year: number): PolygonValue {
  const polygon = model.polygons.get(polygonId);
  const geography = polygon?.country === 'RU' ? 'RU' : series.geography(year);
  const base: PolygonValue = {
    polygonId,
    year,
    value: null,
    unitCodes: [],
    geography,
    parts: [],
    missing: [],
    sourceIds: [],
    notes: [],
  };
  if (!polygon || !geography) return base;
  const unitCodes = geography === 'RU' ? polygon.unitCodes : model.territories.cover(polygonId, geography);
  if (!unitCodes) return { ...base, notes: ['otherBorders'] };
  const parts: UnitFigure[] = [];
  const missing: string[] = [];
  for (const u of unitCodes) {
    const f = series.figure(u, year);
    if (f) parts.push(f);
    else missing.push(u);
  }
  const complete = unitCodes.length > 0 && missing.length === 0;
  return {
    ...base,
    unitCodes,
    parts,
    missing,
    value: complete ? parts.reduce((s, p) => s + p.value, 0) : null,
    sourceIds: [...new Set(parts.flatMap((p) => p.sourceIds))],
  };
}

function combine(
  a: PolygonValue,
  b: PolygonValue,
  f: (x: number, y: number) => number | null,
  extra: Partial<PolygonValue> = {},
): PolygonValue {
  const value = a.value !== null && b.value !== null ? f(a.value, b.value) : null;
  return {
    ...a,
    value,
    missing: [...new Set([...a.missing, ...b.missing])],
    sourceIds: [...new Set([...a.sourceIds, ...b.sourceIds])],
    ...extra,
  };
}

/** Computes and memoises every polygon's value for every measure and year. */
export class MeasureTable {
  private readonly cache = new Map<string, PolygonValue>();
  private readonly drawnCache = new Map<string, Map<string, PolygonValue>>();
  private readonly population: UnitSeries;
  private readonly averagePopulation: UnitSeries;
  private readonly series: Record<'net' | 'arrivals' | 'departures', UnitSeries>;

  constructor(readonly model: Model) {
    this.population = populationSeries(model);
    this.averagePopulation = averagePopulationSeries(model);
    this.series = {
      net: netSeries(model),
      arrivals: flowSeries(model, 'arrivals'),
      departures: flowSeries(model, 'departures'),
    };
  }

  /** The Kazakh statistical geographies a measure's figures of a year are given in. */
  geographies(measure: MeasureId, year: number): Geography[] {
    const of = (series: UnitSeries, y = year) => {
      const g = series.geography(y);
      return g ? [g] : [];
    };
    switch (measure) {
      case 'population':
      case 'density':
        return of(this.population);
      case 'change': {
        // A change needs both years; without the second, the first year's borders are drawn.
        const [a, b] = [of(this.population), of(this.population, year + 1)];
        return a.length && b.length ? [...a, ...b] : [];
      }
      case 'netRate':
        return of(this.series.net).length && of(this.averagePopulation).length ? ['G20_2022plus'] : [];
      case 'custom': {
        const g = this.model.custom?.byYear.has(year) ? this.customGeography(year) : null;
        return g ? [g] : [];
      }
      default:
        return of(this.series[measure]);
    }
  }

  /**
   * The Kazakh boundary version a measure is drawn in for a year: the one its
   * figures were published in (geography.ts), or the borders in force when
   * the year holds none; null before the first year of any Kazakh figure.
   */
  version(measure: MeasureId, year: number): BoundaryVersion | null {
    return this.model.territories.versionFor(this.geographies(measure, year), year, this.model.firstKazakhYear);
  }

  /** The polygons drawn for a measure and year: the version's and the Russian subjects'. */
  drawnPolygons(measure: MeasureId, year: number): string[] {
    const version = this.version(measure, year);
    return [...(version?.polygonIds ?? []), ...this.model.territories.russianVersions().flatMap((v) => v.polygonIds)];
  }

  /** Values of the drawn polygons for a measure and year (memoised). */
  values(measure: MeasureId, year: number): Map<string, PolygonValue> {
    const key = `${measure}|${year}`;
    let byPolygon = this.drawnCache.get(key);
    if (!byPolygon) {
      byPolygon = new Map(this.drawnPolygons(measure, year).map((id) => [id, this.value(measure, id, year)!]));
      this.drawnCache.set(key, byPolygon);
    }
    return byPolygon;
  }

  /** The value of any polygon of any version (drawn or not: panels and stories name old regions too). */
  value(measure: MeasureId, polygonId: string, year: number): PolygonValue | undefined {
    if (!this.model.polygons.has(polygonId)) return undefined;
    const key = `${measure}|${year}|${polygonId}`;
    let v = this.cache.get(key);
    if (!v) this.cache.set(key, (v = this.compute(measure, polygonId, year)));
    return v;
  }

  /** Every finite value of a measure drawn anywhere on the timeline, for fixed scales. */
  allValues(measure: MeasureId): number[] {
    const out: number[] = [];
    const [from, to] = this.model.yearRange;
    for (let y = from; y <= to; y++)
      for (const v of this.values(measure, y).values())
        if (v.value !== null && Number.isFinite(v.value)) out.push(v.value);
    return out;
  }

  /** The geography of imported figures in a year (as the import read their units; today's when unsaid). */
  private customGeography(year: number): Geography {
    return (this.model.custom?.geographyByYear?.[year] as Geography | undefined) ?? 'G20_2022plus';
  }

  /**
   * Imported figures: summed over a polygon's units only when they are counts
   * (the user says so at import); a rate or share of a polygon holding several
   * units has no value, with the note saying why.
   */
  private custom(polygonId: string, year: number): PolygonValue {
    const custom = this.model.custom;
    const byUnit = custom?.byYear.get(year);
    const polygon = this.model.polygons.get(polygonId);
    const geography = polygon?.country === 'RU' ? 'RU' : this.customGeography(year);
    const empty: PolygonValue = {
      polygonId,
      year,
      value: null,
      unitCodes: [],
      geography: null,
      parts: [],
      missing: [],
      sourceIds: [],
      notes: [],
    };
    if (!custom || !byUnit || !polygon) return empty;
    // The units of the file's geography that tile the polygon; a figure covering more is not split.
    const units = geography === 'RU' ? polygon.unitCodes : this.model.territories.cover(polygonId, geography);
    if (!units) return { ...empty, notes: ['otherBorders'] };
    const present = units.filter((u) => byUnit.has(u));
    if (present.length === 0) return { ...empty, missing: units };
    const parts = present.map((u) => ({ unit: u, value: byUnit.get(u)!, sourceIds: [custom.sourceId] }));
    const base = { ...empty, geography, unitCodes: present, parts, sourceIds: [custom.sourceId] };
    if (present.length === 1) return { ...base, value: parts[0]!.value };
    return custom.additive
      ? { ...base, value: parts.reduce((s, p) => s + p.value, 0) }
      : { ...base, notes: ['notAdditive'] };
  }

  private compute(measure: MeasureId, polygonId: string, year: number): PolygonValue {
    const v = this.computeValue(measure, polygonId, year);
    // Russian subjects' population is Rosstat's revised series: the legend and tooltip say so.
    const rosstat = ['population', 'density', 'change'].includes(measure) && v.geography === 'RU' && v.value !== null;
    return rosstat ? { ...v, notes: [...v.notes, 'rosstatSeries'] } : v;
  }

  private computeValue(measure: MeasureId, polygonId: string, year: number): PolygonValue {
    const pop = () => polygonSum(this.model, this.population, polygonId, year);
    switch (measure) {
      case 'population':
        return pop();
      case 'density': {
        const p = pop();
        const areas = p.unitCodes.map((u) => areaFor(this.model, u, year));
        if (areas.some((a) => !a)) return { ...p, value: null };
        const area = areas.reduce((s, a) => s + a!.area_km2, 0);
        return {
          ...p,
          value: p.value === null ? null : p.value / area,
          sourceIds: [...new Set([...p.sourceIds, ...areas.flatMap((a) => sourceIds(a!.source_id))])],
        };
      }
      case 'change': {
        const next = polygonSum(this.model, this.population, polygonId, year + 1);
        const kazakh = this.model.polygons.get(polygonId)!.country === 'KZ';
        const notes = kazakh && CENSUS_REBASED_YEARS.includes(year + 1) ? ['censusRebase'] : [];
        return combine(pop(), next, (a, b) => b - a, { notes });
      }
      case 'netRate': {
        // Per 1,000 of the average annual population (S171), both in today's units.
        const net = polygonSum(this.model, this.series.net, polygonId, year);
        const average = polygonSum(this.model, this.averagePopulation, polygonId, year);
        return combine(net, average, (n, p) => (p > 0 ? (n / p) * 1000 : null), {
          unitCodes: net.unitCodes,
          parts: net.parts,
          geography: net.geography,
        });
      }
      case 'custom':
        return this.custom(polygonId, year);
      default:
        return polygonSum(this.model, this.series[measure], polygonId, year);
    }
  }
}
