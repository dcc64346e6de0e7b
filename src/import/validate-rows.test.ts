import { describe, expect, it } from 'vitest';
import { formatImportIssue } from '../i18n/import-messages';
import { createRegionMatcher } from './region-matcher';
import { loadUnits } from './test-support';
import {
  checkFigureRow,
  checkFlowRow,
  geographyFor,
  normalizePeriod,
  parseNumberCell,
  parseYearCell,
  validateFigureRows,
  validateFlowRows,
} from './validate-rows';

const units = loadUnits();
const matcher = createRegionMatcher(units);
const codes = new Set(units.map((u) => u.unit_code));
const flowMapping = { origin: 0, destination: 1, year: 2, count: 3 };
const opts = { file: 'mine.csv', matcher, datasetId: 'user-1' };
const flows = (rows: string[][], mapping: Record<string, number> = flowMapping) =>
  validateFlowRows(rows, mapping, opts);

describe('numbers and years', () => {
  it.each([
    ['1234', 1234], ['1 234', 1234], ['1\u00a0234\u00a0567', 1234567], ["1'234", 1234], ['12.0', 12], ['1,5', 1.5],
    ['1,234', 1.234], ['1,234,567', 1234567], ['1.234.567', 1234567], ['1,234.5', 1234.5], ['1.234,5', 1234.5],
    ['−12', -12], ['+7', 7], ['1e3', 1000], [' 42 ', 42],
  ])('%s → %d', (text, value) => expect(parseNumberCell(text)).toBe(value)); // prettier-ignore

  it.each(['', 'abc', '12a', '1..2', '--1', 'NaN', 'Infinity', '1e999', '0x10', '١٢'])('"%s" is not a number', (text) =>
    expect(parseNumberCell(text)).toBeNull(),
  );

  it('years', () => {
    expect(parseYearCell('2024')).toBe(2024);
    expect(parseYearCell(' 2024 г.')).toBe(2024);
    expect(parseYearCell('2024 жыл')).toBe(2024);
    expect(parseYearCell('24')).toBeNull();
    expect(parseYearCell('2024.5')).toBeNull();
  });

  it('periods: the names of a full year become Jan-Dec, others stay', () => {
    for (const p of ['', 'Jan-Dec', 'январь-декабрь', 'Year', '12 months', 'Қаңтар-желтоқсан'])
      expect(normalizePeriod(p), p).toBe('Jan-Dec');
    expect(normalizePeriod(' H1 ')).toBe('H1');
  });
});

