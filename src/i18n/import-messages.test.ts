import { describe, expect, it } from 'vitest';
import type { LayoutKind } from '../import/layouts';
import type { ImportProblem, ProblemCode, ProblemParams } from '../import/problems';
import {
  formatBorderDecision,
  formatImportIssue,
  formatImportProblem,
  formatNameDecision,
  formatNameQuestion,
  formatSuggestion,
  IMPORT_TEXTS,
  importUiText,
  layoutName,
  type ImportLang,
} from './import-messages';

const LANGS: ImportLang[] = ['en', 'ru', 'kk'];
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

/** Parameters a problem of each code may carry, filled in as an import would. */
const SAMPLE: ProblemParams = {
  field: 'count', value: 'Ulutay', unit: 'KZ-62', candidates: ['KZ-19', 'KZ-75'], origin: 'KZ-71', destination: 'KZ-75',
  year: 2024, period: 'H1', measure: 'arrivals', min: 1990, max: 2100, limit: 1_048_576, size: 262_144_000, count: 12_345,
  firstLine: 1_234, reason: 'InvalidQuotes', column: 3, columns: 4, other: 'year', seemsTo: 'png', refusal: 'too_large_unpacked',
  sheet: 'Лист1', stated: 12_345, computed: 12_300, total: 'row', detail: 'x', feature: 3, property: 'NAME_1', lon: 76.5,
  lat: 43.5, ring: 1, part: 2, problems: [{ code: 'no_column', params: { field: 'year' } }],
}; // prettier-ignore

describe('import messages in three languages', () => {
  const codes = Object.keys(IMPORT_TEXTS.en.problems) as ProblemCode[];

  it('every code has a message in every language, with no hole', () => {
    for (const lang of LANGS) {
      expect(Object.keys(IMPORT_TEXTS[lang].problems).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        const text = formatImportProblem({ code, params: SAMPLE }, lang);
        expect(text, `${lang} ${code}`).not.toMatch(/undefined|NaN|\[object|\{\w+\}/);
        expect(text.length, `${lang} ${code}`).toBeGreaterThan(5);
      }
    }
  });

  it('Russian and Kazakh are translations, not English', () => {
    for (const code of codes) {
      const en = formatImportProblem({ code, params: SAMPLE }, 'en');
      expect(formatImportProblem({ code, params: SAMPLE }, 'ru'), code).not.toBe(en);
      expect(formatImportProblem({ code, params: SAMPLE }, 'kk'), code).not.toBe(en);
    }
    const kazakh = codes.filter((code) => KAZAKH_LETTERS.test(formatImportProblem({ code, params: SAMPLE }, 'kk')));
    expect(kazakh.length).toBeGreaterThan(codes.length / 2);
  });

  it('numbers and lines by locale: a space groups thousands in Russian and Kazakh, a comma in English', () => {
    const issue = { file: 'f.csv', line: 12_345, code: 'duplicate' as const, params: { firstLine: 1_234, year: 2024, origin: 'KZ-71', destination: 'KZ-75' } }; // prettier-ignore
    expect(formatImportIssue(issue, 'en')).toBe('f.csv, line 12,345: repeats line 1,234 (2024, KZ-71 → KZ-75)');
    expect(formatImportIssue(issue, 'ru')).toMatch(
      /^f\.csv, строка 12\s345: повторяет строку 1\s234 \(2024, KZ-71 → KZ-75\)$/,
    );
    expect(formatImportIssue(issue, 'kk')).toMatch(
      /^f\.csv, 12\s345-жол: 1\s234-жолды \(2024, KZ-71 → KZ-75\) қайталайды$/,
    );
    // The year is a name, not a quantity: never grouped.
    expect(formatImportIssue(issue, 'ru')).not.toMatch(/2\s024/);
  });

  it('unit names come from the page; file text is quoted, never interpreted', () => {
    const names: Record<string, string> = { 'KZ-19': 'Алматинская область', 'KZ-75': 'г. Алматы' };
    const p: ImportProblem = { code: 'ambiguous_region', params: { field: 'origin', value: '<img src=x onerror=alert(1)>', candidates: ['KZ-19', 'KZ-75'] } }; // prettier-ignore
    expect(formatImportProblem(p, 'ru', (c) => names[c]!)).toBe(
      '«<img src=x onerror=alert(1)>» (откуда) может быть Алматинская область или г. Алматы: укажите, что именно',
    );
    const long = formatImportProblem(
      { code: 'unknown_region', params: { field: 'region', value: 'x'.repeat(500) } },
      'en',
    );
    expect(long.length).toBeLessThan(120);
  });

  it('decisions, questions, suggestions, borders, layouts and labels', () => {
    const decision = { text: 'Almaty', code: 'KZ-19', alternatives: ['KZ-75'], because: 'others_named' as const, evidence: [{ text: 'Almaty_city', code: 'KZ-75' }], count: 304 }; // prettier-ignore
    const question = { text: 'Almaty', candidates: ['KZ-19', 'KZ-75'], count: 1_200, split: false };
    const border = { unit: 'KZ-63', parts: ['KZ-10'], years: [2015, 2016, 2017, 2020], reading: 'with_parts' as const, because: 'borders_of_year' as const }; // prettier-ignore
    for (const lang of LANGS) {
      for (const text of [
        formatNameDecision(decision, lang),
        formatNameQuestion(question, lang),
        formatNameQuestion({ ...question, split: true }, lang),
        formatSuggestion('North_Kaz', { code: 'KZ-59', reason: 'abbreviation' }, lang),
        formatSuggestion('Ulutay', { code: 'KZ-62', reason: 'spelling' }, lang),
        formatBorderDecision(border, lang),
        formatBorderDecision({ ...border, reading: 'without_parts', because: 'parts_in_file' }, lang),
        ...(['long', 'matrix', 'years', 'months', 'measures'] as LayoutKind[]).map((k) => layoutName(k, lang)),
        importUiText('yearForFile', lang),
      ])
        expect(text, lang).not.toMatch(/undefined|NaN|\{\w+\}/);
    }
    expect(formatBorderDecision(border, 'en')).toBe(
      'KZ-63 in 2015–2017, 2020: read with KZ-10, the borders of those years.',
    );
    expect(formatNameQuestion(question, 'ru')).toMatch(/ячеек: 1\s200/);
    expect(Object.keys(IMPORT_TEXTS.kk.ui)).toEqual(Object.keys(IMPORT_TEXTS.en.ui));
  });
});
