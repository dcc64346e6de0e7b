import { describe, expect, it } from 'vitest';
import { formatIssue, parseTable } from './csv';

const schema = {
  code: { type: 'string' },
  year: { type: 'year' },
  count: { type: 'int', nonNegative: true },
  note: { type: 'string', optional: true },
} as const;

describe('parseTable', () => {
  it('converts typed cells and keeps the line number', () => {
    const { rows, issues } = parseTable('t.csv', 'code,year,count,note\nKZ-10,2024,15,\nKZ-11,2023,0,hi\n', schema);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { code: 'KZ-10', year: 2024, count: 15, note: null, line: 2 },
      { code: 'KZ-11', year: 2023, count: 0, note: 'hi', line: 3 },
    ]);
  });

  it('names the file, line and reason of every bad cell and drops the row', () => {
    const text = 'code,year,count,note\nA,2024,-5,\nB,1850,3,\nC,2020,12a,\n,2020,1,\nE,2020,7,\n';
    const { rows, issues } = parseTable('flows.csv', text, schema);
    expect(rows.map((r) => r.code)).toEqual(['E']);
    expect(issues.map(formatIssue)).toEqual([
      'flows.csv:2: count -5 is negative',
      'flows.csv:3: year 1850 is outside 1990-2100',
      'flows.csv:4: count "12a" is not an integer',
      'flows.csv:5: code is empty',
    ]);
  });

  it('reports missing columns instead of reading garbage', () => {
    const { rows, issues } = parseTable('x.csv', 'code,year\nA,2020\n', schema);
    expect(rows).toEqual([]);
    expect(issues[0]!.reason).toBe('missing column(s): count, note');
  });

  it('rejects values outside an allowed set', () => {
    const { issues } = parseTable('s.csv', 'status\nmaybe\n', {
      status: { type: 'string', oneOf: ['chosen', 'alternative'] },
    });
    expect(issues[0]!.reason).toContain('"maybe" is not one of chosen, alternative');
  });
});