describe('flow rows', () => {
  it('returns valid rows in the shape of data/flows.csv', () => {
    const result = flows([
      ['Astana', 'Almaty city', '2024', '1 200'],
      ['KZ-75', 'Nur-Sultan', '2024', '900'],
    ]);
    expect(result.rows).toEqual([
      { year: 2024, origin_code: 'KZ-71', destination_code: 'KZ-75', migrants: 1200, period: 'Jan-Dec', geography: 'G20_2022plus', source_id: 'user-1', quality_flag: 'user_import' },
      { year: 2024, origin_code: 'KZ-75', destination_code: 'KZ-71', migrants: 900, period: 'Jan-Dec', geography: 'G20_2022plus', source_id: 'user-1', quality_flag: 'user_import' },
    ]); // prettier-ignore
    expect(result.issues).toEqual([]);
    expect(result.summary).toMatchObject({ rowsRead: 2, rowsValid: 2, rowsInvalid: 0, issueCount: 0 });
    for (const row of result.rows) expect(checkFlowRow(row, codes)).toBeNull();
  });

  it('names the line, the code and the parameters of every problem', () => {
    const rows = [
      ['Astana', 'Almaty city', '2020', '10'], // line 2: valid
      ['Atlantis', 'Almaty city', '2020', '10'],
      ['Astana', 'Astana city', '2020', '10'],
      ['Astana', 'Almaty city', '2020', '-5'],
      ['Astana', 'Almaty city', '2020', 'many'],
      ['Astana', 'Almaty city', '2020', '1,234'],
      ['Astana', 'Almaty city', '1850', '10'],
      ['Astana', 'Almaty city', '2020', '11'], // duplicate of line 2
      ['Astana', 'Almaty city', '2020'],
      ['Astana', '', '2020', '3'],
      ['Altai', 'Almaty city', '2020', '3'],
      ['Республика Казахстан', 'Almaty city', '2020', '3'],
      ['Astana', 'Almaty city', 'last year', '3'],
    ];
    const result = flows(rows);
    expect(result.issues.map((i) => [i.line, i.code, i.params])).toEqual([
      [3, 'unknown_region', { field: 'origin', value: 'Atlantis' }],
      [4, 'same_origin_destination', { unit: 'KZ-71' }],
      [5, 'negative_count', { field: 'count', value: '-5' }],
      [6, 'not_a_number', { field: 'count', value: 'many' }],
      [7, 'decimal_count', { field: 'count', value: '1,234', thousands: true }],
      [8, 'year_out_of_range', { year: 1850, min: 1990, max: 2100 }],
      [9, 'duplicate', { firstLine: 2, year: 2020, origin: 'KZ-71', destination: 'KZ-75' }],
      [10, 'missing_cell', { field: 'count' }],
      [11, 'missing_cell', { field: 'destination', empty: true }],
      [12, 'ambiguous_region', { field: 'origin', value: 'Altai', candidates: ['RU-ALT', 'RU-AL'] }],
      [13, 'total_row', { field: 'origin', value: 'Республика Казахстан' }],
      [14, 'not_a_number', { field: 'year', value: 'last year' }],
    ]);
    // The same problems as sentences, in each language, numbers by locale.
    const say = (lang: 'en' | 'ru' | 'kk') => result.issues.map((i) => formatImportIssue(i, lang));
    expect(say('en')).toEqual([
      'mine.csv, line 3: “Atlantis” (origin) matches no region',
      'mine.csv, line 4: origin and destination are the same region (KZ-71)',
      'mine.csv, line 5: count “-5” is negative',
      'mine.csv, line 6: count “many” is not a number',
      'mine.csv, line 7: count “1,234” has decimals (if the comma separates thousands, remove it)',
      'mine.csv, line 8: year 1850 is outside 1990–2100',
      'mine.csv, line 9: repeats line 2 (2020, KZ-71 → KZ-75)',
      'mine.csv, line 10: the row has no cell for count',
      'mine.csv, line 11: destination is empty',
      'mine.csv, line 12: “Altai” (origin) could be RU-ALT or RU-AL: say which',
      'mine.csv, line 13: “Республика Казахстан” (origin) is a total, not a region',
      'mine.csv, line 14: year “last year” is not a year',
    ]);
    expect(say('ru')[0]).toBe('mine.csv, строка 3: «Atlantis» (откуда) не совпадает ни с одним регионом');
    expect(say('kk')[6]).toBe('mine.csv, 9-жол: 2-жолды (2020, KZ-71 → KZ-75) қайталайды');
    expect(say('ru').join()).not.toMatch(/undefined|NaN/);
    expect(say('kk').join()).not.toMatch(/undefined|NaN/);
    expect(result.issues.every((i) => i.file === 'mine.csv')).toBe(true);
    expect(result.rows).toHaveLength(1);
    expect(result.summary).toMatchObject({ rowsRead: 13, rowsValid: 1, rowsInvalid: 12, issueCount: 12 });
    expect(result.summary.issuesByCode).toMatchObject({
      unknown_region: 1,
      duplicate: 1,
      missing_cell: 2,
      not_a_number: 2,
    });
    expect(result.summary.unmatched).toEqual([
      { text: 'Atlantis', count: 1, candidates: [], suggestions: [] },
      { text: 'Altai', count: 1, candidates: ['RU-ALT', 'RU-AL'], suggestions: [] },
    ]);
    expect(result.summary.questions).toEqual([
      { text: 'Altai', candidates: ['RU-ALT', 'RU-AL'], count: 1, split: false },
    ]);
    expect(result.summary.matched[0]).toEqual({ text: 'Almaty city', count: 11, code: 'KZ-75' });
  });

  it('a row after an invalid one with the same key is not a duplicate', () => {
    const result = flows([
      ['Astana', 'Almaty city', '2020', '-1'],
      ['Astana', 'Almaty city', '2020', '5'],
    ]);
    expect(result.rows.map((r) => r.migrants)).toEqual([5]);
    expect(result.issues.map((i) => i.code)).toEqual(['negative_count']);
  });

  it('rows of different periods are not duplicates; a full year written two ways is', () => {
    const result = flows(
      [
        ['Astana', 'Almaty city', '2019', '5', 'H1'],
        ['Astana', 'Almaty city', '2019', '9', 'Jan-Dec'],
        ['Astana', 'Almaty city', '2019', '9', 'январь-декабрь'],
      ],
      { ...flowMapping, period: 4 },
    );
    expect(result.rows.map((r) => [r.period, r.migrants])).toEqual([
      ['H1', 5],
      ['Jan-Dec', 9],
    ]);
    expect(result.issues.map((i) => [i.line, i.params])).toEqual([
      [4, { firstLine: 3, year: 2019, origin: 'KZ-71', destination: 'KZ-75' }],
    ]);
  });

  it('skips empty lines and rows of empty cells without counting them', () => {
    const result = flows([[''], ['', '', '', ''], ['Astana', 'Almaty city', '2020', '1']]);
    expect(result.summary).toMatchObject({ rowsRead: 1, rowsValid: 1, emptyLines: 2 });
    expect(result.issues).toEqual([]);
  });

  it('keeps the first issues and counts the rest', () => {
    const rows = Array.from({ length: 50 }, () => ['Atlantis', 'Almaty city', '2020', '1']);
    const result = validateFlowRows(rows, flowMapping, { ...opts, maxIssues: 10 });
    expect(result.issues).toHaveLength(10);
    expect(result.issues[9]!.line).toBe(11);
    expect(result.summary.issueCount).toBe(50);
    expect(result.summary.unmatched).toEqual([{ text: 'Atlantis', count: 50, candidates: [], suggestions: [] }]);
  });

  it('keeps the file’s source and note text beside the dataset id', () => {
    const result = flows([['Astana', 'Almaty city', '2020', '1', 'BNS bulletin', 'provisional']], {
      ...flowMapping,
      source: 4,
      note: 5,
    });
    const { source, note } = result.columns;
    expect(source.values[source.index![0]!]).toBe('BNS bulletin');
    expect(note.values[note.index![0]!]).toBe('provisional');
    expect(result.rows[0]!.source_id).toBe('user-1');
  });

  it('the geography follows the year and the units used', () => {
    expect(geographyFor(2010, [null])).toBe('G16_pre2017');
    expect(geographyFor(2010, ['2017-01-01'])).toBe('G17_2017_2021');
    expect(geographyFor(2019, [])).toBe('G17_2017_2021');
    expect(geographyFor(2019, ['2022-01-01'])).toBe('G20_2022plus');
    expect(geographyFor(2023, [])).toBe('G20_2022plus');
    const result = flows([
      ['Astana', 'Almaty city', '2010', '1'],
      ['Astana', 'Shymkent', '2015', '1'],
      ['Abai', 'Almaty city', '2020', '1'],
    ]);
    expect(result.rows.map((r) => r.geography)).toEqual(['G16_pre2017', 'G17_2017_2021', 'G20_2022plus']);
  });
});

