/**
 * Schemas of the project's tidy files (data/*.csv, geo/centres.csv) and their
 * parsing into typed rows. The same code runs in the browser and in
 * `npm run data:check`.
 */
import { SOURCE_KINDS } from './sources';
import { parseTable, type DataIssue, type RowOf, type Schema } from './csv';

const str = { type: 'string' } as const;
const optStr = { type: 'string', optional: true } as const;
const count = { type: 'int', nonNegative: true } as const;
const optCount = { type: 'int', nonNegative: true, optional: true } as const;
const optInt = { type: 'int', optional: true } as const;
const year = { type: 'year' } as const;
const optYear = { type: 'year', optional: true } as const;
const status = { type: 'string', oneOf: ['chosen', 'alternative'] } as const;
const yesNo = { type: 'string', oneOf: ['yes', 'no'] } as const;

export const SCHEMAS = {
  'units.csv': {
    unit_code: str,
    legacy_code: optStr,
    country: { type: 'string', oneOf: ['KZ', 'RU'] },
    kind: { type: 'string', oneOf: ['oblast', 'city', 'ru_subject'] },
    name_en: str,
    name_ru: str,
    name_kk: str,
    short_en: str,
    short_ru: str,
    short_kk: str,
    former_name_en: optStr,
    former_name_ru: optStr,
    former_name_kk: optStr,
    former_short_en: optStr,
    former_short_ru: optStr,
    former_short_kk: optStr,
    former_until: optStr,
    stat_from: optStr,
    names_source_id: str,
    // Codes joined from S172 (KATO, ISO 3166-2 alpha as S172 gives it) and S173 (OKATO of the Russian subjects).
    kato: optStr,
    iso_alpha: optStr,
    okato: optStr,
    codes_source_id: str,
  },
  // Boundary versions (geo/regions.topojson objects) and the units of today each of their polygons covers.
  'boundary_versions.csv': {
    version: str,
    valid_from: optStr,
    valid_to: optStr,
    geography: str,
    polygons: count,
    label_en: str,
    label_ru: str,
    label_kk: str,
    note: optStr,
    source_id: str,
  },
  'boundaries.csv': { version: str, polygon_id: str, units: str, stat_unit: str, note: optStr, source_id: str },
  // Average annual population (S171): a denominator for rates, never a 1 January count.
  'population_avg.csv': {
    unit_code: str,
    year,
    avg_population: { type: 'number', nonNegative: true },
    geography: str,
    source_id: str,
  },
  'russia_population.csv': { unit_code: str, year, population: count, series: str, source_id: str, note: optStr },
  'russia_kz_migration.csv': {
    year,
    arrivals_from_kz: count,
    departures_to_kz: count,
    net_to_russia: { type: 'int' },
    counted_by: str,
    source_id: str,
  },
  'centres.csv': {
    unit_code: str,
    centre_en: str,
    lat: { type: 'number' },
    lon: { type: 'number' },
    geonames_name: str,
    source: str,
  },
  'anchors.csv': {
    code: str,
    name_en: str,
    kind: { type: 'string', oneOf: ['national', 'capital'] },
    lat: { type: 'number' },
    lon: { type: 'number' },
    source: str,
  },
  'population.csv': {
    unit_code: str,
    year,
    reference: str,
    start_of_year: yesNo,
    population: count,
    geography: str,
    status,
    source_id: str,
    note: optStr,
  },
  'areas.csv': {
    unit_code: str,
    valid_from: optYear,
    valid_to: optYear,
    area_km2: { type: 'number', nonNegative: true },
    boundary: str,
    status,
    source_id: str,
    note: optStr,
  },
  'flows.csv': {
    year,
    origin_code: str,
    destination_code: str,
    migrants: count,
    period: str,
    geography: str,
    source_id: str,
    quality_flag: str,
  },
  'regional_migration.csv': {
    unit_code: str,
    year,
    period: str,
    flow_scope: str,
    arrivals: optCount,
    departures: optCount,
    net: optInt,
    geography: str,
    source_id: str,
    quality_flag: optStr,
    note: optStr,
  },
  'external_flows.csv': {
    level: { type: 'string', oneOf: ['national', 'region'] },
    unit_code: str,
    partner: str,
    // Cumulative rows carry a span such as 2000-2021, so the year stays text.
    year: str,
    period: str,
    immigrants: optCount,
    emigrants: optCount,
    net: optInt,
    status,
    source_id: str,
    quality_flag: str,
    note: optStr,
  },
  'russia_flows.csv': {
    unit_code: str,
    year,
    period: str,
    arrivals_from_kz: optCount,
    departures_to_kz: optCount,
    net_with_kz: optInt,
    statistic: str,
    comparable: yesNo,
    source_id: str,
    note: optStr,
  },
  'sources.csv': {
    source_id: str,
    title: str,
    publisher: str,
    url: optStr,
    accessed_via: optStr,
    notes: optStr,
    // The project's short names in Russian and Kazakh (English: the publisher) and the kind of
    // publication (src/core/sources.ts), from data/source_names.csv.
    kind: { type: 'string', oneOf: SOURCE_KINDS },
    name_ru: str,
    name_kk: str,
  },
  'countries.csv': { iso2: str, name_en: str, name_ru: str, name_kk: str, source_id: str },
  'facts.csv': {
    fact_id: str,
    statement_en: str,
    // Figures may be a number, a range (20800000-21500000) or a date, so they stay text.
    figure: optStr,
    unit: str,
    year_or_period: str,
    region_or_group: str,
    exact_quote_ru_or_en: str,
    source_id: str,
  },
  // Kandas (returning ethnic Kazakhs) granted the status, national, with the period each release covers.
  'kandas.csv': {
    unit_code: str,
    year,
    period: str,
    kandas_status_granted: count,
    source_id: str,
    note: optStr,
  },
  'enbek.csv': {
    year: str,
    period: str,
    unit_code: str,
    measure: str,
    unit: str,
    value: count,
    qualifier: str,
    source_id: str,
    note: optStr,
  },
} as const satisfies Record<string, Schema>;

