import { describe, expect, it } from 'vitest';
import { streamRecords, type RecordHandlers } from './stream-records';

async function read(source: Blob | AsyncIterable<Uint8Array>, fileName = 'f.csv', accept = true) {
  const records: [number, string[]][] = [];
  const malformed: number[] = [];
  let header: [number, string[]] | null = null;
  const handlers: RecordHandlers = {
    header: (cells, line) => {
      header = [line, cells];
      return accept;
    },
    record: (cells, line) => void records.push([line, cells]),
    malformed: (line) => void malformed.push(line),
  };
  const result = await streamRecords(source, { fileName }, handlers);
  return { result, records, malformed, header: header as [number, string[]] | null };
}

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('streamRecords', () => {
  it('numbers records by their first line, counting line breaks inside quoted cells and skipping leading blank lines', async () => {
    const text = '\n\ufeffid,name\n1,"two\nlines"\n2,plain\n\n3,"a ""quote"""\n';
    const { records, header, result } = await read(new Blob([text]));
    expect(header).toEqual([2, ['id', 'name']]);
    expect(records.filter(([, c]) => c.some((x) => x !== ''))).toEqual([
      [3, ['1', 'two\nlines']],
      [5, ['2', 'plain']],
      [7, ['3', 'a "quote"']],
    ]);
    expect(result.fatal).toBeNull();
  });

  it('detects the delimiter and decodes Windows-1251 across chunk boundaries', async () => {
    // "город;население\nАлматы;2000000\n" in Windows-1251.
    const cp1251 = (s: string) =>
      Uint8Array.from(
        [...s].map((ch) => (ch.charCodeAt(0) >= 0x410 ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))),
      );
    const bytes = cp1251('город;население\nАлматы;2000000\n');
    const { records, header, result } = await read(chunks(bytes, 3));
    expect(result.delimiter).toBe(';');
    expect(result.encoding).toBe('windows-1251');
    expect(header![1]).toEqual(['город', 'население']);
    expect(records[0]).toEqual([2, ['Алматы', '2000000']]);
  });

  it('stops at an unclosed quote, says where, and hands on nothing after it', async () => {
    const { records, result } = await read(new Blob(['a,b\n1,2\n"3,4\n5,6\n']));
    expect(result.fatal).toBe('unclosed_quote');
    expect(result.fatalLine).toBe(3);
    expect(records).toEqual([[2, ['1', '2']]]);
  });

  it('reports an empty file as having no header, and stops when the header is refused', async () => {
    expect((await read(new Blob(['\n\n']))).result.fatal).toBe('no_header');
    const refused = await read(new Blob(['a,b\n1,2\n']), 'f.csv', false);
    expect(refused.result.fatal).toBe('stopped');
    expect(refused.records).toEqual([]);
  });
});
