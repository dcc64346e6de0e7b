import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../core/periods';
import { periodText, referenceText } from './periods';

describe('the period of a row', () => {
  it('is said in each language', () => {
    expect(periodText('Jan-Sep', 'en')).toBe('January–September');
    expect(periodText('Jan-Sep', 'ru')).toBe('январь–сентябрь');
    expect(periodText('Jan-Sep', 'kk')).toBe('қаңтар–қыркүйек');
    expect(periodText('Jan-Dec', 'kk')).toBe('қаңтар–желтоқсан');
    expect(periodText('Mar-Mar', 'ru')).toBe('март');
    expect(periodText('cumulative', 'ru')).toBe('нарастающим итогом');
    expect(periodText('cumulative to Dec 2025', 'en')).toBe('running total to the end of December 2025');
    expect(periodText('cumulative to Dec 2025', 'kk')).toBe('2025 жылғы желтоқсан соңына дейінгі жиынтық');
    expect(periodText('plan', 'kk')).toBe('жоспар');
  });

  it('keeps a text it does not know as written (an imported file’s own period)', () => {
    expect(periodText('first half', 'ru')).toBe('first half');
    expect(parsePeriod('Sep-Jan')).toBeNull();
    expect(parsePeriod('Jan-Foo')).toBeNull();
    expect(parsePeriod('Jul-Sep')).toEqual({ kind: 'months', from: 6, to: 8 });
  });
});

describe('the date a population figure refers to', () => {
  it('is said in each language', () => {
    expect(referenceText('1 Jan', 'en')).toBe('1 January');
    expect(referenceText('1 Jan', 'ru')).toBe('1 января');
    expect(referenceText('1 Jan', 'kk')).toBe('1 қаңтар');
    expect(referenceText('census 14 Oct 2010', 'ru')).toBe('перепись на 14 октября 2010');
    expect(referenceText('census 1 Oct 2021', 'kk')).toBe('2021 жылғы 1 қазан санағы');
    expect(referenceText("census 1 Oct 2021 ('Перепись 2020')", 'ru')).toBe(
      "перепись на 1 октября 2021 ('Перепись 2020')",
    );
    expect(referenceText("unspecified (infobox '2019')", 'kk')).toBe('күні көрсетілмеген');
    expect(referenceText('estimate (date not stated)', 'ru')).toBe('оценка (дата не указана)');
  });
});
