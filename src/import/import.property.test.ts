/**
 * Property-based tests of the import path: thousands of random and malformed
 * inputs never throw out of the import functions, and every returned row
 * passes validation again (by our checks and by the project's own parser of
 * data/flows.csv).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../core/csv';
import { SCHEMAS } from '../core/tables';
import { exportDataset } from '../datasets/export';
import { importTable, type TableImportRequest } from './import-core';
import { createRegionMatcher } from './region-matcher';
import { SNIFF_BYTES, sniffBytes } from './sniff';
import { noteText } from './table-shape';
import { loadUnits } from './test-support';
import {
  checkFigureRow,
  checkFlowRow,
  flowRows,
  figureRows,
  parseNumberCell,
  validateFigureRows,
  validateFlowRows,
  type FlowColumns,
} from './validate-rows';

const units = loadUnits();
const codes = new Set(units.map((u) => u.unit_code));
const matcher = createRegionMatcher(units);
const HOSTILE = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '=cmd|"/c calc"!A1', '\u0000', '\ufeff', '𝕂𝕫', '‮KZ-71', "'; DROP TABLE x; --"]; // prettier-ignore
const NAMES = units.flatMap((u) => [u.unit_code, u.name_en, u.name_ru, u.name_kk, u.short_en, u.short_kk]);

const regionText = fc.oneof(
  fc.constantFrom(...NAMES, 'Nur-Sultan', 'Alma-Ata', 'Kustanai', 'Altai', 'Atlantis', 'Республика Казахстан'),
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const yearText = fc.oneof(fc.integer({ min: 1980, max: 2110 }).map(String), fc.string({ maxLength: 6 }));
const countText = fc.oneof(
  fc.nat({ max: 2_000_000 }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.nat({ max: 9_999_999 }).map((n) => n.toLocaleString('ru-RU')),
  fc.nat({ max: 9_999_999 }).map((n) => n.toLocaleString('en-US')),
  fc.string({ maxLength: 6 }),
);
const cellText = fc.oneof(
  regionText,
  yearText,
  countText,
  fc.constantFrom('', ' ', '"', '""', '\n', '\r\n', ',', '\t', ';'),
);

/** A CSV cell as a careful writer quotes it. */
const quote = (cell: string, delimiter: string) =>
  /["\n\r]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;

const flowsRequest = (mapping: TableImportRequest['mapping']): TableImportRequest => ({
  kind: 'flows',
  mapping,
  units,
  datasetId: 'user-prop',
  fileName: 'random.csv',
});

function expectValidFlows(columns: FlowColumns) {
  const rows = flowRows(columns, 'user-prop');
  for (const row of rows) expect(checkFlowRow(row, codes)).toBeNull();
  // The project's own parser of data/flows.csv reads the exported rows without an issue.
  const exported = exportDataset({
    id: 'user-prop', name: 'p', kind: 'flows', created: '', fileName: '', rowCount: 0, rowsRead: 0, bytes: 0, deletedAt: null,
    payload: { kind: 'flows', columns },
  }); // prettier-ignore
  const reparsed = parseTable('flows.csv', exported.text, SCHEMAS['flows.csv']);
  expect(reparsed.issues).toEqual([]);
  expect(reparsed.rows).toHaveLength(rows.length);
}

describe('import of random files', { timeout: 60_000 }, () => {
  it('random bytes: refused as not a table before any reading, or imported with only valid rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const sniffed = sniffBytes(bytes.subarray(0, SNIFF_BYTES));
        const run = importTable(
          new Blob([bytes as BlobPart]),
          flowsRequest({ origin: 0, destination: 1, year: 2, count: 3 }),
        );
        if (sniffed.kind === 'refused') {
          await expect(run).rejects.toMatchObject({
            problem: { code: 'file_refused', params: { seemsTo: sniffed.seemsTo } },
          });
          return;
        }
        const result = await run;
        if (result.kind !== 'flows') throw new Error('flows expected');
        expect(result.columns.length).toBe(result.summary.rowsValid);
        expectValidFlows(result.columns);
      }),
      { numRuns: 300 },
    );
    // A few hundred random bytes always hold a NUL or control bytes: refused, whatever the name says.
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 256, maxLength: 3000 }), async (bytes) => {
        const run = importTable(
          new Blob([bytes as BlobPart]),
          flowsRequest({ origin: 0, destination: 1, year: 2, count: 3 }),
        );
        await expect(run).rejects.toMatchObject({ problem: { code: 'file_refused' } });
      }),
      { numRuns: 100 },
    );
  });

  it('random CSV and TSV with quotes, line breaks, BOM and empty lines: streaming reads exactly what was written', async () => {
    const table = fc.record({
      rows: fc.array(fc.array(cellText, { minLength: 0, maxLength: 6 }), { maxLength: 40 }),
      delimiter: fc.constantFrom(',', '\t', ';'),
      newline: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
      emptyLines: fc.array(fc.nat({ max: 45 }), { maxLength: 4 }),
      mapping: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 4, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(table, async ({ rows, delimiter, newline, bom, emptyLines, mapping }) => {
        const [origin, destination, year, count] = mapping as [number, number, number, number];
        const header = ['c0', 'c1', 'c2', 'c3', 'c4'];
        // The expected records and their first lines, as written.
        const records: string[][] = [];
        const starts: number[] = [];
        const lines: string[] = [header.join(delimiter)];
        let line = 2;
        rows.forEach((cells, i) => {
          if (emptyLines.includes(i)) {
            lines.push('');
            line++;
          }
          const text = cells.map((c) => quote(c, delimiter)).join(delimiter);
          // A lone empty cell is an empty line, which the import skips; write it quoted so it stays a record.
          lines.push(text === '' && cells.length === 1 ? '""' : text);
          records.push(cells.length === 0 ? [''] : cells);
          starts.push(line);
          line += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        });
        const text = (bom ? '\ufeff' : '') + lines.join(newline) + newline;
        const request = flowsRequest({ origin, destination, year, count });
        const run = importTable(new Blob([text]), request);
        // NUL and control characters are not text: such a file is refused whole.
        if (sniffBytes(new TextEncoder().encode(text).subarray(0, SNIFF_BYTES)).kind === 'refused') {
          await expect(run).rejects.toMatchObject({ problem: { code: 'file_refused' } });
          return;
        }
        const result = await run;
        if (result.kind !== 'flows') throw new Error('flows expected');
        expect(result.fatalProblem).toBeNull();
        expect(result.delimiter).toBe(delimiter);
        // Rows of one text naming no region are notes (sections, footnotes), set aside.
        const kept = records.map((r, i) => [r, starts[i]!] as const).filter(([r]) => noteText(r, matcher) === null);
        const expected = validateFlowRows(
          kept.map(([r]) => r),
          request.mapping,
          { file: 'random.csv', matcher, datasetId: 'user-prop' },
          kept.map(([, l]) => l),
        );
        expect(result.notes.map((n) => n.line)).toEqual(
          records
            .map((r, i) => [r, starts[i]!] as const)
            .filter(([r]) => noteText(r, matcher) !== null)
            .map(([, l]) => l)
            .slice(0, 100),
        );
        expect(flowRows(result.columns, 'user-prop')).toEqual(expected.rows);
        expect(result.issues).toEqual(expected.issues);
        expectValidFlows(result.columns);
      }),
      { numRuns: 400 },
    );
  });

  it('broken quoting anywhere: never throws; an import either fails whole or returns only valid rows', async () => {
    const broken = fc
      .array(fc.oneof(cellText, fc.constantFrom('"', '"a"b', 'a"b', '"\n', '"",""')), { maxLength: 60 })
      .map((cells) => 'from,to,year,count\n' + cells.join(','));
    await fc.assert(
      fc.asyncProperty(broken, async (text) => {
        const run = importTable(new Blob([text]), flowsRequest({ origin: 0, destination: 1, year: 2, count: 3 }));
        if (sniffBytes(new TextEncoder().encode(text)).kind === 'refused') {
          await expect(run).rejects.toMatchObject({ problem: { code: 'file_refused' } });
          return;
        }
        const result = await run;
        if (result.kind !== 'flows') throw new Error('flows expected');
        if (result.fatalProblem) expect(result.columns.length).toBe(0);
        expectValidFlows(result.columns);
        for (const issue of result.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validator and matcher on random input', { timeout: 60_000 }, () => {
  it('the flow validator never throws and returns only valid rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { maxLength: 5 }), { maxLength: 50 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 4, maxLength: 4 }),
        (rows, [origin, destination, year, count]) => {
          const result = validateFlowRows(
            rows,
            { origin, destination, year, count },
            { file: 'f', matcher, datasetId: 'd' },
          );
          for (const row of result.rows) expect(checkFlowRow(row, codes)).toBeNull();
          const s = result.summary;
          expect(s.rowsValid + s.rowsInvalid).toBe(s.rowsRead);
          expect(s.issueCount).toBeGreaterThanOrEqual(s.rowsInvalid);
          expect(s.rowsRead + s.emptyLines).toBe(rows.length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the figure validator never throws and returns only valid rows', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { maxLength: 4 }), { maxLength: 50 }), (rows) => {
        const result = validateFigureRows(
          rows,
          { region: 0, year: 1, value: 2, measure: 3 },
          { file: 'f', matcher, datasetId: 'd', defaultMeasure: 'v' },
        );
        for (const row of result.rows) expect(checkFigureRow(row, codes)).toBeNull();
        expect(figureRows(result.columns, 'd')).toEqual(result.rows);
      }),
      { numRuns: 2000 },
    );
  });

  it('the matcher never throws and answers only with known codes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), regionText), (text) => {
        const result = matcher.match(text);
        if (result === null) return;
        if ('code' in result) expect(codes.has(result.code)).toBe(true);
        else {
          expect(result.candidates.length).toBeGreaterThan(1);
          for (const c of result.candidates) expect(codes.has(c)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('case, spacing, punctuation and accents do not change a match', () => {
    const names = units.flatMap((u) => [u.name_en, u.name_ru, u.name_kk, u.short_en, u.short_ru, u.short_kk]);
    const noisy = fc.record({
      name: fc.constantFrom(...names),
      upper: fc.array(fc.boolean(), { maxLength: 40 }),
      pad: fc.constantFrom('', ' ', '  ', '\t'),
      punct: fc.constantFrom('', '.', ',', ' -', ' ;'),
    });
    fc.assert(
      fc.property(noisy, ({ name, upper, pad, punct }) => {
        const changed = [...name]
          .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()))
          .join('')
          .replace(/ /g, `${pad} `);
        expect(matcher.match(`${pad}${changed}${punct}${pad}`)).toEqual(matcher.match(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers written with group separators read back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(' ', '\u00a0', "'", ''), (n, sep) => {
        const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseNumberCell((n < 0 ? '-' : '') + grouped)).toBe(n);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(parseNumberCell(String(d))).toBe(Object.is(d, -0) ? 0 : d);
      }),
      { numRuns: 2000 },
    );
  });
});
