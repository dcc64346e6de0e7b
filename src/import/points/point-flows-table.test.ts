import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IssueLog, SEVERITY, type PointIssueCode } from './codes';
import { PlaceCollector } from './places-table';
import { endsById, parseTimeCell, PointFlowRowValidator } from './point-flows-table';

describe('parseTimeCell', () => {
  it('reads years and dates as written, and nothing else', () => {
    expect(parseTimeCell('2020')).toEqual({ year: 2020, month: 0, day: 0 });
    expect(parseTimeCell('2020 г.')).toEqual({ year: 2020, month: 0, day: 0 });
    expect(parseTimeCell('2020-03')).toEqual({ year: 2020, month: 3, day: 0 });
    expect(parseTimeCell('2020-03-15')).toEqual({ year: 2020, month: 3, day: 15 });
    expect(parseTimeCell('2020-12-31T23:00:00-05:00')).toEqual({ year: 2020, month: 12, day: 31 });
    expect(parseTimeCell('2020-01-01T00:00:00Z')).toEqual({ year: 2020, month: 1, day: 1 });
    expect(parseTimeCell('15.03.2020')).toEqual({ year: 2020, month: 3, day: 15 });
    for (const bad of ['2020-13', '2020-00-10', '2020-01-32', '20', 'March 2020', '2020/03/01', '', '2020-01-00'])
      expect(parseTimeCell(bad), bad).toBeNull();
  });
});

const PLACES = ['a', 'b', 'c', 'd', 'e'];

function setup(defaultYear: number | null = null) {
  const log = new IssueLog(100_000);
  log.file = 'f.csv';
  const places = new PlaceCollector({ log });
  PLACES.forEach((id, i) => places.add(id, id.toUpperCase(), 70 + i, 50, Number.NaN, '', i + 2));
  const mapping = { origin: 0, dest: 1, count: 2, time: 3 };
  const validator = new PointFlowRowValidator(endsById(mapping, places, log), mapping, places, log, defaultYear);
  return { log, validator };
}

interface Row {
  o: number;
  d: number;
  c: number;
  y: number;
}
/** A row with exactly one fault, and the code it must get. */
const faults: [PointIssueCode, (r: Row) => string[]][] = [
  ['unknown_location', (r) => ['zz', PLACES[r.d]!, String(r.c), String(r.y)]],
  ['cell_missing', (r) => [PLACES[r.o]!, '', String(r.c), String(r.y)]],
  ['same_origin_destination', (r) => [PLACES[r.o]!, PLACES[r.o]!, String(r.c), String(r.y)]],
  ['count_negative', (r) => [PLACES[r.o]!, PLACES[r.d]!, `-${r.c + 1}`, String(r.y)]],
  ['count_decimal', (r) => [PLACES[r.o]!, PLACES[r.d]!, `${r.c},5`, String(r.y)]],
  ['count_not_a_number', (r) => [PLACES[r.o]!, PLACES[r.d]!, 'many', String(r.y)]],
  ['time_not_a_date', (r) => [PLACES[r.o]!, PLACES[r.d]!, String(r.c), 'last year']],
  ['year_out_of_range', (r) => [PLACES[r.o]!, PLACES[r.d]!, String(r.c), '1899']],
];

const rowArb = fc
  .record({ o: fc.nat(4), d: fc.nat(4), c: fc.nat(100_000), y: fc.integer({ min: 2000, max: 2004 }) })
  .filter((r) => r.o !== r.d);

describe('PointFlowRowValidator', () => {
  it('keeps every valid row as read, reports each faulty one once at its line, and drops later duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 3, arbitrary: rowArb.map((r) => ({ r, fault: -1 })) }, rowArb.chain((r) => fc.nat(faults.length - 1).map((fault) => ({ r, fault })))), { maxLength: 120 }), // prettier-ignore
        (input) => {
          const { log, validator } = setup();
          const expectedRows: (Row & { line: number })[] = [];
          const expectedIssues: string[] = [];
          const firstLine = new Map<string, number>();
          input.forEach(({ r, fault }, i) => {
            const line = i + 2;
            if (fault >= 0) {
              const [code, cells] = faults[fault]!;
              validator.push(cells(r), line);
              expectedIssues.push(`${line}:${code}`);
              return;
            }
            validator.push([PLACES[r.o]!, PLACES[r.d]!, String(r.c), String(r.y)], line);
            const key = `${r.o}>${r.d}@${r.y}`;
            if (firstLine.has(key)) expectedIssues.push(`${line}:duplicate_flow`);
            else {
              firstLine.set(key, line);
              expectedRows.push({ ...r, line });
            }
          });
          const result = validator.finish();
          const rows = result.rows;
          expect(Array.from({ length: rows.length }, (_, i) => ({ o: rows.origin[i]!, d: rows.destination[i]!, c: rows.count[i]!, y: rows.year[i]!, line: rows.line[i]! }))).toEqual(expectedRows); // prettier-ignore
          expect(log.issues.map((i) => `${i.line}:${i.code}`).sort()).toEqual(expectedIssues.sort());
          for (const issue of log.issues) expect(SEVERITY[issue.code]).toBe('error');
          // The yearly sums: one flow per (origin, destination, year), its count the rows' sum.
          const sums = new Map<string, number>();
          for (const r of expectedRows) sums.set(`${r.o}>${r.d}@${r.y}`, (sums.get(`${r.o}>${r.d}@${r.y}`) ?? 0) + r.c);
          const f = result.flows;
          expect(new Map(Array.from({ length: f.length }, (_, i) => [`${f.origin[i]}>${f.destination[i]}@${f.year[i]}`, f.count[i]!]))).toEqual(sums); // prettier-ignore
          expect(result.summary.rowsRead).toBe(input.length);
          expect(result.summary.rowsValid).toBe(expectedRows.length);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('never throws on arbitrary cells, and every kept row is valid', () => {
    const cell = fc.oneof(fc.constantFrom(...PLACES, '', ' ', '2021', '12', '-1', '1,5', '1 000', '2021-02-30', '\u0000', '"'), fc.string({ maxLength: 8 })); // prettier-ignore
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 60 }), (rows) => {
        const { validator } = setup();
        rows.forEach((cells, i) => validator.push(cells, i + 2));
        const { rows: kept } = validator.finish();
        for (let i = 0; i < kept.length; i++) {
          expect(kept.origin[i]).not.toBe(kept.destination[i]);
          expect(Number.isSafeInteger(kept.count[i]) && kept.count[i]! >= 0).toBe(true);
          expect(kept.year[i]).toBeGreaterThanOrEqual(1990);
        }
      }),
    );
  });

  it('puts every row of a file without a time column in the given year', () => {
    const { validator } = setup(2019);
    const log = new IssueLog();
    const places = new PlaceCollector({ log });
    places.add('a', 'A', 70, 50, Number.NaN, '', 2);
    places.add('b', 'B', 71, 50, Number.NaN, '', 3);
    const noTime = new PointFlowRowValidator(endsById({ origin: 0, dest: 1 }, places, log), { count: 2 }, places, log, 2019); // prettier-ignore
    noTime.push(['a', 'b', '5'], 2);
    noTime.push(['b', 'a', '6'], 3);
    expect([...noTime.finish().flows.year]).toEqual([2019, 2019]);
    expect(validator.finish().flows.length).toBe(0);
  });
});
