/**
 * Cross-table validation of the tidy data: codes, sources, completeness and
 * the sums the sources promise. Used by `npm run data:check` and the tests.
 */
import type { DataIssue } from './csv';
import { unitInGeography, type Geography, type Model } from './model';
import { parsePeriod } from './periods';
import { sourceIds, type Tables } from './tables';

const NATIONAL = 'KZ';
/** Words of the English publisher lines that a Russian or Kazakh source name must not keep. */
const ENGLISH_WORDS =
  /\b(citing|via|mirrors?|copy|also|edition|bureau|statistics|ministry|department|government|regional|library|channel|post|quality|aggregator|blog|anonymous|reprint|and|of|based|project|computed|from|public domain|centre|center|Kazinform|Moi Gorod|Rosstat)\b/i;
const RUSSIA = 'RU';

/** Full-year BNS releases of inter-regional balances that the OD flows must reproduce. */
const OFFICIAL_NET_SOURCES = ['S05', 'S06', 'S07'];
/** Complete BNS tables of 1 January population: every unit and the national total. */
const COMPLETE_TABLES = ['S01', 'S170'];

export function validateTables(tables: Tables, model: Model): DataIssue[] {
  const issues: DataIssue[] = [];
  const issue = (file: string, line: number, reason: string) => issues.push({ file, line, reason });
  const unitCodes = new Set(tables['units.csv'].map((u) => u.unit_code));
  const kzUnits = tables['units.csv'].filter((u) => u.country === 'KZ').map((u) => u.unit_code);
  const sources = new Set(tables['sources.csv'].map((s) => s.source_id));

  const checkUnit = (file: string, line: number, code: string, allowed: string[] = []) => {
    if (!unitCodes.has(code) && !allowed.includes(code)) issue(file, line, `unknown unit code ${code}`);
  };
  const checkSources = (file: string, line: number, cell: string) => {
    for (const id of sourceIds(cell)) if (!sources.has(id)) issue(file, line, `unknown source ${id}`);
  };
  const duplicates = <T extends { line: number }>(file: string, rows: T[], key: (r: T) => string) => {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const k = key(r);
      const first = seen.get(k);
      if (first !== undefined) issue(file, r.line, `duplicates line ${first} (${k})`);
      else seen.set(k, r.line);
    }
  };

  // Units and centres (the polygons holding each unit: boundaries.csv, below).
  duplicates('units.csv', tables['units.csv'], (u) => u.unit_code);
  for (const u of tables['units.csv']) checkSources('units.csv', u.line, u.names_source_id);
  duplicates('centres.csv', tables['centres.csv'], (c) => c.unit_code);
  for (const c of tables['centres.csv']) {
    checkUnit('centres.csv', c.line, c.unit_code);
    if (Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180) issue('centres.csv', c.line, 'coordinates out of range');
  }
  for (const u of tables['units.csv']) {
    if (!tables['centres.csv'].some((c) => c.unit_code === u.unit_code))
      issue('centres.csv', 0, `unit ${u.unit_code} has no centre`);
  }

  // Population: known codes and sources, one chosen 1 January figure per unit and year.
  const pop = tables['population.csv'];
  for (const r of pop) {
    checkUnit('population.csv', r.line, r.unit_code, [NATIONAL]);
    checkSources('population.csv', r.line, r.source_id);
  }
  duplicates(
    'population.csv',
    pop.filter((r) => r.status === 'chosen'),
    (r) => `${r.unit_code} ${r.year} ${r.reference}`,
  );
  // Regions sum to the national total where the source (the complete BNS table: S01, and its later
  // version S170 for 2023-2025) gives both.
  const years = [...new Set(pop.map((r) => r.year))].sort();
  for (const year of years) {
    const rows = pop.filter((r) => r.year === year && COMPLETE_TABLES.includes(r.source_id) && r.status === 'chosen');
    const total = rows.find((r) => r.unit_code === NATIONAL);
    if (!total) continue;
    const geography = total.geography as Geography;
    const expected = tables['units.csv'].filter((u) => unitInGeography(u, geography)).map((u) => u.unit_code);
    const regional = rows.filter((r) => r.unit_code !== NATIONAL);
    const missing = expected.filter((u) => !regional.some((r) => r.unit_code === u));
    if (missing.length) issue('population.csv', total.line, `${year}: no figure for ${missing.join(', ')}`);
    const sum = regional.reduce((s, r) => s + r.population, 0);
    if (sum !== total.population)
      issue('population.csv', total.line, `${year}: regions sum to ${sum}, national total is ${total.population}`);
  }

  // Areas: every chosen 1 January population figure has exactly one area.
  for (const a of tables['areas.csv']) {
    checkUnit('areas.csv', a.line, a.unit_code);
    checkSources('areas.csv', a.line, a.source_id);
  }
  for (const r of pop) {
    if (r.unit_code === NATIONAL || r.status !== 'chosen') continue;
    const matching = tables['areas.csv'].filter(
      (a) =>
        a.unit_code === r.unit_code &&
        a.status === 'chosen' &&
        (a.valid_from === null || a.valid_from <= r.year) &&
        (a.valid_to === null || a.valid_to >= r.year),
    );
    if (matching.length !== 1)
      issue('areas.csv', 0, `${r.unit_code} ${r.year}: ${matching.length} chosen areas apply (need exactly 1)`);
  }

  // Flows: complete origin-destination matrices of Kazakh units, no self-flows, netting to zero.
  const flows = tables['flows.csv'];
  for (const f of flows) {
    if (!kzUnits.includes(f.origin_code)) issue('flows.csv', f.line, `origin ${f.origin_code} is not a Kazakh unit`);
    if (!kzUnits.includes(f.destination_code))
      issue('flows.csv', f.line, `destination ${f.destination_code} is not a Kazakh unit`);
    if (f.origin_code === f.destination_code) issue('flows.csv', f.line, 'origin equals destination');
    if (f.period !== 'Jan-Dec') issue('flows.csv', f.line, `partial period ${f.period} in the full-year flows`);
    checkSources('flows.csv', f.line, f.source_id);
  }
  duplicates('flows.csv', flows, (f) => `${f.year} ${f.origin_code}->${f.destination_code}`);
  for (const year of model.flowYears) {
    const rows = flows.filter((f) => f.year === year);
    const units = new Set(rows.flatMap((f) => [f.origin_code, f.destination_code]));
    if (rows.length !== units.size * (units.size - 1))
      issue('flows.csv', rows[0]!.line, `${year}: ${rows.length} flows for ${units.size} units (matrix incomplete)`);
    const totals = model.flowTotals.get(year)!;
    const net = [...totals.values()].reduce((s, t) => s + t.net, 0);
    const arrivals = [...totals.values()].reduce((s, t) => s + t.arrivals, 0);
    const departures = [...totals.values()].reduce((s, t) => s + t.departures, 0);
    if (net !== 0 || arrivals !== departures)
      issue('flows.csv', rows[0]!.line, `${year}: the matrix nets to ${net} across the country, not 0`);
    // The OD flows must reproduce BNS's full-year releases wherever both exist.
    for (const r of model.regional) {
      if (r.year !== year || r.period !== 'Jan-Dec' || !OFFICIAL_NET_SOURCES.includes(r.source_id)) continue;
      const od = totals.get(r.unit_code)?.net;
      if (od !== r.net)
        issue('regional_migration.csv', r.line, `${year} ${r.unit_code}: OD net ${od} differs from BNS ${r.net}`);
    }
  }

  // Regional migration: codes, sources, and complete tables that must net to zero.
  const regional = tables['regional_migration.csv'];
  for (const r of regional) {
    checkUnit('regional_migration.csv', r.line, r.unit_code);
    checkSources('regional_migration.csv', r.line, r.source_id);
    if (r.arrivals !== null && r.departures !== null && r.net !== null && r.flow_scope === 'interregional')
      if (r.arrivals - r.departures !== r.net)
        issue('regional_migration.csv', r.line, `arrivals - departures = ${r.arrivals - r.departures}, net = ${r.net}`);
  }
  duplicates(
    'regional_migration.csv',
    regional,
    (r) => `${r.unit_code} ${r.year} ${r.period} ${r.flow_scope} ${r.source_id}`,
  );
  const tablesOf = new Map<string, typeof regional>();
  for (const r of regional) {
    const key = `${r.year} ${r.period} ${r.flow_scope} ${r.source_id}`;
    tablesOf.set(key, [...(tablesOf.get(key) ?? []), r]);
  }
  for (const [key, rows] of tablesOf) {
    const geography = rows[0]!.geography as Geography;
    const expected = tables['units.csv'].filter((u) => unitInGeography(u, geography));
    const complete = expected.every((u) => rows.some((r) => r.unit_code === u.unit_code && r.net !== null));
    if (!complete) continue;
    const sum = rows.reduce((s, r) => s + (r.net ?? 0), 0);
    if (sum !== 0) issue('regional_migration.csv', rows[0]!.line, `complete table ${key} nets to ${sum}, not 0`);
  }

  // External and Russian-side flows: codes and sources.
  for (const r of tables['external_flows.csv']) {
    checkUnit('external_flows.csv', r.line, r.unit_code, [NATIONAL]);
    checkSources('external_flows.csv', r.line, r.source_id);
    if (!/^\d{4}(-\d{4})?$/.test(r.year)) issue('external_flows.csv', r.line, `year "${r.year}" is not a year or span`);
    if (r.immigrants === null && r.emigrants === null && r.net === null)
      issue('external_flows.csv', r.line, 'no figure in the row');
  }
  // Every partner country of the external figures has a name in the three languages.
  duplicates('countries.csv', tables['countries.csv'], (r) => r.iso2);
  for (const r of tables['countries.csv']) checkSources('countries.csv', r.line, r.source_id);
  const named = new Set(tables['countries.csv'].map((c) => c.iso2));
  for (const r of tables['external_flows.csv'])
    if (/^[A-Z]{2}$/.test(r.partner) && !named.has(r.partner))
      issue('countries.csv', 0, `partner country ${r.partner} (external_flows.csv:${r.line}) has no names`);
  duplicates('facts.csv', tables['facts.csv'], (r) => r.fact_id);
  for (const r of tables['facts.csv']) checkSources('facts.csv', r.line, r.source_id);
  for (const r of tables['enbek.csv']) {
    checkUnit('enbek.csv', r.line, r.unit_code, [NATIONAL]);
    checkSources('enbek.csv', r.line, r.source_id);
  }
  for (const r of tables['kandas.csv']) {
    checkUnit('kandas.csv', r.line, r.unit_code, [NATIONAL]);
    checkSources('kandas.csv', r.line, r.source_id);
  }
  duplicates('kandas.csv', tables['kandas.csv'], (r) => `${r.unit_code} ${r.year} ${r.period}`);
  for (const r of tables['russia_flows.csv']) {
    checkUnit('russia_flows.csv', r.line, r.unit_code, [RUSSIA]);
    checkSources('russia_flows.csv', r.line, r.source_id);
  }
  issues.push(...validateLaterTables(tables));
  return issues;
}

