import { describe, expect, it } from 'vitest';
import { formatImportProblem } from '../i18n/import-messages';
import { importTable, previewTable } from './import-core';
import { createRegionMatcher } from './region-matcher';
import { detectHeaderRow, headerCells, isNoValue, noteText, yearFromName } from './table-shape';
import { loadUnits } from './test-support';
import { figureRows } from './validate-rows';

const units = loadUnits();
const matcher = createRegionMatcher(units);
const blob = (text: string) => new Blob([text]);

describe('the shape of published tables', () => {
  it('finds the header under titles and notes, and past a section row', () => {
    expect(detectHeaderRow([['Title of the table'], [], ['persons'], ['', '2000', '2001'], ['Мужчины'], ['Abai', '1', '2']])).toBe(3); // prettier-ignore
    expect(
      detectHeaderRow([
        ['from', 'to', 'year', 'count'],
        ['Astana', 'Abai', '2020', '1'],
      ]),
    ).toBe(0);
    expect(detectHeaderRow([['only'], ['one'], ['column']])).toBe(0);
    // A group row gives way to the row below it.
    expect(detectHeaderRow([['Region', 'Arrived', '', 'Left', ''], ['', '2022', '2023', '2022', '2023'], ['Abai', '1', '2', '3', '4']], new Set([0]))).toBe(1); // prettier-ignore
  });

  it('spreads merged header cells; a single merged note above is no group', () => {
    const rows = [
      ['', '', 'persons'],
      ['Region', '2022', '2023'],
    ];
    expect(headerCells(rows, 1, [{ s: { r: 0, c: 2 }, e: { r: 0, c: 3 } }])).toEqual(['Region', '2022', '2023']);
    const grouped = [
      ['Region', 'Arrived', '', 'Left', ''],
      ['', '2022', '2023', '2022', '2023'],
    ];
    const merges = [{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }, { s: { r: 0, c: 1 }, e: { r: 0, c: 2 } }, { s: { r: 0, c: 3 }, e: { r: 0, c: 4 } }]; // prettier-ignore
    expect(headerCells(grouped, 1, merges)).toEqual([
      'Region',
      'Arrived 2022',
      'Arrived 2023',
      'Left 2022',
      'Left 2023',
    ]);
  });

  it('note rows: one text naming no unit', () => {
    expect(noteText(['Городское население', '', ''], matcher)).toBe('Городское население');
    expect(noteText(['1) Данные за 2000-2016 гг. по Южно-Казахстанской области.'], matcher)).not.toBeNull();
    expect(noteText(['Astana', '', ''], matcher)).toBeNull(); // a region with its cells missing is a row with problems
    expect(noteText(['Республика Казахстан'], matcher)).toBeNull(); // a total row is reported as one
    expect(noteText(['Astana', 'Abai'], matcher)).toBeNull();
    expect(noteText(['12 345'], matcher)).toBeNull();
  });

  it('cells without a figure', () => {
    for (const c of ['', ' ', '-', '–', '…', '...', 'x', 'х', 'н/д']) expect(isNoValue(c), c).toBe(true);
    for (const c of ['0', '12', 'abc']) expect(isNoValue(c), c).toBe(false);
  });

  it('a year from the file name only when it holds exactly one', () => {
    expect(yearFromName('internal_migration_2023.csv')).toBe(2023);
    expect(yearFromName('kanatislambekov_internal-migration-flow-kz__files__arrived_2024.xlsx')).toBe(2024);
    expect(yearFromName('2019-flows.tsv')).toBe(2019);
    expect(yearFromName('population_2000_2023.csv')).toBeNull();
    expect(yearFromName('flows.csv')).toBeNull();
    expect(yearFromName('export_12345678.csv')).toBeNull();
    expect(yearFromName('code_1234.csv')).toBeNull();
  });
});

describe('a year for the whole file, and title rows in a CSV', () => {
  // kanatislambekov's per-year file: region, month, arrivals, departures, net; no year column.
  const perYear =
    'region,month,arrivals,departures,net\nAbay,Total,19797,26545,-6748\nAqmola,Total,34938,38264,-3326\nUlutay,Total,5000,6000,-1000\n';

  it('the preview offers the year of the name; reading with it gives every measure for that year', async () => {
    const preview = await previewTable(blob(perYear), 'internal_migration_2023.csv', 20, { units });
    expect(preview.yearFromName).toBe(2023);
    expect(preview.layout).toMatchObject({ kind: 'measures', table: 'figures', mapping: { region: 0, period: 1 } });
    const result = await importTable(blob(perYear), {
      kind: 'figures', mapping: {}, units, datasetId: 'd', fileName: 'internal_migration_2023.csv', layout: preview.layout, year: preview.yearFromName!,
    }); // prettier-ignore
    const rows = figureRows(result.kind === 'figures' ? result.columns : (null as never), 'd');
    expect(rows.map((r) => [r.unit_code, r.year, r.measure, r.value])).toEqual([
      ['KZ-10', 2023, 'arrivals', 19797], ['KZ-10', 2023, 'departures', 26545], ['KZ-10', 2023, 'net', -6748],
      ['KZ-11', 2023, 'arrivals', 34938], ['KZ-11', 2023, 'departures', 38264], ['KZ-11', 2023, 'net', -3326],
    ]); // prettier-ignore
    // "Total" is the whole year.
    expect(result.kind === 'figures' && result.columns.period!.values).toEqual(['', 'Jan-Dec']);
    expect(result.summary.unmatched[0]).toMatchObject({
      text: 'Ulutay',
      suggestions: [{ code: 'KZ-62', reason: 'spelling' }],
    });
    expect(result.year).toBe(2023);
  });

  it('without a year column or a year for the file, nothing is read and the user is told why', async () => {
    const preview = await previewTable(blob(perYear), 'internal_migration.csv', 20, { units });
    expect(preview.yearFromName).toBeNull();
    const result = await importTable(blob(perYear), { kind: 'figures', mapping: {}, units, datasetId: 'd', fileName: 'internal_migration.csv', layout: preview.layout }); // prettier-ignore
    expect(result.fatalProblem).toEqual({ code: 'no_year', params: {} });
    expect(formatImportProblem(result.fatalProblem!, 'ru')).toBe('Ни один столбец не содержит год: выберите его или укажите год для всего файла.'); // prettier-ignore
    expect(result.columns.length).toBe(0);
  });

  it('a CSV with a title above the header: the preview finds the header; the import skips the titles', async () => {
    const text = 'Migration between regions, 2023\nsource: BNS\n\nfrom,to,year,count\nAstana,Abai,2023,5\n';
    const preview = await previewTable(blob(text), 'flows.csv');
    expect(preview.headerRow).toBe(4);
    expect(preview.header).toEqual(['from', 'to', 'year', 'count']);
    expect(preview.titles.map((t) => [t.line, t.text])).toEqual([
      [1, 'Migration between regions 2023'],
      [2, 'source: BNS'],
    ]);
    expect(preview.records[0]).toEqual({ line: 1, cells: ['Migration between regions', ' 2023'] });
    const result = await importTable(blob(text), {
      kind: 'flows', mapping: preview.guesses.flows.mapping, units, datasetId: 'd', fileName: 'flows.csv', headerRow: preview.headerRow,
    }); // prettier-ignore
    expect(result.summary).toMatchObject({ rowsRead: 1, rowsValid: 1 });
    expect(result.headerRow).toBe(4);
    expect(result.notes.map((n) => n.kind)).toEqual(['title', 'title']);
  });
});
