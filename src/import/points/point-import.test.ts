import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { aggregateFlowColumns, totalsByYear } from '../aggregate';
import { loadUnits } from '../test-support';
import { flowRows } from '../validate-rows';
import type { PointIssue } from './codes';
import { importPoints, type PointImportRequest } from './point-import';
import { rulesFromCrosswalk } from './region-flows';
import { legacyUnitRows, readRegions } from '../../../geo/read-regions';

// The version before 2018 and its units by year: places in East Kazakhstan may be in Abai from 2022.
const regions = readRegions('kz2000') as FeatureCollection;
const crosswalk = legacyUnitRows();
const units = loadUnits();
const blob = (text: string) => new Blob([text]);

const base = {
  datasetId: 'user-points',
  units,
  regions,
  regionIdProperty: 'polygon_id',
  regionRules: rulesFromCrosswalk(crosswalk),
  keepRows: true,
};

/** Positions from geo/centres.csv (GeoNames), plus Bishkek (outside the mapped regions). */
const LOCATIONS = `id,name,lat,lon,population,parent
ast,Astana,51.18,71.44,1350000,Astana
ala,Almaty,43.25,76.92,2200000,
kar,Karaganda,49.80,73.10,,Karaganda Region
sem,Semey,50.41,80.23,,Abai
usk,Oskemen,49.95,82.61,,
shy,Shymkent,42.32,69.59,,
bis,Bishkek,42.87,74.59,,
ast,Astana again,51.1,71.4,,
,no id,50,70,,
far,Far,95,70,,
bad,Bad,abc,70,,
zer,Zero,0,0,,
pop,Pavlodar,52.29,76.97,-5,Atlantis
`;

const FLOWS = `origin,dest,count,time
ast,ala,100,2021
ala,ast,50,2021
sem,usk,7,2022
usk,ast,3,2022
sem,ast,4,2021
ast,bis,9,2021
shy,ala,11,2021
ast,ala,1,2021
ast,xxx,5,2021
ast,ast,5,2021
ala,kar,-3,2021
ala,kar,1.5,2021
ala,kar,7,21 March
ala,kar,7,1980
ala,kar,,2021
kar,pop,8,2022-01-01
`;

const codesAt = (issues: PointIssue[]) => issues.map((i) => `${i.line}:${i.code}`);

