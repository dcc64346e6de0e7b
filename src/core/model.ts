/**
 * The in-memory model built once from the tidy tables: units, the crosswalk to
 * drawn polygons, boundary versions ("geographies") and indexed figures.
 * Pure data work: no DOM, no WebGL.
 */
import { aggregateFlowsByUnit, type UnitFlowTotals } from './flow-totals';
import type {
  AreaRow,
  CentreRow,
  ExternalRow,
  FlowRow,
  PopulationRow,
  RegionalRow,
  RussiaFlowRow,
  SourceRow,
  Tables,
  UnitRow,
} from './tables';

export type Lang = 'en' | 'ru' | 'kk';
export const LANGS: readonly Lang[] = ['en', 'ru', 'kk'];

/**
 * Boundary versions of the Kazakh statistics (see data-sources README):
 * G16 14 oblasts + 2 cities (South Kazakhstan incl. Shymkent) up to 1 Jan 2016,
 * G17 adds Shymkent from 1 Jan 2017, G20 adds Abai, Jetisu, Ulytau from 1 Jan 2022.
 */
export type Geography = 'G16_pre2017' | 'G17_2017_2021' | 'G20_2022plus' | 'RU';
const GEOGRAPHY_START: Record<Exclude<Geography, 'RU'>, string> = {
  G16_pre2017: '2000-01-01',
  G17_2017_2021: '2017-01-01',
  G20_2022plus: '2022-01-01',
};

export interface Unit extends UnitRow {
  /** The drawn polygon the unit lies in; null when the boundaries shown have no shape for it. */
  polygonId: string | null;
  /** [lon, lat] of the administrative centre. */
  centre: [number, number];
  centreName: string;
}

export interface Polygon {
  id: string;
  country: 'KZ' | 'RU';
  /** Every statistical unit that lies in this polygon, in table order. */
  unitCodes: string[];
}

/** A user's figures per unit and year, shown as the "custom" measure. */
export interface CustomFigures {
  name: string;
  unit: string;
  /** Counts can be summed over the units a polygon holds; rates and shares cannot. */
  additive: boolean;
  sourceId: string;
  byYear: Map<number, Map<string, number>>;
}

export interface Model {
  units: Map<string, Unit>;
  /** Kazakh units first, then Russian subjects, in table order. */
  unitList: Unit[];
  polygons: Map<string, Polygon>;
  sources: Map<string, SourceRow>;
  /** Chosen 1 January population: year -> unit -> row (national total under "KZ"). */
  population: Map<number, Map<string, PopulationRow>>;
  /** All other population rows (alternatives, non-1-January Russian figures). */
  populationOther: PopulationRow[];
  areas: AreaRow[];
  flows: FlowRow[];
  flowYears: number[];
  /** year -> unit -> totals of the inter-regional OD flows. */
  flowTotals: Map<number, Map<string, UnitFlowTotals>>;
  regional: RegionalRow[];
  external: ExternalRow[];
  russiaFlows: RussiaFlowRow[];
  /** Partner countries' names in the three languages (ISO 3166-1 alpha-2). */
  countries: Map<string, { en: string; ru: string; kk: string }>;
  /** Positions of whole countries for external arcs: "KZ" and partner ISO codes. */
  anchors: Map<string, [number, number]>;
  /** First and last year the timeline spans. */
  yearRange: [number, number];
  /** Imported figures, if the active dataset has them. */
  custom: CustomFigures | null;
}

/** Units that exist as statistical units in a boundary version. */
export function unitInGeography(unit: UnitRow, geography: Geography): boolean {
  if (geography === 'RU') return unit.country === 'RU';
  if (unit.country !== 'KZ') return false;
  return (unit.stat_from ?? '') <= GEOGRAPHY_START[geography];
}

