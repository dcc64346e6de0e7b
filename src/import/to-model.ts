/**
 * Turns a stored dataset into what the map draws: full-year flows summed per
 * year, origin and destination (partial periods are never mixed in), and
 * figures as a measure of their own. Pure: no DOM.
 */
import type { CustomFigures } from '../core/model';
import type { FlowRow } from '../core/tables';
import { FULL_YEAR, type FigureColumns, type FlowColumns } from './validate-rows';

export const USER_QUALITY_FLAG = 'user_import';

/** One row per year, origin and destination of the file's full-year rows. */
export function flowRowsFromColumns(columns: FlowColumns, datasetId: string): FlowRow[] {
  const sums = new Map<string, number>();
  const periodOf = (i: number) =>
    columns.period.index ? (columns.period.values[columns.period.index[i]!] ?? FULL_YEAR) : FULL_YEAR;
  for (let i = 0; i < columns.length; i++) {
    if (periodOf(i) !== FULL_YEAR) continue;
    const key = `${columns.year[i]}|${columns.origin[i]}|${columns.destination[i]}`;
    sums.set(key, (sums.get(key) ?? 0) + columns.migrants[i]!);
  }
  const rows: FlowRow[] = [];
  for (const [key, migrants] of sums) {
    const [year, o, d] = key.split('|').map(Number) as [number, number, number];
    rows.push({
      line: 0,
      year,
      origin_code: columns.unitCodes[o]!,
      destination_code: columns.unitCodes[d]!,
      migrants,
      period: FULL_YEAR,
      geography: columns.geographyByYear[year] ?? 'G20_2022plus',
      source_id: datasetId,
      quality_flag: USER_QUALITY_FLAG,
    });
  }
  // Year order, as the built-in table: year slices of the arc buffers rely on it only loosely (they sort).
  return rows.sort((a, b) => a.year - b.year);
}

/** The full-year figures of a dataset as a measure (the first measure name in the file, or the dataset's name). */
export function customFiguresFromColumns(
  columns: FigureColumns,
  meta: { datasetId: string; name: string; additive: boolean },
): CustomFigures {
  const byYear = new Map<number, Map<string, number>>();
  // Only full-year figures: a month's figure is not the year's, and months are never summed unasked.
  const period = columns.period;
  const fullYear = period?.index ? period.values.map((v) => v === '' || v === FULL_YEAR) : null;
  for (let i = 0; i < columns.length; i++) {
    if (fullYear && !fullYear[period!.index![i]!]) continue;
    const year = columns.year[i]!;
    let units = byYear.get(year);
    if (!units) byYear.set(year, (units = new Map()));
    units.set(columns.unitCodes[columns.unit[i]!]!, columns.value[i]!);
  }
  return {
    // A dictionary column keeps the empty text at index 0: the name is the first non-empty value.
    name: columns.measure.values.find(Boolean) ?? meta.name,
    unit: columns.unitOfMeasure.values.find(Boolean) ?? '',
    additive: meta.additive,
    sourceId: meta.datasetId,
    byYear,
    // Which borders each year's units are in (the import decided it): the map draws the year in them.
    ...(columns.geographyByYear ? { geographyByYear: columns.geographyByYear } : {}),
  };
}
