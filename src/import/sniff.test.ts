import { describe, expect, it } from 'vitest';
import { formatImportProblem } from '../i18n/import-messages';
import { importTable, previewTable } from './import-core';
import { sniffBytes, sniffFile } from './sniff';
import { loadUnits } from './test-support';
import { makeWorkbook, makeZip } from './test-workbooks';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));
const units = loadUnits();

describe('what a file is, by its first bytes', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n%âãÏÓ\n')],
    ['png', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR')],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF')],
    ['gif', bytes('GIF89a', 1, 0, 1, 0)],
    ['webp', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ')],
    ['bmp', bytes('BM', 0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0)],
    ['executable', bytes('MZ', 0x90, 0, 3, 0, 0, 0, 4, 0)],
    ['executable', bytes(0x7f, 'ELF', 2, 1, 1, 0)],
    ['archive', bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0)],
    ['archive', bytes('7z', 0xbc, 0xaf, 0x27, 0x1c)],
    ['sqlite', bytes('SQLite format 3', 0)],
    ['binary', bytes('origin,destination\n', 0, 1, 2, 3)],
    ['binary', bytes(...Array.from({ length: 200 }, (_, i) => (i * 7) % 32))],
    ['json', bytes('  [{"type":"region","iso_3166_2_code":"KZ-AKM"}]')],
  ])('%s', (kind, head) => expect(sniffBytes(head)).toEqual({ kind: 'refused', seemsTo: kind }));

  it('text tables in any encoding are text; UTF-16 with its byte-order mark has NUL bytes and is text', () => {
    expect(sniffBytes(new TextEncoder().encode('Откуда;Куда;Год\nАстана;Павлодар;2020\n'))).toEqual({ kind: 'text' });
    expect(sniffBytes(bytes(0xff, 0xfe, 'O', 0, 'k', 0))).toEqual({ kind: 'text' });
    expect(sniffBytes(bytes(0xcf, 0xe0, 0xe2, ';', 0xc3, 0xee, 0xe4, '\r\n'))).toEqual({ kind: 'text' }); // Windows-1251
    expect(sniffBytes(new Uint8Array(0))).toEqual({ kind: 'text' });
    // A table that happens to start with letters of a signature is still text.
    expect(sniffBytes(bytes('BMW,Astana,2020\nMZ,Almaty city,2021\n'))).toEqual({ kind: 'text' });
  });

  it('a byte-order mark does not make binary data text: its characters are checked', () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(64)]);
    const be = new Uint8Array([0xfe, 0xff, 0, 0x61, 0, 0, 0, 0x62]);
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0, 0x62]);
    for (const bytes of [le, be, utf8]) expect(sniffBytes(bytes)).toEqual({ kind: 'refused', seemsTo: 'binary' });
    const text = new TextEncoder().encode('from,to\nАстана,Алматы\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'from,to\nАстана'].map((c) => c.charCodeAt(0))).buffer)]); // prettier-ignore
    expect(sniffBytes(utf16)).toEqual({ kind: 'text' });
    expect(sniffBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...text]))).toEqual({ kind: 'text' });
  });

  it('a ZIP is a workbook only with a workbook inside; Word, PowerPoint and OpenDocument files are named', () => {
    expect(sniffBytes(bytes('PK', 3, 4), makeWorkbook([{ name: 'S', rows: [['a', 'b']] }]))).toEqual({ kind: 'xlsx' });
    const zip = (name: string) => makeZip([{ name, data: '<x/>' }]);
    expect(sniffBytes(bytes('PK', 3, 4), zip('word/document.xml'))).toEqual({ kind: 'refused', seemsTo: 'word' });
    expect(sniffBytes(bytes('PK', 3, 4), zip('ppt/presentation.xml'))).toEqual({ kind: 'refused', seemsTo: 'powerpoint' }); // prettier-ignore
    expect(sniffBytes(bytes('PK', 3, 4), zip('content.xml'))).toEqual({ kind: 'refused', seemsTo: 'opendocument' });
    expect(sniffBytes(bytes('PK', 3, 4), zip('map.png'))).toEqual({ kind: 'refused', seemsTo: 'zip' });
    expect(sniffBytes(bytes('PK', 3, 4), bytes('PK', 3, 4, 'garbage'))).toEqual({ kind: 'refused', seemsTo: 'zip' });
    expect(sniffBytes(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toEqual({ kind: 'xls' });
  });

  it('reads a Blob: the start, and a small ZIP whole', async () => {
    const book = makeWorkbook([{ name: 'S', rows: [['a', 'b']] }]);
    expect(await sniffFile(new Blob([book as BlobPart]), 1 << 20)).toEqual({ kind: 'xlsx' });
    expect(await sniffFile(new Blob([bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)]), 1 << 20)).toMatchObject({
      seemsTo: 'png',
    });
  });
});

describe('refusal before the mapping step', () => {
  const png = new Blob([bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR', 0, 0, 1, 0)]);
  const random = new Blob([Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)]);

  it('a PNG or random bytes named .csv: the preview refuses, naming what it seems to be and what the map reads', async () => {
    for (const [file, kind] of [
      [png, 'png'],
      [random, 'binary'],
    ] as const) {
      const error = await previewTable(file, 'flows.csv').then(
        () => null,
        (e: { problem: Parameters<typeof formatImportProblem>[0] }) => e,
      );
      expect(error?.problem).toEqual({ code: 'file_refused', params: { seemsTo: kind, value: 'flows.csv' } });
      const en = formatImportProblem(error!.problem, 'en');
      expect(en).toMatch(/^“flows\.csv” seems to be (a PNG image|binary data), not a table\./);
      expect(en).toContain('CSV, TSV or TXT, Excel workbooks (.xlsx, .xls)');
      expect(formatImportProblem(error!.problem, 'ru')).toMatch(
        /похож на (изображение PNG|двоичные данные), а не на таблицу/,
      );
      expect(formatImportProblem(error!.problem, 'kk')).toMatch(/кесте емес, (PNG суреті|екілік деректер) сияқты/);
    }
  });

  it('the import refuses them too, before reading any row', async () => {
    const request = { kind: 'flows' as const, mapping: { origin: 0, destination: 1, year: 2, count: 3 }, units, datasetId: 'd', fileName: 'x.csv' }; // prettier-ignore
    await expect(importTable(png, request)).rejects.toMatchObject({ problem: { code: 'file_refused' } });
  });
});
