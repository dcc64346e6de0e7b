import { describe, expect, it } from 'vitest';
import { formatImportProblem } from '../i18n/import-messages';
import { importTable, previewTable, type TableImportRequest, type TableImportResult } from './import-core';
import { MAX_WORKBOOK_BYTES } from './limits';
import { loadUnits } from './test-support';
import { makeWorkbook, makeZip, unzip } from './test-workbooks';
import { figureRows, flowRows } from './validate-rows';
import { readWorkbook } from './workbook';
import { checkZip } from './zip';

const units = loadUnits();
const blob = (b: Uint8Array) => new Blob([b as BlobPart]);
const figures = (r: TableImportResult) => (r.kind === 'figures' ? figureRows(r.columns, 'd') : []);

/** The statistics bureau's layout: a title and a unit above the header, merged; a footnote below. */
const bureau = makeWorkbook([
  { name: 'Notes', rows: [['Source: BNS']], hidden: true },
  {
    name: 'Население',
    rows: [
      [null, 'Численность населения по регионам'],
      [],
      [null, null, 'человек, на начало года'],
      ['Регион', 2021, 2022, 2023],
      ['Акмолинская', '735 566', 785708, 788023],
      ['Туркестанская 1', 2044742, '2 088 510', 2114543],
      ['г. Шымкент', 1074466, 1162308, 1192120],
      ['Абай', '-', 611888, 610205],
      ['Восточно-Казахстанская', 1363797, 732966, 727000],
      ['Республика Казахстан', 19002586, 19766807, 20033546],
      [],
      ['1) Данные за 2000-2016 гг. по Южно-Казахстанской области.'],
    ],
    merges: ['B1:D1', 'C3:D3'],
  },
]);

