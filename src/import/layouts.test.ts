import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatImportIssue } from '../i18n/import-messages';
import { importTable, previewTable, type TableImportRequest, type TableImportResult } from './import-core';
import { buildLayout, recognizeLayout, roleOf } from './layouts';
import { createRegionMatcher } from './region-matcher';
import { loadUnits } from './test-support';
import { makeWorkbook } from './test-workbooks';
import { figureRows, flowRows } from './validate-rows';

const units = loadUnits();
const matcher = createRegionMatcher(units);
const kz = units.filter((u) => u.country === 'KZ');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']; // prettier-ignore
const base = { units, datasetId: 'd', measure: 'm' };
const blob = (text: string | Uint8Array) => new Blob([text as BlobPart]);

const sortRows = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
const figuresOf = (r: TableImportResult) => {
  if (r.kind !== 'figures') throw new Error('figures expected');
  return sortRows(figureRows(r.columns, 'd'));
};
const flowsOf = (r: TableImportResult) => {
  if (r.kind !== 'flows') throw new Error('flows expected');
  return sortRows(flowRows(r.columns, 'd'));
};

/** Reads a wide file the way the dialog does: the preview's layout, then the import with it. */
async function readWide(file: Blob, fileName: string, extra: Partial<TableImportRequest> = {}) {
  const preview = await previewTable(file, fileName, 20, { units });
  return {
    preview,
    result: await importTable(file, {
      ...base,
      kind: preview.kind ?? 'figures',
      mapping: {},
      fileName,
      layout: preview.layout,
      headerRow: preview.headerRow,
      year: preview.yearFromName ?? undefined,
      ...extra,
    }),
  };
}

/** Some units (by their English names), some columns, and a value or a gap ("-") in each cell. */
const grid = (columns: fc.Arbitrary<number[]>) =>
  fc
    .record({
      units: fc.shuffledSubarray(kz, { minLength: 2, maxLength: 8 }),
      columns,
    })
    .chain(({ units: us, columns: cs }) =>
      fc.record({
        units: fc.constant(us),
        columns: fc.constant(cs),
        cells: fc.array(fc.array(fc.option(fc.nat({ max: 2_000_000 }), { freq: 5 }), { minLength: cs.length, maxLength: cs.length }), { minLength: us.length, maxLength: us.length }), // prettier-ignore
      }),
    );