describe('importPoints, FlowmapBlue layout (locations + flows)', () => {
  it('reads the places and flows, reports every bad row by code and line, and keeps the rest', async () => {
    const result = await importPoints({
      ...base,
      layout: 'pair',
      locations: { source: blob(LOCATIONS), fileName: 'locations.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3, population: 4, parent: 5 } }, // prettier-ignore
      flows: { source: blob(FLOWS), fileName: 'flows.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } },
    });
    expect(result.fatal).toBeNull();
    expect(result.places.ids).toEqual(['ast', 'ala', 'kar', 'sem', 'usk', 'shy', 'bis', 'pop']);
    expect(result.places.parentUnit).toEqual(['KZ-71', '', 'KZ-35', 'KZ-10', '', '', '', '']);
    expect(result.places.population[0]).toBe(1_350_000);
    expect(Number.isNaN(result.places.population[7]!)).toBe(true);
    const locationIssues = result.issues.filter((i) => i.file === 'locations.csv');
    expect(codesAt(locationIssues)).toEqual([
      '9:id_duplicate',
      '10:id_missing',
      '11:latitude_out_of_range',
      '12:coordinate_not_a_number',
      '13:coordinates_zero',
      '14:parent_unknown',
      '14:population_invalid',
    ]);
    expect(locationIssues[0]!.params).toEqual({ id: 'ast', firstLine: 2 });
    const flowIssues = result.issues.filter((i) => i.file === 'flows.csv');
    expect(codesAt(flowIssues)).toEqual([
      '10:unknown_location',
      '11:same_origin_destination',
      '12:count_negative',
      '13:count_decimal',
      '14:time_not_a_date',
      '15:year_out_of_range',
      '16:cell_missing',
      '9:duplicate_flow',
    ]);
    expect(flowIssues.find((i) => i.code === 'duplicate_flow')!.params).toEqual({ firstLine: 2 });
    expect(result.flowTable!.rowsRead).toBe(16);
    expect(result.flowTable!.rowsValid).toBe(8);
    expect(result.flowTable!.granularity).toBe('year');
    expect(result.rows!.line).toEqual(Uint32Array.from([2, 3, 4, 5, 6, 7, 8, 17]));
    // Nothing is written as a sentence: every parameter is a value for a translation to fill in.
    for (const issue of result.issues) for (const v of Object.values(issue.params)) expect(typeof v === 'string' ? v.length : 0).toBeLessThan(80); // prettier-ignore
  });

  it('matches each place to its polygon and sums flows into flows between units, keeping the rest apart', async () => {
    const result = await importPoints({
      ...base,
      layout: 'pair',
      locations: { source: blob(LOCATIONS), fileName: 'locations.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3, parent: 5 } }, // prettier-ignore
      flows: { source: blob(FLOWS), fileName: 'flows.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } },
    });
    const regionOf = (id: string) => {
      const r = result.placeRegions.region[result.places.ids.indexOf(id)]!;
      return r < 0 ? 'outside' : result.regionIds[r];
    };
    expect(['ast', 'ala', 'kar', 'sem', 'usk', 'shy', 'bis', 'pop'].map(regionOf)).toEqual([
      'KZ-AST', 'KZ-ALA', 'KZ-KAR', 'KZ-VOS', 'KZ-VOS', 'KZ-YUZ', 'outside', 'KZ-PAV',
    ]); // prettier-ignore
    const outside = result.issues.find((i) => i.code === 'outside_regions')!;
    expect(outside.params).toEqual({ count: 1, examples: ['Bishkek'] });

    const rows = flowRows(result.regionFlows.columns, 'user-points').map((r) => `${r.year} ${r.origin_code}>${r.destination_code} ${r.migrants}`); // prettier-ignore
    // In 2021 East Kazakhstan's polygon holds one unit (Abai exists from 2022): Semey's flow is East Kazakhstan's.
    // In 2022 Semey's parent (Abai) decides between the polygon's two units; Oskemen has none: unassigned.
    // Shymkent lies in the polygon of Turkestan and Shymkent (both units since 2017): unassigned in 2021.
    expect(rows.sort()).toEqual(['2021 KZ-63>KZ-71 4', '2021 KZ-71>KZ-75 100', '2021 KZ-75>KZ-71 50', '2022 KZ-35>KZ-55 8'].sort()); // prettier-ignore
    expect(result.regionFlows.unassigned).toEqual(new Map([[2021, { flows: 1, people: 11 }], [2022, { flows: 2, people: 10 }]])); // prettier-ignore
    expect(result.regionFlows.toOutside.length).toBe(1);
    expect([...result.regionFlows.toOutside.count]).toEqual([9]);
    const ambiguous = result.issues.filter((i) => i.code === 'region_ambiguous').map((i) => i.params);
    expect(ambiguous).toEqual([
      { region: 'KZ-VOS', units: ['KZ-63', 'KZ-10'], fromYear: 2022, toYear: 2022, places: 1, examples: ['Oskemen'] },
      { region: 'KZ-YUZ', units: ['KZ-61', 'KZ-79'], fromYear: 2021, toYear: 2021, places: 1, examples: ['Shymkent'] },
    ]); // in the region file's order
    // The totals the region panel shows come out of the import's own aggregation, as for a region table.
    const totals = totalsByYear(aggregateFlowColumns(result.regionFlows.columns));
    expect(totals.get(2021)!.get('KZ-71')).toEqual({ arrivals: 54, departures: 100, net: -46 });
  });

  it('imports nothing from a locations table without the required columns, and says which', async () => {
    const result = await importPoints({
      ...base,
      layout: 'pair',
      locations: { source: blob('id,name\nast,Astana\n'), fileName: 'l.csv', mapping: { id: 0, name: 1 } },
      flows: { source: blob(FLOWS), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } },
    });
    expect(result.fatal).toBe('columns_missing');
    expect(result.issues.map((i) => [i.code, i.params])).toEqual([['columns_missing', { fields: ['lat', 'lon'] }]]);
    expect(result.places.length).toBe(0);
    expect(result.flows.length).toBe(0);
  });

  it('stops at an unclosed quote and imports nothing', async () => {
    const result = await importPoints({
      ...base,
      layout: 'pair',
      locations: { source: blob(LOCATIONS), fileName: 'l.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } },
      flows: { source: blob('origin,dest,count,time\nast,ala,1,2021\n"ast,ala,2,2022\nala,ast,3,2021\n'), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } }, // prettier-ignore
    });
    expect(result.fatal).toBe('unclosed_quote');
    expect(codesAt(result.issues.filter((i) => i.file === 'f.csv'))).toEqual(['3:unclosed_quote']);
    expect(result.flows.length).toBe(0);
  });

  it('needs a time column or a year for the whole file', async () => {
    const request: PointImportRequest = {
      ...base,
      layout: 'pair',
      locations: { source: blob(LOCATIONS), fileName: 'l.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } },
      flows: { source: blob('origin,dest,count\nast,ala,5\n'), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2 } }, // prettier-ignore
    };
    expect((await importPoints(request)).fatal).toBe('no_time');
    const withYear = await importPoints({ ...request, defaultYear: 2023, locations: { ...request.locations, source: blob(LOCATIONS) } }); // prettier-ignore
    expect(withYear.fatal).toBeNull();
    expect([...withYear.flows.year]).toEqual([2023]);
  });

  it('sums monthly rows into their year and says which years are partial', async () => {
    const months = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12', '2022-01-15', '15.02.2022']; // prettier-ignore
    const text = `origin,dest,count,time\n${months.map((m, i) => `ast,ala,${i + 1},${m}`).join('\n')}\n`;
    const result = await importPoints({
      ...base,
      layout: 'pair',
      locations: { source: blob(LOCATIONS), fileName: 'l.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } },
      flows: { source: blob(text), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } },
    });
    expect(result.flowTable!.granularity).toBe('month');
    expect([...result.flows.year]).toEqual([2021, 2022]);
    expect([...result.flows.count]).toEqual([78, 13 + 14]);
    expect(result.issues.filter((i) => i.code === 'partial_year').map((i) => i.params)).toEqual([{ year: 2022, months: 0b11 }]); // prettier-ignore
  });

  it('adds districts named by KATO code or name through the lookup, and never guesses between two of one name', async () => {
    const lookup = [
      { code: '116600000', names: ['Целиноградский район', 'Tselinograd District'], lon: 71.2, lat: 51.3, parentUnit: 'KZ-11' }, // prettier-ignore
      { code: '111111111', names: ['Ленинский район'], lon: 70, lat: 52, parentUnit: 'KZ-11' },
      { code: '222222222', names: ['Ленинский район'], lon: 60, lat: 50, parentUnit: 'KZ-15' },
    ];
    const result = await importPoints({
      ...base,
      lookup,
      layout: 'pair',
      locations: { source: blob('id,name,lat,lon\nast,Astana,51.18,71.44\n116600000,,,\n'), fileName: 'l.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } }, // prettier-ignore
      flows: { source: blob('origin,dest,count,time\n116600000,ast,5,2021\nЛенинский район,ast,1,2021\nTselinograd district,ast,2,2022\n'), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } }, // prettier-ignore
    });
    expect(result.places.ids).toEqual(['ast', '116600000', 'Tselinograd district']);
    expect(result.places.parentUnit).toEqual(['', 'KZ-11', 'KZ-11']);
    expect(codesAt(result.issues.filter((i) => i.file === 'f.csv'))).toEqual(['3:place_ambiguous']);
  });
});

describe('importPoints, one flows file with coordinates', () => {
  it('makes one place per coordinates and name, and gives the same region flows as the pair of files', async () => {
    const positions: Record<string, [string, number, number]> = {
      ast: ['Astana', 51.18, 71.44],
      ala: ['Almaty', 43.25, 76.92],
      kar: ['Karaganda', 49.8, 73.1],
    };
    const pairs = [['ast', 'ala', 100, 2021], ['ala', 'ast', 50, 2021], ['kar', 'ala', 4, 2022], ['ast', 'kar', 6, 2022]] as const; // prettier-ignore
    const coordinateText = `origin_name,origin_lat,origin_lon,dest_name,dest_lat,dest_lon,count,year\n${pairs
      .map(([o, d, c, y]) => [...positions[o]!, ...positions[d]!, c, y].join(','))
      .join('\n')}\nAstana bis,51.18,71.44,Almaty,43.25,76.92,1,2021\n`;
    const byCoordinates = await importPoints({
      ...base,
      layout: 'coordinates',
      flows: { source: blob(coordinateText), fileName: 'c.csv', mapping: { originName: 0, originLat: 1, originLon: 2, destName: 3, destLat: 4, destLon: 5, count: 6, time: 7 } }, // prettier-ignore
    });
    expect(byCoordinates.places.names).toEqual(['Astana', 'Almaty', 'Karaganda', 'Astana bis']);
    // Karaganda's polygon holds Ulytau too from 2022, and no parent says which.
    expect(codesAt(byCoordinates.issues)).toEqual(['6:same_coordinates', '0:region_ambiguous']);
    const locationsText = `id,name,lat,lon\n${Object.entries(positions).map(([id, [n, la, lo]]) => `${id},${n},${la},${lo}`).join('\n')}\n`; // prettier-ignore
    const flowsText = `origin,dest,count,time\n${pairs.map((p) => p.join(',')).join('\n')}\n`;
    const byPair = await importPoints({
      ...base,
      layout: 'pair',
      locations: { source: blob(locationsText), fileName: 'l.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } },
      flows: { source: blob(flowsText), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } },
    });
    const regionRows = (r: typeof byPair) => flowRows(r.regionFlows.columns, 'x').map((f) => `${f.year} ${f.origin_code}>${f.destination_code} ${f.migrants}`).sort(); // prettier-ignore
    // The same region flows, plus the one flow from the second place at Astana's coordinates.
    expect(regionRows(byCoordinates)).toEqual(
      regionRows(byPair).map((r) => (r === '2021 KZ-71>KZ-75 100' ? '2021 KZ-71>KZ-75 101' : r)),
    );
  });
});
