import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aggregateFlowsByUnit } from '../core/flow-totals';
import { totalsByYear } from './aggregate';
import {
  detectDelimiter,
  detectEncoding,
  FileTooLargeError,
  ImportAbortedError,
  importTable,
  previewTable,
  READ_CHUNK_BYTES,
  type ImportProgress,
  type TableImportRequest,
} from './import-core';
import { formatImportIssue, formatImportProblem } from '../i18n/import-messages';
import { createRegionMatcher } from './region-matcher';
import { loadUnits } from './test-support';
import { flowRows, figureRows, validateFlowRows } from './validate-rows';

const units = loadUnits();
const flowsRequest: TableImportRequest = {
  kind: 'flows',
  mapping: { origin: 0, destination: 1, year: 2, count: 3 },
  units,
  datasetId: 'user-1',
  fileName: 'flows.csv',
};
const blob = (content: string | Uint8Array) => new Blob([content as BlobPart]);
type Result = Awaited<ReturnType<typeof importTable>>;
const rowsOf = (result: Result) => {
  if (result.kind !== 'flows') throw new Error('flows expected');
  return flowRows(result.columns, 'user-1');
};
const figuresOf = (result: Result) => {
  if (result.kind !== 'figures') throw new Error('figures expected');
  return figureRows(result.columns, 'user-1');
};

describe('delimiters and encodings', () => {
  it('detects comma, tab, semicolon and pipe from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"a,b,c";d;e\n')).toBe(';');
    expect(detectDelimiter('\n\na|b\n')).toBe('|');
    expect(detectDelimiter('single', 'x.tsv')).toBe('\t');
    expect(detectDelimiter('single', 'x.csv')).toBe(',');
  });

  it('reads UTF-8, UTF-8 with BOM, UTF-16 with BOM and Windows-1251 (Excel in Russian)', async () => {
    const text = 'Откуда;Куда;Год;Человек\r\nАстана;г. Алматы;2020;5\r\n';
    const cp1251 = new Uint8Array([...text].map((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code;
    })); // prettier-ignore
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]),
    ]);
    const utf8bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(detectEncoding(cp1251)).toBe('windows-1251');
    expect(detectEncoding(utf16)).toBe('utf-16le');
    for (const bytes of [new TextEncoder().encode(text), utf8bom, utf16, cp1251]) {
      const result = await importTable(blob(bytes), flowsRequest);
      expect(result.header).toEqual(['Откуда', 'Куда', 'Год', 'Человек']);
      expect(result.delimiter).toBe(';');
      expect(rowsOf(result)).toMatchObject([{ origin_code: 'KZ-71', destination_code: 'KZ-75', migrants: 5 }]);
    }
  });
});

