import { describe, expect, it } from 'vitest';
import { prepareMapData } from '../core/map-data';
import { statusLine } from '../core/view/status';
import { builtInData, viewInput } from '../core/view/test-data';
import { tooltipText } from '../core/view/tooltip';
import { importPoints } from '../import/points/point-import';
import { loadUnits } from '../import/test-support';
import { flowRowsFromColumns } from '../import/to-model';
import { composeDataset } from './compose';
import { createMemoryDatasetStore, datasetFromPoints } from './dataset-store';
import { exportDataset } from './export';
import { roleOf, todaysRegions } from './places-import';

describe('what a picked file is, from its header', () => {
  it('tells a locations file, a flows file naming places and a flows file with coordinates apart', () => {
    expect(roleOf(['id', 'name', 'lat', 'lon', 'population'])).toEqual({ role: 'locations', mapping: { id: 0, name: 1, lat: 2, lon: 3, population: 4 } }); // prettier-ignore
    expect(roleOf(['origin', 'dest', 'count', 'time'])).toEqual({ role: 'pairFlows', mapping: { origin: 0, dest: 1, count: 2, time: 3 } }); // prettier-ignore
    expect(roleOf(['origin', 'origin_lat', 'origin_lon', 'dest', 'dest_lat', 'dest_lon', 'year', 'count']).role).toBe('coordinateFlows'); // prettier-ignore
    expect(roleOf(['код', 'название', 'широта', 'долгота']).role).toBe('locations');
    expect(roleOf(['откуда', 'куда', 'количество', 'год']).role).toBe('pairFlows');
    expect(roleOf(['year', 'value'])).toEqual({ role: 'unknown' });
  });
});

/** Positions from geo/centres.csv (GeoNames), and Bishkek, outside the mapped regions. */
const LOCATIONS = `id,name,lat,lon
ast,Astana,51.18,71.44
ala,Almaty,43.25,76.92
kar,Karaganda,49.80,73.10
bis,Bishkek,42.87,74.59
`;
const FLOWS = `origin,dest,count,time
ast,ala,100,2021
ala,ast,50,2021
kar,ast,4,2021
ast,bis,9,2021
kar,ala,7,2022
`;

async function imported() {
  const base = builtInData();
  const result = await importPoints({
    datasetId: 'user-places',
    units: loadUnits(),
    // As the page gives them: today's polygons, one unit each.
    ...todaysRegions(base.regions, base.dataset.tables['boundaries.csv']),
    regionIdProperty: 'polygon_id',
    layout: 'pair',
    locations: { source: new Blob([LOCATIONS]), fileName: 'locations.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } }, // prettier-ignore
    flows: { source: new Blob([FLOWS]), fileName: 'flows.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } },
  });
  return datasetFromPoints(
    { ...result, placeRegion: result.placeRegions.region, regionColumns: result.regionFlows.columns, rowsRead: 5 },
    { name: 'pair', fileName: 'locations.csv + flows.csv' },
  );
}

describe('a places dataset on the map', () => {
  it('sums its flows into region totals (outside places apart) and keeps the places to draw', async () => {
    const dataset = await imported();
    const base = builtInData();
    const composed = composeDataset(base.dataset, base.regions, dataset);
    expect(composed.points?.places.names).toEqual(['Astana', 'Almaty', 'Karaganda', 'Bishkek']);
    expect(composed.points?.placeRegion[3]).toBe(-1);
    // The region rows are the import's region columns as the region import gives them.
    if (dataset.payload.kind !== 'places') throw new Error('not places');
    expect(composed.dataset.tables['flows.csv']).toEqual(flowRowsFromColumns(dataset.payload.regionColumns, dataset.id)); // prettier-ignore
    const astana = composed.dataset.model.flowTotals.get(2021)!.get('KZ-71')!;
    // Arrivals from Almaty (50) and Karaganda (4); departures to Almaty (100), not to Bishkek (outside).
    expect(astana).toMatchObject({ arrivals: 54, departures: 100, net: -46 });
    // Through the one pipeline: the prepared internal flows of 2021 carry the same people as the rows.
    const data = prepareMapData(composed.dataset, composed.regions, composed.points);
    const { records, prepared } = data.prepared.internal;
    const slice = prepared.slices.get(2021)!;
    let drawn = 0;
    for (let i = slice.offset; i < slice.offset + slice.length; i++) drawn += records[prepared.rows[i]!]!.count;
    expect(drawn).toBe(154);
    expect(data.points).toBe(composed.points);
  });

  it('cites its file by name, not by its made-up id, and says its flows are between places', async () => {
    const dataset = await imported();
    const base = builtInData();
    const composed = composeDataset(base.dataset, base.regions, dataset);
    const data = prepareMapData(composed.dataset, composed.regions, composed.points);
    const input = viewInput('en', { data, year: 2021, measure: 'net' });
    const lines = tooltipText({ kind: 'region', polygonId: 'KZ-AST' }, input)!.lines.join('\n');
    expect(lines).toContain('Source: locations.csv + flows.csv');
    expect(lines).not.toContain('user-places');
    const arc = data.prepared.internal.prepared.slices.get(2021)!.offset;
    const arcText = tooltipText({ kind: 'arc', set: 'internal', item: arc }, input)!.lines.join('\n');
    expect(arcText).toContain('locations.csv + flows.csv');
    expect(arcText).not.toContain('user-places');
    expect(statusLine(input).text).toMatch(/^2021: 4 flows between your 4 places, drawn between clusters/);
    // The country's flows abroad are not drawn over places: the status line does not count them.
    expect(statusLine(input).text).not.toMatch(/other countries|Kazakhstan as a whole/);
  });

  it('is stored and read back whole, and exported as a flows file with coordinates', async () => {
    const dataset = await imported();
    const store = createMemoryDatasetStore();
    await store.put(dataset);
    const back = await store.get(dataset.id);
    expect(back?.kind).toBe('places');
    expect(back?.payload).toEqual(dataset.payload);
    const file = exportDataset({ ...dataset, bytes: 0, deletedAt: null });
    expect(file.text.split('\n').slice(0, 2)).toEqual([
      'origin,origin_lat,origin_lon,dest,dest_lat,dest_lon,year,count',
      'Astana,51.18,71.44,Almaty,43.25,76.92,2021,100',
    ]);
    expect(roleOf(file.text.split('\n')[0]!.split(',')).role).toBe('coordinateFlows');
  });
});
