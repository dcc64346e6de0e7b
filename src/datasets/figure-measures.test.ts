import { describe, expect, it } from 'vitest';
import { importTable, previewTable } from '../import/import-core';
import { loadUnits } from '../import/test-support';
import { customFiguresFromColumns } from '../import/to-model';
import { datasetFromImport } from './dataset-store';
import { datasetsByMeasure } from './figure-measures';

const units = loadUnits();

async function importFile(text: string, fileName: string) {
  const file = new Blob([text]);
  const preview = await previewTable(file, fileName, 20, { units });
  return importTable(file, {
    kind: preview.layout?.table ?? 'figures',
    mapping: preview.layout?.mapping ?? preview.guesses.figures.mapping,
    layout: preview.layout,
    ...(preview.yearFromName !== null ? { year: preview.yearFromName } : {}),
    units,
    datasetId: 'user-x',
    fileName,
  });
}

const shown = (columns: Parameters<typeof customFiguresFromColumns>[0]) => {
  const custom = customFiguresFromColumns(columns, { datasetId: 'd', name: 'file', additive: true });
  return { name: custom.name, byYear: Object.fromEntries([...custom.byYear].map(([y, m]) => [y, Object.fromEntries(m)])) }; // prettier-ignore
};

describe('a figures import with several measures', () => {
  it('becomes one dataset per measure, each with its own rows, named after the file and the measure', async () => {
    const result = await importFile(
      'region,arrivals,departures,net\nAstana,100,40,60\nPavlodar Region,30,50,-20\n',
      'internal_migration_2023.csv',
    );
    expect(result.layout?.kind).toBe('measures');
    expect(result.year).toBe(2023);
    const dataset = datasetFromImport(result, { name: 'internal_migration_2023.csv' });
    const parts = datasetsByMeasure(dataset);
    expect(parts.map((p) => [p.id, p.name, p.rowCount])).toEqual([
      ['user-x-1', 'internal_migration_2023.csv — arrivals', 2],
      ['user-x-2', 'internal_migration_2023.csv — departures', 2],
      ['user-x-3', 'internal_migration_2023.csv — net', 2],
    ]);
    const columns = parts.map((p) => (p.payload.kind === 'figures' ? p.payload.columns : null)!);
    expect(columns.map(shown)).toEqual([
      { name: 'arrivals', byYear: { 2023: { 'KZ-71': 100, 'KZ-55': 30 } } },
      { name: 'departures', byYear: { 2023: { 'KZ-71': 40, 'KZ-55': 50 } } },
      { name: 'net', byYear: { 2023: { 'KZ-71': 60, 'KZ-55': -20 } } },
    ]);
    // Every row of the import is in exactly one part.
    expect(parts.reduce((n, p) => n + p.rowCount, 0)).toBe(dataset.rowCount);
  });

  it('one measure stays one dataset; flows are untouched', async () => {
    const result = await importFile('region,year,value\nAstana,2023,5\n', 'doctors.csv');
    const dataset = datasetFromImport(result, { name: 'doctors.csv' });
    expect(datasetsByMeasure(dataset)).toEqual([dataset]);
  });

  it('the map shows full-year figures only: a month is never taken for the year', async () => {
    const result = await importFile(
      'region,year,period,value\nAstana,2023,Jan-Dec,50\nAstana,2023,Jan,5\nPavlodar Region,2023,Feb,7\n',
      'monthly.csv',
    );
    expect(result.summary.rowsValid).toBe(3);
    const columns = result.kind === 'figures' ? result.columns : null;
    expect(shown(columns!).byYear).toEqual({ 2023: { 'KZ-71': 50 } });
  });
});
