import { describe, expect, it } from 'vitest';
import { POINT_ISSUE_CODES } from '../import/points/codes';
import { formatPointIssue } from './point-messages';

const params = {
  fields: ['lat', 'lon'], maxMB: 8, max: 250000, id: 'ast', firstLine: 2, field: 'lat', text: 'abc', value: 95,
  candidates: ['A', 'B'], year: 2021, min: 1990, max2: 2030, months: 3, place: 'Semey', other: 'Oskemen',
  count: 2, examples: ['Bishkek'], region: 'KZ-63', km: 1.5, claims: 2, parent: 'Abai', units: ['KZ-10', 'KZ-63'],
  fromYear: 2022, toYear: 2024, places: 3,
}; // prettier-ignore

describe('places import problems in three languages', () => {
  it('says every code in English, Russian and Kazakh, with file and line, never an unfilled parameter', () => {
    for (const lang of ['en', 'ru', 'kk'] as const)
      for (const code of POINT_ISSUE_CODES) {
        const text = formatPointIssue({ code, file: 'flows.csv', line: 12, params }, lang);
        expect(text, `${lang} ${code}`).toMatch(/^flows\.csv, /);
        expect(text, `${lang} ${code}`).not.toMatch(/undefined|NaN|\{/);
      }
    expect(formatPointIssue({ code: 'outside_regions', file: '', line: 0, params }, 'en')).toBe(
      '2 places lie outside Kazakhstan and the 12 Russian subjects (“Bishkek”): drawn, not counted in any region',
    );
    expect(formatPointIssue({ code: 'count_negative', file: 'f.csv', line: 1234, params: { text: '-3' } }, 'ru')).toBe(
      'f.csv, строка 1\u00a0234: количество «-3» отрицательно; строка пропущена',
    );
  });
});