export type TableName = keyof typeof SCHEMAS;
export type Tables = { [K in TableName]: RowOf<(typeof SCHEMAS)[K]>[] };

export type UnitRow = Tables['units.csv'][number];
export type PopulationRow = Tables['population.csv'][number];
export type AreaRow = Tables['areas.csv'][number];
export type FlowRow = Tables['flows.csv'][number];
export type RegionalRow = Tables['regional_migration.csv'][number];
export type ExternalRow = Tables['external_flows.csv'][number];
export type RussiaFlowRow = Tables['russia_flows.csv'][number];
export type SourceRow = Tables['sources.csv'][number];
export type CentreRow = Tables['centres.csv'][number];
export type AnchorRow = Tables['anchors.csv'][number];
export type FactRow = Tables['facts.csv'][number];
export type EnbekRow = Tables['enbek.csv'][number];
export type KandasRow = Tables['kandas.csv'][number];
export type BoundaryVersionRow = Tables['boundary_versions.csv'][number];
export type BoundaryRow = Tables['boundaries.csv'][number];
export type AvgPopulationRow = Tables['population_avg.csv'][number];
export type RussiaPopulationRow = Tables['russia_population.csv'][number];
export type RussiaKzMigrationRow = Tables['russia_kz_migration.csv'][number];

export const TABLE_NAMES = Object.keys(SCHEMAS) as TableName[];

/** Parses every table; a missing or malformed file yields issues, never an exception. */
export function parseTables(texts: Partial<Record<TableName, string>>): { tables: Tables; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const tables = {} as Record<TableName, unknown[]>;
  for (const name of TABLE_NAMES) {
    const text = texts[name];
    if (text === undefined) {
      issues.push({ file: name, line: 0, reason: 'file is missing' });
      tables[name] = [];
      continue;
    }
    const result = parseTable(name, text, SCHEMAS[name]);
    tables[name] = result.rows;
    issues.push(...result.issues);
  }
  return { tables: tables as Tables, issues };
}

/** Source ids of a row; a cell may hold several ("S15;S16"). */
export function sourceIds(cell: string): string[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