describe('figure rows', () => {
  const mapping = { region: 0, year: 1, value: 2 };
  const fopts = { ...opts, defaultMeasure: 'population' };

  it('returns (unit, year, measure, value, source) and allows negative and decimal values', () => {
    const result = validateFigureRows(
      [
        ['Астана', '2024', '1 350 228'],
        ['Almaty Region', '2024', '-2,5'],
      ],
      mapping,
      fopts,
    );
    expect(result.rows).toEqual([
      {
        unit_code: 'KZ-71',
        year: 2024,
        measure: 'population',
        value: 1350228,
        source_id: 'user-1',
        unit_of_measure: '',
      },
      { unit_code: 'KZ-19', year: 2024, measure: 'population', value: -2.5, source_id: 'user-1', unit_of_measure: '' },
    ]);
    for (const row of result.rows) expect(checkFigureRow(row, codes)).toBeNull();
  });

  it('duplicates are per measure, region and year', () => {
    const result = validateFigureRows(
      [
        ['Astana', '2024', '1', 'arrivals', 'persons'],
        ['Astana', '2024', '2', 'departures', 'persons'],
        ['KZ-71', '2024', '3', 'arrivals', 'persons'],
        ['Astana', '2024', 'x', 'net', 'persons'],
      ],
      { ...mapping, measure: 3, unit: 4 },
      fopts,
    );
    expect(result.rows.map((r) => [r.measure, r.value, r.unit_of_measure])).toEqual([
      ['arrivals', 1, 'persons'],
      ['departures', 2, 'persons'],
    ]);
    expect(result.issues.map((i) => [i.line, formatImportIssue(i, 'en')])).toEqual([
      [4, 'mine.csv, line 4: repeats line 2 (2024, KZ-71, “arrivals”)'],
      [5, 'mine.csv, line 5: value “x” is not a number'],
    ]);
  });
});