describe('streaming', { timeout: 30_000 }, () => {
  it('gives the same rows and issues as parsing the whole text, across chunk boundaries', async () => {
    // About 3 MB: several read chunks, multi-byte names and quoted line breaks that fall across them.
    // "Алматы" is two units; "Almaty_city" in the file makes it the region, decided after the last row.
    const names = [
      'Астана',
      'Алматы',
      'Қарағанды облысы',
      'Shymkent',
      '"Nur-Sultan\n(city)"',
      'Atlantis',
      'Жетісу',
      'Almaty_city',
    ];
    const lines = ['from,to,year,count'];
    for (let i = 0; i < 80_000; i++)
      lines.push(`${names[i % 8]},${names[(i * 3 + 1) % 8]},${2000 + (i % 25)},${i % 13 === 0 ? '-1' : i % 1000}`);
    const text = lines.join('\n') + '\n';
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(2 * READ_CHUNK_BYTES);

    const streamed = await importTable(blob(text), flowsRequest);
    // The reference: papaparse on the whole text, line numbers counted the same way.
    const records = Papa.parse<string[]>(text, { delimiter: ',' }).data;
    records.pop(); // the empty "record" after the final line break, which is no line
    const starts: number[] = [];
    let line = 1;
    for (const r of records) {
      starts.push(line);
      line += 1 + r.join(',').split('\n').length - 1;
    }
    const matcher = createRegionMatcher(units);
    const whole = validateFlowRows(
      records.slice(1),
      flowsRequest.mapping,
      { file: 'flows.csv', matcher, datasetId: 'user-1' },
      starts.slice(1),
    );
    expect(rowsOf(streamed)).toEqual(whole.rows);
    expect(streamed.issues).toEqual(whole.issues);
    expect(streamed.summary).toEqual(whole.summary);
    // The comparison covers valid rows and several kinds of issue.
    expect(streamed.summary.rowsValid).toBeGreaterThanOrEqual(100);
    const { duplicate, unknown_region, negative_count } = streamed.summary.issuesByCode;
    expect(Math.min(duplicate, unknown_region, negative_count)).toBeGreaterThan(0);
    expect(streamed.summary.decisions).toMatchObject([
      { text: 'Алматы', code: 'KZ-19', evidence: [{ text: 'Almaty_city', code: 'KZ-75' }] },
    ]);
    expect(rowsOf(streamed).some((r) => r.origin_code === 'KZ-19')).toBe(true);
  });

  it('reads a Node-style stream of bytes as it comes', async () => {
    async function* chunks() {
      const bytes = new TextEncoder().encode(
        'from,to,year,count\nАстана,г. Алматы,2020,5\nAlmaty city,Astana,2020,7\n',
      );
      for (let i = 0; i < bytes.length; i += 7) yield bytes.slice(i, i + 7); // splits Cyrillic letters
    }
    const progress: ImportProgress[] = [];
    const result = await importTable(chunks(), flowsRequest, { onProgress: (p) => progress.push(p) });
    expect(rowsOf(result).map((r) => r.migrants)).toEqual([5, 7]);
    expect(progress.at(-1)).toMatchObject({ rowsRead: 2, totalBytes: null, fraction: null });
  });

  it('posts progress at most every 100 ms and always at the end', async () => {
    const text = 'from,to,year,count\n' + 'Astana,Almaty city,2020,1\n'.repeat(200_000);
    let clock = 0;
    const progress: ImportProgress[] = [];
    await importTable(blob(text), flowsRequest, {
      onProgress: (p) => progress.push(p),
      now: () => (clock += 40), // 40 ms per read chunk
    });
    const chunks = Math.ceil(text.length / READ_CHUNK_BYTES);
    expect(chunks).toBeGreaterThan(3);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(chunks / 2) + 1);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({
      rowsRead: 200_000,
      bytesRead: text.length,
      totalBytes: text.length,
      fraction: 1,
    });
    const fractions = progress.map((p) => p.fraction!);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    const text = 'from,to,year,count\n' + 'Astana,Almaty city,2020,1\n'.repeat(200_000);
    const run = importTable(blob(text), flowsRequest, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesRead >= READ_CHUNK_BYTES) controller.abort();
      },
      now: () => Date.now() + Math.random() * 1e9,
    });
    await expect(run).rejects.toBeInstanceOf(ImportAbortedError);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('files that cannot be imported', () => {
  it('refuses a file over the limit before reading it', async () => {
    let read = false;
    const huge = { size: 201 * 1024 * 1024, slice: () => ((read = true), blob('')) } as unknown as Blob;
    Object.setPrototypeOf(huge, Blob.prototype);
    await expect(importTable(huge, flowsRequest)).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(previewTable(huge, 'huge.csv')).rejects.toMatchObject({
      problem: { code: 'file_too_large', params: { size: 201 * 1024 * 1024, limit: 200 * 1024 * 1024 } },
    });
    expect(read).toBe(false);
  });

  it.each([
    ['', { code: 'empty_file', params: {} }, 1, 'The file has no header row (it is empty).'],
    ['\n\n', { code: 'empty_file', params: {} }, 1, 'The file has no header row (it is empty).'],
    ['from,to\nAstana,Almaty city\n', { code: 'columns_do_not_fit', params: { problems: [
      { code: 'column_outside', params: { field: 'year', column: 2, columns: 2 } },
      { code: 'column_outside', params: { field: 'count', column: 3, columns: 2 } },
    ] } }, 1, 'The columns do not fit this file: column 3 (year) is not in the file (it has 2); column 4 (count) is not in the file (it has 2).'],
    ['from,to,year,count\nAstana,Almaty city,2020,1\n"Astana,Almaty city,2020,2\nAstana,Almaty city,2021,3\n', { code: 'unclosed_quote', params: {} }, 3, 'A quoted cell is not closed on this line, so the rest of the file cannot be read.'],
  ])('%j → nothing imported', async (text, fatal, line, english) => {
    const result = await importTable(blob(text), flowsRequest);
    expect(result.fatalProblem).toEqual(fatal);
    expect(formatImportProblem(result.fatalProblem!, 'en')).toBe(english);
    expect(result.columns.length).toBe(0);
    expect(result.issues.at(-1)).toEqual({ file: 'flows.csv', line, code: 'parse_error', params: { reason: fatal.code, ...fatal.params } });
    expect(formatImportIssue(result.issues.at(-1)!, 'en')).toBe(`flows.csv, line ${line}: ${english}`);
    expect(result.summary.rowsValid).toBe(0);
  }); // prettier-ignore

  it('a malformed but closed quote rejects its row only', async () => {
    const text = 'from,to,year,count\n"Ast"ana",Almaty city,2020,1\nAlmaty city,Astana,2020,2\n';
    const result = await importTable(blob(text), flowsRequest);
    expect(result.fatalProblem).toBeNull();
    expect(rowsOf(result)).toMatchObject([{ migrants: 2 }]);
    expect(result.issues).toMatchObject([{ line: 2, code: 'parse_error', params: { reason: 'InvalidQuotes' } }]);
    expect(result.summary).toMatchObject({ rowsRead: 2, rowsValid: 1, rowsInvalid: 1 });
  });
});