describe('each wide layout reads into the same long rows as its long form', { timeout: 120_000 }, () => {
  it('regions × years', async () => {
    const years = fc
      .uniqueArray(fc.integer({ min: 2000, max: 2025 }), { minLength: 2, maxLength: 6 })
      .map((y) => y.sort());
    await fc.assert(
      fc.asyncProperty(grid(years), async ({ units: us, columns, cells }) => {
        const wide = ['Region,' + columns.join(','), ...us.map((u, r) => `"${u.name_en}",` + cells[r]!.map((v) => v ?? '-').join(','))].join('\n'); // prettier-ignore
        const long = ['region,year,value', ...us.flatMap((u, r) => columns.flatMap((y, c) => (cells[r]![c] === null ? [] : [`"${u.name_en}",${y},${cells[r]![c]}`])))].join('\n'); // prettier-ignore
        const { preview, result } = await readWide(blob(wide), 'wide.csv');
        expect(preview.layout?.kind).toBe('years');
        const expected = await importTable(blob(long), { ...base, kind: 'figures', mapping: { region: 0, year: 1, value: 2 }, fileName: 'long.csv' }); // prettier-ignore
        expect(figuresOf(result)).toEqual(figuresOf(expected));
        expect(result.gaps).toBe(cells.flat().filter((v) => v === null).length);
        expect(result.issues).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('regions × months, the year from the file name', async () => {
    const months = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 2, maxLength: 12 }).map((m) => m.sort((a, b) => a - b)); // prettier-ignore
    await fc.assert(
      fc.asyncProperty(grid(months), async ({ units: us, columns, cells }) => {
        const wide = ['Region,' + columns.map((m) => MONTHS[m]).join(','), ...us.map((u, r) => `"${u.name_en}",` + cells[r]!.map((v) => v ?? '').join(','))].join('\n'); // prettier-ignore
        const long = ['region,month,value', ...us.flatMap((u, r) => columns.flatMap((m, c) => (cells[r]![c] === null ? [] : [`"${u.name_en}",${MONTHS[m]},${cells[r]![c]}`])))].join('\n'); // prettier-ignore
        const { preview, result } = await readWide(blob(wide), 'arrived_2024.csv');
        expect(preview.layout?.kind).toBe('months');
        expect(preview.yearFromName).toBe(2024);
        const expected = await importTable(blob(long), { ...base, kind: 'figures', mapping: { region: 0, period: 1, value: 2 }, fileName: 'long.csv', year: 2024 }); // prettier-ignore
        expect(figuresOf(result)).toEqual(figuresOf(expected));
      }),
      { numRuns: 40 },
    );
  });

  it('several value columns: each a measure', async () => {
    const measures = fc.constantFrom([0, 1], [0, 1, 2], [2, 0]).map((m) => [...m]);
    const names = ['arrivals', 'departures', 'population'];
    await fc.assert(
      fc.asyncProperty(grid(measures), async ({ units: us, columns, cells }) => {
        // Two value columns with a number in every first row, so their content reads as numbers.
        const filled = cells.map((row, r) => (r === 0 ? row.map((v) => v ?? 1) : row));
        const wide = ['region,' + columns.map((c) => names[c]).join(','), ...us.map((u, r) => `"${u.name_en}",` + filled[r]!.map((v) => v ?? '-').join(','))].join('\n'); // prettier-ignore
        const long = ['region,measure,value', ...us.flatMap((u, r) => columns.flatMap((m, c) => (filled[r]![c] === null ? [] : [`"${u.name_en}",${names[m]},${filled[r]![c]}`])))].join('\n'); // prettier-ignore
        const { preview, result } = await readWide(blob(wide), 'figures_2023.csv');
        expect(preview.layout?.kind).toBe('measures');
        const expected = await importTable(blob(long), { ...base, kind: 'figures', mapping: { region: 0, measure: 1, value: 2 }, fileName: 'long.csv', year: 2023 }); // prettier-ignore
        expect(figuresOf(result)).toEqual(figuresOf(expected));
      }),
      { numRuns: 40 },
    );
  });

  it('an origin–destination matrix (CSV and workbook), its total row and column checked against the sums', async () => {
    const matrix = fc.shuffledSubarray(kz, { minLength: 3, maxLength: 8 }).chain((us) =>
      fc.record({
        units: fc.constant(us),
        cells: fc.array(fc.array(fc.nat({ max: 50_000 }), { minLength: us.length, maxLength: us.length }), { minLength: us.length, maxLength: us.length }), // prettier-ignore
        totals: fc.boolean(),
        workbook: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(matrix, async ({ units: us, cells, totals, workbook }) => {
        const values = cells.map((row, r) => row.map((v, c) => (r === c ? '' : v)));
        const sum = (xs: (number | string)[]) => xs.reduce<number>((a, b) => a + (typeof b === 'number' ? b : 0), 0);
        const header = ['', ...us.map((u) => u.name_en), ...(totals ? ['Total'] : [])];
        const body = us.map((u, r) => [u.name_en, ...values[r]!, ...(totals ? [sum(values[r]!)] : [])]);
        const totalRow = ['Total', ...us.map((_, c) => sum(values.map((row) => row[c]!))), sum(values.flat())];
        const rows = [header, ...body, ...(totals ? [totalRow] : [])];
        const file = workbook
          ? blob(makeWorkbook([{ name: 'OD 2023', rows }]))
          : blob(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'));
        const { preview, result } = await readWide(file, workbook ? 'od.xlsx' : 'od_2023.csv', { year: 2023 });
        expect(preview.layout).toMatchObject({
          kind: 'matrix',
          table: 'flows',
          totalColumn: totals ? us.length + 1 : null,
        });
        expect(result.issues).toEqual([]);
        const long = ['from,to,count', ...us.flatMap((o, r) => us.flatMap((d, c) => (r === c ? [] : [`"${o.name_en}","${d.name_en}",${cells[r]![c]}`])))].join('\n'); // prettier-ignore
        const expected = await importTable(blob(long), { ...base, kind: 'flows', mapping: { origin: 0, destination: 1, count: 2 }, fileName: 'long.csv', year: 2023 }); // prettier-ignore
        expect(flowsOf(result)).toEqual(flowsOf(expected));
        if (totals) expect(result.notes).toContainEqual({ line: us.length + 2, text: 'Total', kind: 'total' });
      }),
      { numRuns: 40 },
    );
  });

  it('flows × years: pairs down, years across', async () => {
    const text = 'from,to,2022,2023\nAstana,Pavlodar Region,5,-\nPavlodar Region,Astana,7,9\n';
    const { preview, result } = await readWide(blob(text), 'pairs.csv');
    expect(preview.layout).toMatchObject({ kind: 'years', table: 'flows', mapping: { origin: 0, destination: 1 } });
    const read = flowsOf(result).map((r) => JSON.parse(r) as { year: number; origin_code: string; migrants: number });
    expect(read.map((r) => [r.year, r.origin_code, r.migrants]).sort()).toEqual([
      [2022, 'KZ-55', 7],
      [2022, 'KZ-71', 5],
      [2023, 'KZ-55', 9],
    ]);
  });
});

describe('checks of wide tables', () => {
  it('a total that is not the sum is reported with the line, the column and both figures', async () => {
    const text =
      ',Astana,Pavlodar Region,Abai,Total\nAstana,,10,1,12\nPavlodar Region,4,,0,4\nAbai,0,0,,0\nTotal,4,10,1,16\n';
    const { preview, result } = await readWide(blob(text), 'od_2023.csv');
    expect(preview.layout?.kind).toBe('matrix');
    expect(result.issues.map((i) => [i.line, i.code, i.params, i.column])).toEqual([
      [2, 'total_mismatch', { total: 'row', value: 'Astana', stated: 12, computed: 11 }, undefined],
      [5, 'total_mismatch', { total: 'grand', stated: 16, computed: 15 }, undefined],
    ]);
    expect(formatImportIssue(result.issues[0]!, 'en')).toBe(
      'od_2023.csv, line 2: the total of “Astana” is 12, the cells sum to 11',
    );
    expect(formatImportIssue(result.issues[1]!, 'ru')).toBe(
      'od_2023.csv, строка 5: общий итог равен 16, а сумма ячеек — 15',
    );
    // A wrong total is reported, the flows are still read (zero flows too: they are figures of the file).
    expect(result.summary.rowsValid).toBe(6);
  });

  it('net is checked against arrivals minus departures', async () => {
    const text = 'region,arrivals,departures,net\nAbai,15905,22308,-6403\nUlytau,100,50,60\n';
    const { result } = await readWide(blob(text), 'internal_migration_2022.csv');
    expect(result.issues.map((i) => [i.line, i.code, i.params, i.column])).toEqual([
      [3, 'net_mismatch', { stated: 60, computed: 50 }, 'net'],
    ]);
    expect(formatImportIssue(result.issues[0]!, 'kk')).toBe('internal_migration_2022.csv, 3-жол, «net» бағаны: сальдо 60 «келгендер минус кеткендер» санына (50) тең емес'); // prettier-ignore
  });

  it('roles of value columns in three languages', () => {
    expect(['arrivals', 'Прибыло', 'келгендер', 'region_immigr'].map(roleOf)).toEqual(['arrivals', 'arrivals', 'arrivals', 'arrivals']); // prettier-ignore
    expect(['departures', 'Выбыло', 'кеткендер'].map(roleOf)).toEqual(['departures', 'departures', 'departures']);
    expect(['net', 'Сальдо миграции', 'Миграционный прирост'].map(roleOf)).toEqual(['net', 'net', 'net']);
    expect(roleOf('population')).toBeNull();
  });

  it('the layouts a header fits are offered; a long table stays long', () => {
    const long = recognizeLayout(['from', 'to', 'year', 'count'], [['Astana', 'Abai', '2020', '5']], { matcher });
    expect(long.layout).toBeNull();
    const years = recognizeLayout(['Region', '2020', '2021'], [['Abai', '1', '2']], { matcher });
    expect(years.layout?.kind).toBe('years');
    expect(years.fits).toEqual(['long', 'years']);
    // The user may ask for a layout the header does not fit: none is built.
    expect(buildLayout('matrix', ['Region', '2020', '2021'], [['Abai', '1', '2']], { matcher })).toBeNull();
  });
});
