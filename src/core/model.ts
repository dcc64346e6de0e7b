/**
 * The in-memory model built once from the tidy tables: units, the boundary
 * versions and their polygons (data/boundaries.csv), and indexed figures.
 * Pure data work: no DOM, no WebGL.
 */
import { aggregateFlowsByUnit, type UnitFlowTotals } from './flow-totals';
import {
  boundariesFrom,
  Territories,
  type BoundaryVersion,
  type Boundaries,
  type Geography,
  type Polygon,
} from './geography';
import type {
  AreaRow,
  AvgPopulationRow,
  RussiaKzMigrationRow,
  RussiaPopulationRow,
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

export type { BoundaryVersion, Geography, Lang, Polygon } from './geography';
import type { Lang } from './geography';
export const LANGS: readonly Lang[] = ['en', 'ru', 'kk'];

/**
 * Boundary versions of the Kazakh statistics (see data-sources README):
 * G16 14 oblasts + 2 cities (South Kazakhstan incl. Shymkent) up to 1 Jan 2016,
 * G17 adds Shymkent from 1 Jan 2017, G20 adds Abai, Jetisu, Ulytau from 1 Jan 2022.
 */
const GEOGRAPHY_START: Record<Exclude<Geography, 'RU'>, string> = {
  G16_pre2017: '2000-01-01',
  G17_2017_2021: '2017-01-01',
  G20_2022plus: '2022-01-01',
};

export interface Unit extends UnitRow {
  /** Today's drawn polygon of the unit (the finest version that holds it); null when no drawn shape has it. */
  polygonId: string | null;
  /** [lon, lat] of the administrative centre. */
  centre: [number, number];
  centreName: string;
}

/** A user's figures per unit and year, shown as the "custom" measure. */
export interface CustomFigures {
  name: string;
  unit: string;
  /** Counts can be summed over the units a polygon holds; rates and shares cannot. */
  additive: boolean;
  sourceId: string;
  byYear: Map<number, Map<string, number>>;
  /** The statistical geography of each year's figures (the import's reading of the units it names). */
  geographyByYear?: Record<number, string>;
}

export interface Model {
  units: Map<string, Unit>;
  /** Kazakh units first, then Russian subjects, in table order. */
  unitList: Unit[];
  /** Every drawn shape of every boundary version, by id (one id names one shape). */
  polygons: Map<string, Polygon>;
  /** The boundary versions that can be drawn, in table order. */
  versions: BoundaryVersion[];
  /** Which units tile which polygon, which version a year is drawn in. */
  territories: Territories;
  /** First year of any Kazakh regional figure: Kazakhstan's regions are not drawn before it. */
  firstKazakhYear: number;
  sources: Map<string, SourceRow>;
  /** Chosen 1 January population of Kazakh units: year -> unit -> row (national total under "KZ"). */
  population: Map<number, Map<string, PopulationRow>>;
  /** All other population rows (alternatives, other reference dates, Russian 1 January figures). */
  populationOther: PopulationRow[];
  /** Average annual population in today's units (S171): year -> unit -> row (national under "KZ"). */
  averagePopulation: Map<number, Map<string, AvgPopulationRow>>;
  /** Russian border subjects' population, Rosstat's revised series (S173): year -> unit -> row. */
  russiaPopulation: Map<number, Map<string, RussiaPopulationRow>>;
  /** Russia's own count of its migration with Kazakhstan (S174), by year. */
  russiaCount: Map<number, RussiaKzMigrationRow>;
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

function byYearAndUnit<T extends { year: number; unit_code: string }>(rows: readonly T[]): Map<number, Map<string, T>> {
  const out = new Map<number, Map<string, T>>();
  for (const row of rows) {
    let byUnit = out.get(row.year);
    if (!byUnit) out.set(row.year, (byUnit = new Map()));
    byUnit.set(row.unit_code, row);
  }
  return out;
}

/**
 * The model of the tables. `drawn` replaces the built-in boundary versions
 * (imported boundaries); the built-in ones still say what each statistical
 * geography's units cover.
 */
export function buildModel(
  tables: Tables,
  custom: CustomFigures | null = null,
  drawn: Boundaries | null = null,
): Model {
  const centres = new Map<string, CentreRow>(tables['centres.csv'].map((c) => [c.unit_code, c]));
  const statistics = boundariesFrom(tables['boundary_versions.csv'], tables['boundaries.csv']);
  const boundaries = drawn ?? statistics;
  const territories = new Territories(boundaries, statistics);
  // A unit's own polygon: in the finest version that draws it (today's borders).
  const finest = [...territories.kazakhVersions()].reverse().concat(territories.russianVersions());
  const polygonOf = (unit: string) => {
    for (const v of finest)
      for (const id of v.polygonIds) if (boundaries.polygons.get(id)!.unitCodes.includes(unit)) return id;
    return null;
  };
  const units = new Map<string, Unit>();
  for (const row of tables['units.csv']) {
    const centre = centres.get(row.unit_code);
    // Validation reports a unit without a centre; the model skips what it cannot place.
    if (!centre) continue;
    units.set(row.unit_code, {
      ...row,
      polygonId: polygonOf(row.unit_code),
      centre: [centre.lon, centre.lat],
      centreName: centre.centre_en,
    });
  }
  const unitList = [...units.values()].sort((a, b) => (a.country === b.country ? 0 : a.country === 'KZ' ? -1 : 1));

  const population = new Map<number, Map<string, PopulationRow>>();
  const populationOther: PopulationRow[] = [];
  for (const row of tables['population.csv']) {
    // Russian subjects are coloured by Rosstat's revised series only, never mixed with 1 January figures.
    if (row.status !== 'chosen' || row.start_of_year !== 'yes' || row.unit_code.startsWith('RU-')) {
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
  const russiaPopulation = byYearAndUnit(tables['russia_population.csv']);
  const russiaCount = new Map(tables['russia_kz_migration.csv'].map((r) => [r.year, r]));

  const kazakhYears = [...population.keys(), ...flowYears, ...(custom?.byYear.keys() ?? [])];
  const years = [...kazakhYears, ...russiaPopulation.keys(), ...russiaCount.keys()];
  const yearRange: [number, number] = years.length ? [Math.min(...years), Math.max(...years)] : [2000, 2000];

  return {
    units,
    unitList,
    polygons: boundaries.polygons,
    versions: boundaries.versions,
    territories,
    firstKazakhYear: kazakhYears.length ? Math.min(...kazakhYears) : yearRange[0],
    sources: new Map(tables['sources.csv'].map((s) => [s.source_id, s])),
    population,
    populationOther,
    averagePopulation: byYearAndUnit(tables['population_avg.csv']),
    russiaPopulation,
    russiaCount,
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