export function buildModel(tables: Tables, custom: CustomFigures | null = null): Model {
  const centres = new Map<string, CentreRow>(tables['centres.csv'].map((c) => [c.unit_code, c]));
  const polygonOf = new Map(tables['crosswalk.csv'].map((c) => [c.unit_code, c.polygon_id]));
  const units = new Map<string, Unit>();
  const polygons = new Map<string, Polygon>();
  for (const row of tables['units.csv']) {
    const polygonId = polygonOf.get(row.unit_code) ?? null;
    const centre = centres.get(row.unit_code);
    // Validation reports a unit without a centre; the model skips what it cannot place.
    if (!centre) continue;
    units.set(row.unit_code, { ...row, polygonId, centre: [centre.lon, centre.lat], centreName: centre.centre_en });
    // A unit without a shape (imported boundaries that lack it) stays a node of the flows.
    if (!polygonId) continue;
    let polygon = polygons.get(polygonId);
    if (!polygon)
      polygons.set(polygonId, (polygon = { id: polygonId, country: row.country as 'KZ' | 'RU', unitCodes: [] }));
    polygon.unitCodes.push(row.unit_code);
  }
  // The unit a polygon is named after (it existed first) leads; later splits follow: "East Kazakhstan + Abai".
  for (const polygon of polygons.values())
    polygon.unitCodes.sort((a, b) => (units.get(a)!.stat_from ?? '').localeCompare(units.get(b)!.stat_from ?? ''));
  const unitList = [...units.values()].sort((a, b) => (a.country === b.country ? 0 : a.country === 'KZ' ? -1 : 1));

  const population = new Map<number, Map<string, PopulationRow>>();
  const populationOther: PopulationRow[] = [];
  for (const row of tables['population.csv']) {
    if (row.status !== 'chosen' || row.start_of_year !== 'yes') {
      populationOther.push(row);
      continue;
    }
    let byUnit = population.get(row.year);
    if (!byUnit) population.set(row.year, (byUnit = new Map()));
    byUnit.set(row.unit_code, row);
  }

  const flows = tables['flows.csv'];
  const flowTotals = aggregateFlowsByUnit(
    flows.map((f) => ({ year: f.year, origin: f.origin_code, destination: f.destination_code, migrants: f.migrants })),
  );
  const flowYears = [...flowTotals.keys()].sort((a, b) => a - b);

  const years = [...population.keys(), ...flowYears, ...(custom?.byYear.keys() ?? [])];
  const yearRange: [number, number] = years.length ? [Math.min(...years), Math.max(...years)] : [2000, 2000];

  return {
    units,
    unitList,
    polygons,
    sources: new Map(tables['sources.csv'].map((s) => [s.source_id, s])),
    population,
    populationOther,
    areas: tables['areas.csv'],
    flows,
    flowYears,
    flowTotals,
    regional: tables['regional_migration.csv'],
    external: tables['external_flows.csv'],
    russiaFlows: tables['russia_flows.csv'],
    anchors: new Map(tables['anchors.csv'].map((a) => [a.code, [a.lon, a.lat]])),
    countries: new Map(tables['countries.csv'].map((c) => [c.iso2, { en: c.name_en, ru: c.name_ru, kk: c.name_kk }])),
    custom,
    yearRange,
  };
}

/** The chosen area of a unit that applies to the population of 1 January of a year. */
export function areaFor(model: Model, unitCode: string, year: number): AreaRow | undefined {
  return model.areas.find(
    (a) =>
      a.unit_code === unitCode &&
      a.status === 'chosen' &&
      (a.valid_from === null || a.valid_from <= year) &&
      (a.valid_to === null || a.valid_to >= year),
  );
}

/** A unit's name in a language, using its former name where the figure predates a renaming. */
export function unitName(unit: UnitRow, lang: Lang, opts: { short?: boolean; asOf?: string } = {}): string {
  if (opts.asOf && unit.former_until && opts.asOf < unit.former_until) {
    const former = opts.short ? unit[`former_short_${lang}` as const] : unit[`former_name_${lang}` as const];
    if (former) return former;
  }
  return opts.short ? unit[`short_${lang}` as const] : unit[`name_${lang}` as const];
}
