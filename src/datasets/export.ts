/** A dataset as a file to download: tidy CSV for tables, GeoJSON for boundaries. */
import { figureRows, flowRows, FULL_YEAR } from '../import/validate-rows';
import type { StoredDataset } from './dataset-store';

/**
 * A CSV cell. Text from a file is quoted when needed, and text that a
 * spreadsheet would run as a formula (= + - @ at the start) gets a leading
 * apostrophe; numbers are written as they are.
 */
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'dataset';

/** The dataset as a file to download: tidy CSV for tables (the columns of data/flows.csv), GeoJSON for boundaries. */
export function exportDataset(dataset: StoredDataset): { fileName: string; mimeType: string; text: string } {
  const base = slug(dataset.name);
  const { payload } = dataset;
  if (payload.kind === 'boundaries')
    return { fileName: `${base}.geojson`, mimeType: 'application/geo+json', text: JSON.stringify(payload.collection) };
  const lines: string[] = [];
  if (payload.kind === 'places') {
    // One flows file with coordinates: the app imports it back as it is.
    const { places, flows } = payload;
    lines.push('origin,origin_lat,origin_lon,dest,dest_lat,dest_lon,year,count');
    const end = (p: number) => [places.names[p]!, places.positions[p * 2 + 1]!, places.positions[p * 2]!];
    for (let i = 0; i < flows.length; i++)
      lines.push([...end(flows.origin[i]!), ...end(flows.destination[i]!), flows.year[i]!, flows.count[i]!].map(cell).join(',')); // prettier-ignore
  } else if (payload.kind === 'flows') {
    const c = payload.columns;
    const extra = [c.source.index ? 'source' : null, c.note.index ? 'note' : null].filter((x) => x !== null);
    lines.push(['year', 'origin_code', 'destination_code', 'migrants', 'period', 'geography', 'source_id', 'quality_flag', ...extra].join(',')); // prettier-ignore
    const rows = flowRows(c, dataset.id);
    rows.forEach((r, i) => {
      const cells: (string | number)[] = [r.year, r.origin_code, r.destination_code, r.migrants, r.period || FULL_YEAR, r.geography, r.source_id, r.quality_flag]; // prettier-ignore
      if (c.source.index) cells.push(c.source.values[c.source.index[i]!] ?? '');
      if (c.note.index) cells.push(c.note.values[c.note.index[i]!] ?? '');
      lines.push(cells.map(cell).join(','));
    });
  } else {
    lines.push('unit_code,year,measure,value,source_id,unit_of_measure');
    for (const r of figureRows(payload.columns, dataset.id))
      lines.push([r.unit_code, r.year, r.measure, r.value, r.source_id, r.unit_of_measure].map(cell).join(','));
  }
  return { fileName: `${base}.csv`, mimeType: 'text/csv;charset=utf-8', text: lines.join('\n') + '\n' };
}
