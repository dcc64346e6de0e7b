import { describe, expect, it } from 'vitest';
import { readTableTexts } from '../../data/read-tables';
import { formatIssue } from './csv';
import { loadDataset } from './load';
import type { TableName } from './tables';

const texts = readTableTexts();
const withFile = (name: TableName, edit: (text: string) => string) =>
  loadDataset({ ...texts, [name]: edit(texts[name]!) });

describe('the committed data', () => {
  const { issues, model, tables } = loadDataset(texts);

  it('passes every check', () => {
    expect(issues.map(formatIssue)).toEqual([]);
  });

  it('holds the six full origin-destination matrices of 20 x 19 flows', () => {
    expect(model.flowYears).toEqual([2010, 2015, 2020, 2021, 2023, 2024]);
    for (const year of model.flowYears) expect(tables['flows.csv'].filter((f) => f.year === year)).toHaveLength(380);
  });

  it('reproduces the published 2024 net inter-regional migration of the three cities (BNS)', () => {
    const t = model.flowTotals.get(2024)!;
    expect(t.get('KZ-71')!.net).toBe(73238); // Astana
    expect(t.get('KZ-75')!.net).toBe(36061); // Almaty
    expect(t.get('KZ-79')!.net).toBe(9361); // Shymkent
  });

  it('nets every year to zero across the country', () => {
    for (const year of model.flowYears) {
      const totals = [...model.flowTotals.get(year)!.values()];
      expect(totals.reduce((s, t) => s + t.net, 0)).toBe(0);
    }
  });

  it('keeps a source id on every row', () => {
    for (const name of [
      'population.csv',
      'areas.csv',
      'flows.csv',
      'regional_migration.csv',
      'external_flows.csv',
    ] as const)
      for (const row of tables[name]) expect(row.source_id).toMatch(/^[SP]\d+/);
  });

  it('keeps both sides of a conflict, one chosen by the stated rule', () => {
    const pop2023 = tables['population.csv'].filter((r) => r.unit_code === 'KZ' && r.year === 2023);
    // S170 is the later version of S01's BNS table: it wins (the national total is the same figure).
    expect(pop2023.map((r) => [r.source_id, r.status])).toEqual([
      ['S01', 'alternative'],
      ['S05', 'alternative'],
      ['S170', 'chosen'],
    ]);
    expect(model.population.get(2023)!.get('KZ')!.population).toBe(19766807);
  });
});

describe('validation catches broken data', () => {
  it('a flow row duplicated', () => {
    const { issues } = withFile('flows.csv', (t) => {
      const lines = t.trimEnd().split('\n');
      return [...lines, lines[1]].join('\n') + '\n';
    });
    expect(issues.map(formatIssue).join('\n')).toMatch(/flows\.csv:2282: duplicates line 2/);
  });

  it('an unknown region code', () => {
    const { issues } = withFile('flows.csv', (t) => t.replace('2024,KZ-10,KZ-11,', '2024,KZ-99,KZ-11,'));
    expect(issues.map((i) => i.reason)).toContain('origin KZ-99 is not a Kazakh unit');
  });

  it('a negative count, with file and line', () => {
    const { issues } = withFile('flows.csv', (t) => t.replace(/^(2010,KZ-10,KZ-11,)161,/m, '$1-161,'));
    expect(issues.map(formatIssue)).toContain('flows.csv:2: migrants -161 is negative');
  });

  it('flows that no longer reproduce the official 2024 balance of Astana', () => {
    const { issues } = withFile('flows.csv', (t) =>
      t.replace(/^(2024,KZ-10,KZ-71,)(\d+),/m, (_, p, n) => `${p}${Number(n) + 1},`),
    );
    expect(issues.map((i) => i.reason)).toContain('2024 KZ-71: OD net 73239 differs from BNS 73238');
  });

  it('an incomplete matrix', () => {
    const { issues } = withFile('flows.csv', (t) => t.replace(/^2023,KZ-10,KZ-11,.*\n/m, ''));
    expect(issues.map((i) => i.reason)).toContain('2023: 379 flows for 20 units (matrix incomplete)');
  });

  it('regions that no longer sum to the national population', () => {
    const { issues } = withFile('population.csv', (t) =>
      t.replace('KZ-11,2000,1 Jan,yes,799179', 'KZ-11,2000,1 Jan,yes,799180'),
    );
    expect(issues.map((i) => i.reason)).toContain('2000: regions sum to 14901642, national total is 14901641');
  });

  it('a source id that is not in sources.csv', () => {
    const { issues } = withFile('areas.csv', (t) =>
      t.replace('146219,2018-2021 (also current),chosen,S04', '146219,2018-2021 (also current),chosen,S999'),
    );
    expect(issues.map((i) => i.reason)).toContain('unknown source S999');
  });

  it('a missing file', () => {
    const { issues } = loadDataset({ ...texts, 'flows.csv': undefined });
    expect(issues.map(formatIssue)).toContain('flows.csv:0: file is missing');
  });
});