describe('Excel workbooks', () => {
  it('lists the sheets, skips hidden ones by default, finds the header under the titles', async () => {
    const preview = await previewTable(blob(bureau), 'population.xlsx', 20, { units });
    expect(preview.format).toBe('xlsx');
    expect(preview.sheets).toEqual([
      { name: 'Notes', hidden: true },
      { name: 'Население', hidden: false },
    ]);
    expect(preview.sheet).toBe('Население');
    expect(preview.headerRow).toBe(4);
    expect(preview.header).toEqual(['Регион', '2021', '2022', '2023']);
    expect(preview.titles.map((t) => t.text)).toEqual(['Численность населения по регионам', 'человек, на начало года']);
    expect(preview.layout).toMatchObject({ kind: 'years', table: 'figures', mapping: { region: 0 } });
    expect(preview.measureName).toBe('Население');
    // The user moves the header: the preview follows.
    const moved = await previewTable(blob(bureau), 'population.xlsx', 20, { headerRow: 5 });
    expect(moved.header[0]).toBe('Акмолинская');
    const other = await previewTable(blob(bureau), 'population.xlsx', 20, { sheet: 'Notes' });
    expect(other.sheet).toBe('Notes');
  });

  it('reads numbers stored as text, leaves gaps for "-", sets the total row and the footnote aside', async () => {
    const preview = await previewTable(blob(bureau), 'population.xlsx', 20, { units });
    const result = await importTable(blob(bureau), {
      kind: 'figures', mapping: {}, units, datasetId: 'd', fileName: 'population.xlsx', layout: preview.layout, headerRow: preview.headerRow,
    }); // prettier-ignore
    expect(result.fatalProblem).toBeNull();
    expect(result.issues).toEqual([]);
    expect(result.gaps).toBe(1);
    const rows = figures(result);
    expect(rows).toHaveLength(14);
    expect(rows.find((r) => r.unit_code === 'KZ-11' && r.year === 2021)!.value).toBe(735566);
    expect(rows.find((r) => r.unit_code === 'KZ-61' && r.year === 2022)!.value).toBe(2088510);
    expect(rows.every((r) => r.measure === 'Население')).toBe(true);
    expect(result.notes).toEqual([
      { line: 1, text: 'Численность населения по регионам', kind: 'title' },
      { line: 3, text: 'человек, на начало года', kind: 'title' },
      { line: 10, text: 'Республика Казахстан', kind: 'total' },
      { line: 12, text: '1) Данные за 2000-2016 гг. по Южно-Казахстанской области.', kind: 'footnote' },
    ]);
    // East Kazakhstan in 2021 is read in the borders of that year: with Abai, which has no figure then.
    expect(result.summary.borders).toContainEqual({ unit: 'KZ-63', parts: ['KZ-10'], years: [2021], reading: 'with_parts', because: 'borders_of_year' }); // prettier-ignore
    expect(result.workbook).toMatchObject({ format: 'xlsx', sheet: 'Население' });
  });

  it('a group row of merged cells names the columns under it', async () => {
    const book = makeWorkbook([
      {
        name: 'S',
        rows: [
          ['Регион', 'Прибыло', null, 'Выбыло', null],
          [null, '2022', '2023', '2022', '2023'],
          ['Абай', 1, 2, 3, 4],
          ['Жетісу', 5, 6, 7, 8],
        ],
        merges: ['A1:A2', 'B1:C1', 'D1:E1'],
      },
    ]);
    const preview = await previewTable(blob(book), 'g.xlsx');
    expect(preview.headerRow).toBe(2);
    expect(preview.header).toEqual(['Регион', 'Прибыло 2022', 'Прибыло 2023', 'Выбыло 2022', 'Выбыло 2023']);
  });

  it('formulas are never computed: their saved values are used, and the user is told', async () => {
    const book = makeWorkbook([
      {
        name: 'S',
        rows: [
          ['region', 'year', 'value'],
          ['Astana', 2024, { f: 'SUM(1,2)', v: 3 }],
          ['Pavlodar', 2024, { f: 'WEBSERVICE("http://example.invalid")' }],
          ['Abai', 2024, 5],
        ],
      },
    ]);
    const grid = await readWorkbook(book, 'xlsx');
    expect(grid.rows[1]).toEqual(['Astana', '2024', '3']);
    expect(grid.rows[2]).toEqual(['Pavlodar', '2024']);
    expect(grid.notes).toEqual([
      { code: 'formulas_cached', params: { count: 2, sheet: 'S' } },
      { code: 'formulas_without_value', params: { count: 1, sheet: 'S' } },
    ]);
    expect(formatImportProblem(grid.notes[1]!, 'en')).toMatch(/^1 formula cells have no saved value/);
  });

  it('links to other workbooks are not followed; macros are not read', async () => {
    const parts = unzip(
      makeWorkbook([
        {
          name: 'S',
          rows: [
            ['a', 'b'],
            ['1', '2'],
          ],
        },
      ]),
    );
    const linked = makeZip([
      ...parts,
      { name: 'xl/externalLinks/externalLink1.xml', data: '<externalLink><externalBook r:id="rId1"/></externalLink>' },
      { name: 'xl/vbaProject.bin', data: new Uint8Array([1, 2, 3]) },
    ]);
    const grid = await readWorkbook(linked, 'xlsx');
    expect(grid.notes.map((n) => n.code)).toEqual(['external_links', 'macros_ignored']);
    expect(grid.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads .xls (Excel 97-2003)', async () => {
    const xls = makeWorkbook([{ name: 'Flows', rows: [['from', 'to', 'year', 'count'], ['Astana', 'Pavlodar', 2023, 12]] }], 'biff8'); // prettier-ignore
    const preview = await previewTable(blob(xls), 'old.xls');
    expect(preview.format).toBe('xls');
    const request: TableImportRequest = { kind: 'flows', mapping: preview.guesses.flows.mapping, units, datasetId: 'd', fileName: 'old.xls' }; // prettier-ignore
    const result = await importTable(blob(xls), request);
    expect(result.kind === 'flows' && flowRows(result.columns, 'd')).toMatchObject([{ origin_code: 'KZ-71', destination_code: 'KZ-55', year: 2023, migrants: 12 }]); // prettier-ignore
  });
});

describe('hostile workbooks are refused or bounded, never unpacked past the limit', () => {
  const refusal = async (run: Promise<unknown>) =>
    run.then(
      () => null,
      (e: { problem?: { code: string; params: { refusal?: string } } }) => e.problem ?? null,
    );

  it('a bomb: parts that unpack past the budget are refused, whatever their headers claim', async () => {
    const zeros = new Uint8Array(3 * 1024 * 1024);
    const honest = makeZip([
      { name: 'xl/workbook.xml', data: '<w/>' },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);
    expect(await refusal(checkZip(honest, 1024 * 1024))).toMatchObject({ params: { refusal: 'too_large_unpacked' } });
    // The header claims 1 kB; the stream unpacks to 3 MB: refused as soon as the claim is passed.
    const lying = makeZip([{ name: 'xl/workbook.xml', data: '<w/>' }, { name: 'xl/worksheets/sheet1.xml', data: zeros, claimSize: 1000 }]); // prettier-ignore
    expect(await refusal(checkZip(lying))).toMatchObject({ params: { refusal: 'damaged' } });
    expect(await refusal(importTable(blob(lying), { kind: 'flows', mapping: {}, units, datasetId: 'd', fileName: 'x.xlsx' }))).toMatchObject({ code: 'workbook_refused' }); // prettier-ignore
    expect((await checkZip(honest)).unpackedBytes).toBe(zeros.length + 4);
  });

  it('a cut stream, a password, an unknown compression, too many parts: refused', async () => {
    const base = { name: 'xl/workbook.xml', data: '<workbook>'.repeat(100) };
    expect(await refusal(checkZip(makeZip([{ ...base, cut: 10 }])))).toMatchObject({ params: { refusal: 'damaged' } });
    expect(await refusal(checkZip(makeZip([{ ...base, flags: 1 }])))).toMatchObject({
      params: { refusal: 'encrypted' },
    });
    const many = makeZip(
      Array.from({ length: 5_001 }, (_, i) => ({ name: `xl/p${i}.xml`, data: '', method: 0 as const })),
    );
    expect(await refusal(checkZip(many))).toMatchObject({ params: { refusal: 'too_many_parts' } });
    const odd = makeZip([base]);
    odd[8] = 14; // LZMA in the local header, deflate in the directory
    expect(await refusal(checkZip(odd))).toMatchObject({ params: { refusal: 'damaged' } });
  });

  it('a workbook over the size limit is refused before it is opened', async () => {
    const big = new Blob([new Uint8Array([0x50, 0x4b, 3, 4])]);
    Object.defineProperty(big, 'size', { value: MAX_WORKBOOK_BYTES + 1 });
    expect(await refusal(previewTable(big, 'big.xlsx'))).toMatchObject({ code: 'file_too_large' });
  });

  it('a sheet that claims a huge range but holds a few cells costs a few cells', async () => {
    const parts = unzip(
      makeWorkbook([
        {
          name: 'S',
          rows: [
            ['a', 'b'],
            ['1', '2'],
          ],
        },
      ]),
    );
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const xml = new TextDecoder()
      .decode(sheet.data as Uint8Array)
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
    const claimed = makeZip(parts.map((p) => (p === sheet ? { name: p.name, data: xml } : p)));
    const grid = await readWorkbook(claimed, 'xlsx');
    expect(grid.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('something that is not a workbook inside an OLE container is refused, not thrown', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const problem = await refusal(previewTable(blob(ole), 'x.xls'));
    expect(problem).toMatchObject({ code: 'workbook_refused' });
  });
});
