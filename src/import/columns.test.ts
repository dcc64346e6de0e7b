import { describe, expect, it } from 'vitest';
import { formatImportProblem } from '../i18n/import-messages';
import { guessColumns, guessTableKind, mappingProblems, normalizeHeader, setColumn, type FlowMapping } from './columns';

describe('flows headers', () => {
  it("the project's own flows.csv header", () => {
    const header = 'year,origin_code,destination_code,migrants,period,geography,source_id,quality_flag'.split(',');
    const guess = guessColumns('flows', header);
    expect(guess.mapping).toEqual({ year: 0, origin: 1, destination: 2, count: 3, period: 4, source: 6 });
    expect(guess.missing).toEqual([]);
  });

  it.each([
    [['From', 'To', 'Year', 'Count'], { origin: 0, destination: 1, year: 2, count: 3 }],
    [
      ['\ufeffORIGIN', 'DESTINATION', 'YEAR', 'MIGRANTS', 'Notes'],
      { origin: 0, destination: 1, year: 2, count: 3, note: 4 },
    ],
    [
      ['Откуда', 'Куда', 'Год', 'Число мигрантов', 'Источник'],
      { origin: 0, destination: 1, year: 2, count: 3, source: 4 },
    ],
    [['Қайдан', 'Қайда', 'Жыл', 'Саны', 'Кезең'], { origin: 0, destination: 1, year: 2, count: 3, period: 4 }],
    [
      ['Год', 'Регион выбытия', 'Регион прибытия', 'Человек', 'Примечание'],
      { year: 0, origin: 1, destination: 2, count: 3, note: 4 },
    ],
    [['region_from', 'region_to', 'yr', 'n'], { origin: 0, destination: 1, year: 2, count: 3 }],
  ])('%j', (header, mapping) => {
    expect(guessColumns('flows', header).mapping).toEqual(mapping);
  });

  it('arrived/departed are counts, never the ends of a flow', () => {
    const one = guessColumns('flows', ['Место выбытия', 'Место прибытия', 'Год', 'Прибыло']);
    expect(one.mapping).toEqual({ origin: 0, destination: 1, year: 2, count: 3 });
    const both = guessColumns('flows', ['Регион', 'Год', 'Прибыло', 'Выбыло']);
    expect(both.mapping.origin).toBeUndefined();
    expect(both.mapping.destination).toBeUndefined();
    expect(both.mapping.count).toBeUndefined(); // a weak tie: the user picks
    expect(both.ambiguous.count).toEqual([2, 3]);
    expect(both.missing).toEqual(['origin', 'destination', 'count']);
    expect(guessTableKind(['Регион', 'Год', 'Прибыло', 'Выбыло'])).toBe('figures');
  });

  it('direction words are origin and destination over names, counts over numbers', () => {
    // Diar299's flows file: region_emmigr / region_immigr hold region names.
    const peer = [['2025', 'Almaty', 'Almaty_city', '36729'], ['2025', 'Turkestan', 'Shymkent_city', '35436']];
    expect(guessColumns('flows', ['Year', 'region_emmigr', 'region_immigr', 'N'], peer).mapping).toEqual({
      year: 0, origin: 1, destination: 2, count: 3,
    });
    expect(guessTableKind(['Year', 'region_emmigr', 'region_immigr', 'N'], peer)).toBe('flows');
    const names = [['Астана', 'Павлодарская', '2020', '5']];
    expect(guessColumns('flows', ['Выбыло', 'Прибыло', 'Год', 'Человек'], names).mapping).toEqual({
      origin: 0, destination: 1, year: 2, count: 3,
    });
    expect(guessColumns('flows', ['из', 'в', 'жыл', 'саны']).mapping).toEqual({ origin: 0, destination: 1, year: 2, count: 3 });
    expect(guessColumns('flows', ['Кеткен', 'Келген', 'Жыл', 'Адам'], [['Астана', 'Абай', '2023', '7']]).mapping).toEqual({
      origin: 0, destination: 1, year: 2, count: 3,
    });
    // Over numbers the same words are counts of a region (kanatislambekov's arrivals/departures/net).
    const counts = guessColumns('flows', ['region', 'month', 'arrivals', 'departures', 'net'], [['Abay', 'Total', '15905', '22308', '-6403']]);
    expect(counts.mapping.origin).toBeUndefined();
    expect(counts.mapping.destination).toBeUndefined();
  }); // prettier-ignore

  it('words match whole words only: "Total" is not "to"', () => {
    const guess = guessColumns('flows', ['Year', 'Region', 'Total']);
    expect(guess.mapping.destination).toBeUndefined();
    expect(guess.mapping.count).toBe(2);
  });

  it('equally good columns: the leftmost is guessed and the others offered', () => {
    const guess = guessColumns('flows', ['origin_code', 'origin_name', 'destination_code', 'year', 'migrants']);
    expect(guess.mapping.origin).toBe(0);
    expect(guess.ambiguous.origin).toEqual([0, 1]);
  });
});