describe('figures and the project’s own flows', () => {
  it('imports figures with the measure named after the value column', async () => {
    const text = 'Region\tYear\tPopulation\nAstana\t2024\t1 350 228\nАлматинская обл.\t2024\t1 525 800\n';
    const result = await importTable(blob(text), {
      ...flowsRequest,
      kind: 'figures',
      mapping: { region: 0, year: 1, value: 2 },
      fileName: 'pop.tsv',
    });
    expect(result.delimiter).toBe('\t');
    expect(figuresOf(result)).toEqual([
      {
        unit_code: 'KZ-71',
        year: 2024,
        measure: 'Population',
        value: 1350228,
        source_id: 'user-1',
        unit_of_measure: '',
      },
      {
        unit_code: 'KZ-19',
        year: 2024,
        measure: 'Population',
        value: 1525800,
        source_id: 'user-1',
        unit_of_measure: '',
      },
    ]);
  });

  it('data/flows.csv imports whole, and its totals equal the model’s', async () => {
    const text = readFileSync(fileURLToPath(new URL('../../data/flows.csv', import.meta.url)), 'utf8');
    const preview = await previewTable(blob(text), 'flows.csv');
    expect(preview.kind).toBe('flows');
    const result = await importTable(blob(text), { ...flowsRequest, mapping: preview.guesses.flows.mapping });
    if (result.kind !== 'flows') throw new Error('flows expected');
    const source = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(result.summary).toMatchObject({ rowsRead: source.length, rowsValid: source.length, issueCount: 0 });
    const expected = aggregateFlowsByUnit(
      source.map((r) => ({
        year: +r.year!,
        origin: r.origin_code!,
        destination: r.destination_code!,
        migrants: +r.migrants!,
      })),
    );
    expect(totalsByYear(result.totals)).toEqual(expected);
  });
});

describe('preview', () => {
  it('reads the header, the first rows and the guesses, leaving out a row cut by the read', async () => {
    const text = 'Откуда,Куда,Год,Число мигрантов\n' + 'Астана,Алматы,2020,5\n'.repeat(20_000);
    const preview = await previewTable(blob(text), 'big.csv', 5);
    expect(preview.header).toEqual(['Откуда', 'Куда', 'Год', 'Число мигрантов']);
    expect(preview.rows).toHaveLength(5);
    expect(preview.kind).toBe('flows');
    expect(preview.guesses.flows.mapping).toEqual({ origin: 0, destination: 1, year: 2, count: 3 });
    expect(preview.totalBytes).toBe(new TextEncoder().encode(text).length);
    const short = await previewTable(blob('a,b\n1,2\n3,4'), 'small.csv');
    expect(short.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});
