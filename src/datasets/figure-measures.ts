/**
 * A figures import with several measures (arrivals, departures and net side
 * by side) is kept as one dataset per measure: the map shows one measure of
 * one's own at a time, so each measure gets its own entry in the dataset list,
 * named after the file and the measure. Rows are copied, never changed.
 */
import type { DictColumn, FigureColumns } from '../import/row-columns';
import type { NewDataset } from './dataset-store';

function pick(column: DictColumn, rows: number[]): DictColumn {
  if (!column.index) return { values: column.values, index: null };
  const index = new Uint32Array(rows.length);
  rows.forEach((r, i) => (index[i] = column.index![r]!));
  return { values: column.values, index };
}

function rowsOf(columns: FigureColumns, rows: number[], measure: string): FigureColumns {
  const typed = <A extends Uint16Array | Float64Array>(source: A, make: (n: number) => A): A => {
    const out = make(rows.length);
    rows.forEach((r, i) => (out[i] = source[r]!));
    return out;
  };
  return {
    ...columns,
    length: rows.length,
    unit: typed(columns.unit, (n) => new Uint16Array(n)),
    year: typed(columns.year, (n) => new Uint16Array(n)),
    value: typed(columns.value, (n) => new Float64Array(n)),
    measure: { values: ['', measure], index: new Uint16Array(rows.length).fill(1) },
    unitOfMeasure: pick(columns.unitOfMeasure, rows),
    ...(columns.period ? { period: pick(columns.period, rows) } : {}),
  };
}

/** One dataset per measure of a figures dataset (the dataset itself when it has one measure or is not figures). */
export function datasetsByMeasure(dataset: NewDataset): NewDataset[] {
  if (dataset.payload.kind !== 'figures') return [dataset];
  const columns = dataset.payload.columns;
  const index = columns.measure.index;
  if (!index) return [dataset];
  const rowsByMeasure = new Map<number, number[]>();
  for (let i = 0; i < columns.length; i++) {
    const m = index[i]!;
    const rows = rowsByMeasure.get(m);
    if (rows) rows.push(i);
    else rowsByMeasure.set(m, [i]);
  }
  if (rowsByMeasure.size < 2) return [dataset];
  const additive = dataset.payload.additive;
  return [...rowsByMeasure].map(([m, rows], n) => {
    const measure = columns.measure.values[m]!;
    return {
      ...dataset,
      id: `${dataset.id}-${n + 1}`,
      name: `${dataset.name} — ${measure}`,
      rowCount: rows.length,
      payload: {
        kind: 'figures',
        columns: rowsOf(columns, rows, measure),
        ...(additive !== undefined ? { additive } : {}),
      },
    };
  });
}
