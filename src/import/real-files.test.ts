/**
 * The files peers publish (../shared/data-sources/raw/, copied unmodified
 * from public repositories; read here, never copied into the project): what
 * a new user would drop on the map. Skipped where that folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importTable, previewTable, type PreviewOptions, type TableImportRequest } from './import-core';
import { loadUnits } from './test-support';

const dir = fileURLToPath(new URL('../../../shared/data-sources/raw/', import.meta.url));
const units = loadUnits();
const file = (name: string) => new Blob([readFileSync(dir + name)]);

/** Preview, then import with what the preview found, as the dialog does by default. */
async function read(name: string, options: PreviewOptions = {}, extra: Partial<TableImportRequest> = {}) {
  const blob = file(name);
  const preview = await previewTable(blob, name, 20, { units, ...options });
  const kind = preview.kind ?? 'figures';
  const result = await importTable(blob, {
    kind,
    mapping: kind === 'flows' ? preview.guesses.flows.mapping : preview.guesses.figures.mapping,
    units,
    datasetId: 'd',
    fileName: name,
    layout: preview.layout,
    headerRow: preview.headerRow,
    sheet: preview.sheet ?? undefined,
    year: preview.yearFromName ?? undefined,
    ...extra,
  });
  return { preview, result };
}

describe.skipIf(!existsSync(dir))('peers’ files as they are published', { timeout: 60_000 }, () => {
  it('Diar299: region_emmigr/region_immigr are origin and destination; "Almaty" beside "Almaty_city" is the region', async () => {
    const name = 'Diar299_kz-migration__data__Internal_migration.csv';
    const { preview, result } = await read(name);
    expect(preview.kind).toBe('flows');
    expect(preview.guesses.flows.mapping).toEqual({ year: 0, origin: 1, destination: 2, count: 3 });
    expect(result.summary.decisions).toMatchObject([
      { text: 'Almaty', code: 'KZ-19', evidence: [{ text: 'Almaty_city' }] },
    ]);
    expect(result.summary.unmatched.map((u) => [u.text, u.suggestions])).toEqual([
      ['North_Kaz', [{ code: 'KZ-59', reason: 'abbreviation' }]],
      ['West_Kaz', [{ code: 'KZ-27', reason: 'abbreviation' }]],
      ['East_Kaz', [{ code: 'KZ-63', reason: 'abbreviation' }]],
    ]);
    // The user confirms the suggestions: every row is read, none on the wrong unit.
    const confirmed = await read(name, {}, { manual: { North_Kaz: 'KZ-59', West_Kaz: 'KZ-27', East_Kaz: 'KZ-63' } });
    expect(confirmed.result.summary).toMatchObject({ rowsRead: 3040, rowsValid: 3040, issueCount: 0 });
    expect(confirmed.result.summary.borders).toContainEqual({ unit: 'KZ-63', parts: ['KZ-10'], years: [2010, 2015, 2020, 2021], reading: 'without_parts', because: 'parts_in_file' }); // prettier-ignore
  });

  it('kanatislambekov’s per-year CSV: arrivals, departures and net of 2023, the year taken from the name', async () => {
    const { preview, result } = await read(
      'kanatislambekov_internal-migration-flow-kz__data__internal_migration_2023.csv',
    );
    expect(preview.yearFromName).toBe(2023);
    expect(preview.layout?.spread.map((s) => s.role)).toEqual(['arrivals', 'departures', 'net']);
    expect(result.kind === 'figures' && result.columns.measure.values).toEqual(['', 'arrivals', 'departures', 'net']);
    expect(result.summary).toMatchObject({ rowsRead: 60, rowsValid: 57 });
    expect(result.summary.issuesByCode).toMatchObject({ unknown_region: 3, net_mismatch: 0 });
    expect(result.summary.unmatched).toMatchObject([
      { text: 'Ulutay', suggestions: [{ code: 'KZ-62', reason: 'spelling' }] },
    ]);
  });

  it('kanatislambekov’s workbook: regions × months of 2024', async () => {
    const { preview, result } = await read('kanatislambekov_internal-migration-flow-kz__files__arrived_2024.xlsx');
    expect(preview).toMatchObject({ format: 'xlsx', sheet: 'Sheet1', yearFromName: 2024, measureName: 'kanatislambekov_internal-migration-flow-kz__files__arrived_2024' }); // prettier-ignore
    expect(preview.layout?.kind).toBe('months');
    expect(result.summary).toMatchObject({ rowsRead: 240, rowsValid: 228 });
    expect(result.kind === 'figures' && result.columns.period!.values.slice(1)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']); // prettier-ignore
  });

  it('the bureau’s workbook: title rows, sections, a footnote, "-" gaps and South Kazakhstan before 2017', async () => {
    const { preview, result } = await read('open-data-kazakhstan_population-projections-by-regions__archive__source.xlsx', { sheet: 'Мужчины' }); // prettier-ignore
    expect(preview.sheets.map((s) => s.name)).toEqual(['Все население', 'Мужчины', 'Женщины']);
    expect(preview.headerRow).toBe(6);
    expect(preview.layout?.kind).toBe('years');
    expect(result.summary).toMatchObject({ rowsValid: 1136, issueCount: 0 });
    expect(result.notes.filter((n) => n.kind !== 'total').map((n) => [n.kind, n.text])).toEqual([
      ['title', 'Численность мужчин по регионам Республики Казахстан'],
      ['title', 'человек, на начало года'],
      ['section', 'Мужчины'],
      ['section', 'Городское население'],
      ['section', 'Сельское население'],
      ['footnote', '1) Данные за 2000-2016гг. по Южно-Казахстанской области.'],
    ]);
    expect(result.summary.borders[0]).toEqual({ unit: 'KZ-61', parts: ['KZ-79'], years: Array.from({ length: 17 }, (_, i) => 2000 + i), reading: 'with_parts', because: 'borders_of_year' }); // prettier-ignore
  });

  it('a JSON of region facts is refused as a table, naming it JSON', async () => {
    await expect(
      previewTable(file('gusenov_qazaqstan-geography-data__regions.json'), 'regions.json'),
    ).rejects.toMatchObject({
      problem: { code: 'file_refused', params: { seemsTo: 'json' } },
    });
  });
});