/** Boundary versions, codes, average population and the Russian series (added with issue 12). */
function validateLaterTables(tables: Tables): DataIssue[] {
  const issues: DataIssue[] = [];
  const issue = (file: string, line: number, reason: string) => issues.push({ file, line, reason });
  const units = tables['units.csv'];
  const unitCodes = new Set(units.map((u) => u.unit_code));
  const sources = new Set(tables['sources.csv'].map((s) => s.source_id));
  const checkSources = (file: string, line: number, cell: string) => {
    for (const id of sourceIds(cell)) if (!sources.has(id)) issue(file, line, `unknown source ${id}`);
  };

  // Every source is named in Russian and Kazakh without the English words of a publisher line.
  for (const s of tables['sources.csv'])
    for (const [lang, name] of [
      ['ru', s.name_ru],
      ['kk', s.name_kk],
    ] as const) {
      const english = ENGLISH_WORDS.exec(name);
      if (english)
        issue('sources.csv', s.line, `${s.source_id}: the ${lang} name has the English word "${english[0]}"`);
    }
  // Every period of the data is one the interface can say in each language (core/periods.ts).
  for (const file of [
    'flows.csv',
    'regional_migration.csv',
    'external_flows.csv',
    'russia_flows.csv',
    'enbek.csv',
    'kandas.csv',
  ] as const)
    // prettier-ignore
    for (const r of tables[file])
      if (!parsePeriod(r.period)) issue(file, r.line, `period "${r.period}" is not one the interface can translate`);

  // Every unit has its codes: KATO and ISO alpha for Kazakh units, OKATO for Russian subjects.
  for (const u of units) {
    checkSources('units.csv', u.line, u.codes_source_id);
    if (
      u.country === 'KZ' &&
      (!u.kato || !/^\d{9}$/.test(u.kato) || !u.kato.startsWith(u.unit_code.slice(3)) || !u.iso_alpha)
    )
      issue(
        'units.csv',
        u.line,
        `${u.unit_code}: KATO (${u.kato}) or ISO alpha code (${u.iso_alpha}) missing or wrong`,
      );
    if (u.country === 'RU' && (!u.okato || !/^\d{11}$/.test(u.okato)))
      issue('units.csv', u.line, `${u.unit_code}: no OKATO`);
  }

  // Boundary versions: each Kazakh version's polygons hold every Kazakh unit exactly once.
  const versions = tables['boundary_versions.csv'];
  for (const v of versions) {
    checkSources('boundary_versions.csv', v.line, v.source_id);
    const rows = tables['boundaries.csv'].filter((b) => b.version === v.version);
    if (rows.length !== v.polygons)
      issue('boundaries.csv', 0, `${v.version}: ${rows.length} polygons, boundary_versions.csv says ${v.polygons}`);
    const expected = units.filter((u) => (v.geography === 'RU' ? u.country === 'RU' : u.country === 'KZ'));
    const held = rows.flatMap((b) => b.units.split(';'));
    for (const u of expected)
      if (held.filter((c) => c === u.unit_code).length !== 1)
        issue(
          'boundaries.csv',
          0,
          `${v.version}: unit ${u.unit_code} is in ${held.filter((c) => c === u.unit_code).length} polygons, not 1`,
        );
  }
  const seen = new Set<string>();
  for (const b of tables['boundaries.csv']) {
    checkSources('boundaries.csv', b.line, b.source_id);
    if (!versions.some((v) => v.version === b.version)) issue('boundaries.csv', b.line, `unknown version ${b.version}`);
    if (seen.has(`${b.version} ${b.polygon_id}`)) issue('boundaries.csv', b.line, `duplicate polygon ${b.polygon_id}`);
    seen.add(`${b.version} ${b.polygon_id}`);
    for (const c of b.units.split(';')) if (!unitCodes.has(c)) issue('boundaries.csv', b.line, `unknown unit ${c}`);
    if (!b.units.split(';').includes(b.stat_unit))
      issue('boundaries.csv', b.line, `stat_unit ${b.stat_unit} is not one of the polygon's units`);
  }
  // A polygon id names one shape: where it recurs in another version it must cover the same units.
  const shapes = new Map<string, string>();
  for (const b of tables['boundaries.csv']) {
    const prev = shapes.get(b.polygon_id);
    if (prev !== undefined && prev !== b.units)
      issue('boundaries.csv', b.line, `${b.polygon_id} covers ${b.units} here, ${prev} elsewhere`);
    shapes.set(b.polygon_id, b.units);
  }

  // Average annual population (S171): known units, and the units sum to the national row every year.
  const avg = tables['population_avg.csv'];
  for (const r of avg) {
    checkSources('population_avg.csv', r.line, r.source_id);
    if (r.unit_code !== NATIONAL && !unitCodes.has(r.unit_code))
      issue('population_avg.csv', r.line, `unknown unit ${r.unit_code}`);
  }
  for (const year of new Set(avg.map((r) => r.year))) {
    const rows = avg.filter((r) => r.year === year);
    const total = rows.find((r) => r.unit_code === NATIONAL);
    const parts = rows.filter((r) => r.unit_code !== NATIONAL);
    const sum = parts.reduce((s, r) => s + r.avg_population, 0);
    if (!total || parts.length !== 20 || Math.abs(sum - total.avg_population) > 0.01)
      issue(
        'population_avg.csv',
        total?.line ?? 0,
        `${year}: ${parts.length} units sum to ${sum}, national ${total?.avg_population}`,
      );
  }

  // Russian series (S173, S174).
  for (const r of tables['russia_population.csv']) {
    checkSources('russia_population.csv', r.line, r.source_id);
    if (!unitCodes.has(r.unit_code) || !r.unit_code.startsWith('RU-'))
      issue('russia_population.csv', r.line, `not a Russian border subject: ${r.unit_code}`);
  }
  for (const r of tables['russia_kz_migration.csv']) {
    checkSources('russia_kz_migration.csv', r.line, r.source_id);
    if (r.arrivals_from_kz - r.departures_to_kz !== r.net_to_russia)
      issue('russia_kz_migration.csv', r.line, `net ${r.net_to_russia} is not arrivals - departures`);
  }
  return issues;
}