describe('figures headers', () => {
  it.each([
    [['unit_code', 'year', 'population'], { region: 0, year: 1, value: 2 }],
    [['Region', 'Unit', 'Year', 'Value'], { region: 0, unit: 1, year: 2, value: 3 }],
    [['Unit', 'Year', 'Value'], { region: 0, year: 1, value: 2 }],
    [
      ['Область', 'Год', 'Численность населения', 'Показатель', 'Единица измерения'],
      { region: 0, year: 1, value: 2, measure: 3, unit: 4 },
    ],
    [['Облыс', 'Жыл', 'Мәні', 'Көрсеткіш'], { region: 0, year: 1, value: 2, measure: 3 }],
  ])('%j', (header, mapping) => {
    expect(guessColumns('figures', header).mapping).toEqual(mapping);
  });

  it('guesses the kind of table', () => {
    expect(guessTableKind(['from', 'to', 'year', 'count'])).toBe('flows');
    expect(guessTableKind(['region', 'year', 'population'])).toBe('figures');
    expect(guessTableKind(['a', 'b', 'c'])).toBeNull();
  });
});

describe('overrides and checks', () => {
  it('setColumn moves a column to a field and off any other', () => {
    const mapping: FlowMapping = { origin: 0, destination: 1 };
    expect(setColumn(mapping, 'destination', 0)).toEqual({ destination: 0 });
    expect(setColumn(mapping, 'origin', null)).toEqual({ destination: 1 });
    expect(setColumn(mapping, 'year', 3)).toEqual({ origin: 0, destination: 1, year: 3 });
    expect(mapping).toEqual({ origin: 0, destination: 1 }); // the guess is not changed in place
  });

  it('mappingProblems names missing fields, columns outside the file and doubles', () => {
    expect(mappingProblems('flows', { origin: 0, destination: 1, year: 2, count: 3 }, 4)).toEqual([]);
    expect(mappingProblems('flows', { origin: 0, destination: 1, year: 2 }, 4)).toEqual([
      { code: 'no_column', params: { field: 'count' } },
    ]);
    expect(mappingProblems('flows', { origin: 0, destination: 1, count: 3 }, 4, ['year'])).toEqual([]);
    const outside = mappingProblems('flows', { origin: 0, destination: 1, year: 2, count: 7 }, 4);
    expect(outside).toEqual([{ code: 'column_outside', params: { field: 'count', column: 7, columns: 4 } }]);
    expect(formatImportProblem(outside[0]!, 'en')).toBe('column 8 (count) is not in the file (it has 4)');
    const twice = mappingProblems('figures', { region: 0, year: 0, value: 1 }, 2);
    expect(twice).toEqual([{ code: 'column_twice', params: { column: 0, field: 'region', other: 'year' } }]);
    expect(formatImportProblem(twice[0]!, 'ru')).toBe('столбец 1 выбран и для поля «регион», и для «год»');
  });

  it('normalizeHeader folds case, marks, BOM and separators', () => {
    expect(normalizeHeader('\ufeff Origin_Code ')).toBe('origin code');
    expect(normalizeHeader('Ед. изм.')).toBe('ед изм');
  });
});
