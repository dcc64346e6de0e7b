import { describe, expect, it } from 'vitest';
import { IssueLog } from './codes';
import { createPlaceLookup } from './place-lookup';
import { guessLocationColumns, LocationRowValidator, parseCoordinate, PlaceCollector } from './places-table';
import { COORDINATE_FLOW_FIELDS, guessFlowColumns, PAIR_FLOW_FIELDS } from './point-flows-table';

describe('column guesses', () => {
  it('reads FlowmapBlue`s headers and their Russian and Kazakh names', () => {
    expect(guessLocationColumns(['id', 'name', 'lat', 'lon'])).toEqual({ id: 0, name: 1, lat: 2, lon: 3 });
    expect(guessLocationColumns(['Название', 'Широта', 'Долгота', 'Население', 'Код'])).toEqual({ name: 0, lat: 1, lon: 2, population: 3, id: 4 }); // prettier-ignore
    expect(guessFlowColumns(PAIR_FLOW_FIELDS, ['origin', 'dest', 'count', 'time'])).toEqual({ origin: 0, dest: 1, count: 2, time: 3 }); // prettier-ignore
    expect(guessFlowColumns(COORDINATE_FLOW_FIELDS, ['origin_lat', 'origin_lon', 'dest_lat', 'dest_lon', 'origin', 'dest', 'count', 'year'])).toEqual({ originLat: 0, originLon: 1, destLat: 2, destLon: 3, originName: 4, destName: 5, count: 6, time: 7 }); // prettier-ignore
  });
});

describe('parseCoordinate', () => {
  it('reads decimal commas and refuses what is out of range, by code', () => {
    const log = new IssueLog();
    expect(parseCoordinate('51,13', 'lat', 90, 2, log)).toBe(51.13);
    expect(parseCoordinate(' -0.5 ', 'lon', 180, 2, log)).toBe(-0.5);
    expect(parseCoordinate('91', 'lat', 90, 3, log)).toBeNull();
    expect(parseCoordinate('51°08′', 'lat', 90, 4, log)).toBeNull();
    expect(parseCoordinate('', 'lon', 180, 5, log)).toBeNull();
    expect(log.issues.map((i) => [i.line, i.code, i.params])).toEqual([
      [3, 'latitude_out_of_range', { field: 'lat', value: 91 }],
      [4, 'coordinate_not_a_number', { field: 'lat', text: '51°08′' }],
      [5, 'coordinate_missing', { field: 'lon' }],
    ]);
  });
});

describe('LocationRowValidator with a lookup', () => {
  it('takes the position and parent of a row without coordinates from the lookup, by KATO code or name', () => {
    const log = new IssueLog();
    const lookup = createPlaceLookup([{ code: '116600000', names: ['Целиноградский район', 'Tselinograd District'], lon: 71.2, lat: 51.3, parentUnit: 'KZ-11' }]); // prettier-ignore
    const places = new PlaceCollector({ log, lookup });
    const v = new LocationRowValidator({ id: 0, name: 1, lat: 2, lon: 3 }, places);
    v.push(['116 600 000', '', '', ''], 2);
    v.push(['d2', 'Целиноград ауданы', '', ''], 3);
    v.push(['d3', 'Atlantis district', '', ''], 4);
    const table = places.finish();
    expect(table.ids).toEqual(['116 600 000', 'd2']);
    expect(table.names).toEqual(['Целиноградский район', 'Целиноград ауданы']);
    expect([...table.positions]).toEqual([71.2, 51.3, 71.2, 51.3]);
    expect(table.parentUnit).toEqual(['KZ-11', 'KZ-11']);
    expect(log.issues.map((i) => [i.line, i.code])).toEqual([[4, 'place_not_found']]);
  });
});
