/**
 * A locations table (FlowmapBlue's "locations" sheet: id, name, lat, lon;
 * here also an optional population and parent region), read row by row into
 * a PlaceTable, and the place collector the flows file with coordinates uses
 * too. Problems are codes with parameters (codes.ts).
 *
 * Rules: an id is required and unique (a repeated id keeps the first row and
 * names its line); latitude and longitude are numbers as people type them (a
 * decimal comma is read, "51,13"), within -90..90 and -180..180, and not both
 * 0 (a missing position). Without coordinates, a lookup (place-lookup.ts: KATO
 * code or district name) may give the position and the parent region. A
 * population that is not a non-negative number, or a parent region that
 * matches no unit or several, is dropped with a warning; the place is kept.
 */
import { Growable } from '../../core/points/growable';
import type { PlaceTable } from '../../core/points/places';
import type { RegionMatcher } from '../region-matcher';
import { parseNumberCell } from '../validate-rows';
import { clip, type IssueLog } from './codes';
import type { PlaceLookup } from './place-lookup';

export const LOCATION_FIELDS = ['id', 'name', 'lat', 'lon', 'population', 'parent'] as const;
export type LocationField = (typeof LOCATION_FIELDS)[number];
export type LocationMapping = Partial<Record<LocationField, number>>;

/** More places than this are refused (the worker's arrays and the clustering stay within bounds). */
export const MAX_PLACES = 250_000;
export const MAX_ID_LENGTH = 200;

/** Required fields the mapping leaves out: the id, and the coordinates unless a lookup can give them. */
export function missingLocationFields(mapping: LocationMapping, hasLookup: boolean): LocationField[] {
  const required: LocationField[] = hasLookup ? ['id'] : ['id', 'lat', 'lon'];
  return required.filter((f) => mapping[f] === undefined);
}

const SYNONYMS: Record<LocationField, string[]> = {
  id: ['id', 'code', 'location', 'location id', 'place', 'kato', 'като', 'код'],
  name: ['name', 'title', 'label', 'city', 'название', 'наименование', 'город', 'атауы', 'атау', 'қала'],
  lat: ['lat', 'latitude', 'y', 'широта', 'ендік'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', 'долгота', 'бойлық'],
  population: ['population', 'pop', 'население', 'численность', 'халық', 'халық саны'],
  parent: ['parent', 'region', 'oblast', 'регион', 'область', 'облыс', 'өңір'],
};

const normalizeHeader = (text: string) =>
  text
    .toLowerCase()
    .replace(/^\ufeff/, '')
    .replace(/[_\-.]+/g, ' ')
    .trim();

/** A mapping from header names (exact names only, English, Russian, Kazakh); the user can change every field. */
export function guessLocationColumns(header: readonly string[]): LocationMapping {
  const mapping: LocationMapping = {};
  const used = new Set<number>();
  for (const field of LOCATION_FIELDS) {
    const column = header.findIndex((h, i) => !used.has(i) && SYNONYMS[field].includes(normalizeHeader(h)));
    if (column >= 0) {
      mapping[field] = column;
      used.add(column);
    }
  }
  return mapping;
}

/** A latitude or longitude cell, or null after logging why not. */
export function parseCoordinate(
  cell: string | undefined,
  field: string,
  max: number,
  line: number,
  log: IssueLog,
): number | null {
  const text = (cell ?? '').trim();
  if (text === '') {
    log.add(line, 'coordinate_missing', { field });
    return null;
  }
  const value = parseNumberCell(text);
  if (value === null) {
    log.add(line, 'coordinate_not_a_number', { field, text: clip(text) });
    return null;
  }
  if (Math.abs(value) > max) {
    log.add(line, max === 90 ? 'latitude_out_of_range' : 'longitude_out_of_range', { field, value });
    return null;
  }
  return value;
}

export interface PlaceCollectorOptions {
  log: IssueLog;
  /** Matches a parent region's text to a unit (the region matcher of the import). */
  parentMatcher?: RegionMatcher;
  lookup?: PlaceLookup;
  maxPlaces?: number;
}

/** Collects places into typed columns; shared by the locations table and the flows file with coordinates. */
export class PlaceCollector {
  readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly positions = new Growable((n) => new Float64Array(n));
  private readonly population = new Growable((n) => new Float64Array(n));
  private readonly parentUnit: string[] = [];
  private readonly lines = new Growable((n) => new Uint32Array(n));
  private readonly firstNameAt = new Map<string, string>();
  private full = false;
  readonly maxPlaces: number;

  constructor(readonly options: PlaceCollectorOptions) {
    this.maxPlaces = options.maxPlaces ?? MAX_PLACES;
  }

  get length(): number {
    return this.ids.length;
  }

  /** Adds a place; its index, or -1 when the import holds no more places (reported once). */
  add(
    id: string,
    name: string,
    lon: number,
    lat: number,
    population: number,
    parentUnit: string,
    line: number,
  ): number {
    if (this.ids.length >= this.maxPlaces) {
      if (!this.full) this.options.log.add(line, 'too_many_places', { max: this.maxPlaces });
      this.full = true;
      return -1;
    }
    const i = this.ids.length;
    this.ids.push(id);
    this.names.push(name);
    this.positions.set(i * 2, lon);
    this.positions.set(i * 2 + 1, lat);
    this.population.set(i, population);
    this.parentUnit.push(parentUnit);
    this.lines.set(i, line);
    this.byId.set(id, i);
    return i;
  }

  /**
   * The place at these coordinates with this name, made on first sight (a flows
   * file with coordinates). Two names at one position stay two places, with a
   * notice.
   */
  atCoordinates(lon: number, lat: number, name: string, line: number): number {
    const id = name ? `${name} (${lat}, ${lon})` : `${lat}, ${lon}`;
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const position = `${lat}, ${lon}`;
    const other = this.firstNameAt.get(position);
    if (other === undefined) this.firstNameAt.set(position, name);
    else if (other !== name) this.options.log.add(line, 'same_coordinates', { place: clip(name || position), other: clip(other || position) }); // prettier-ignore
    return this.add(id, name || position, lon, lat, Number.NaN, '', line);
  }

  idOf(i: number): string {
    return this.ids[i] ?? '';
  }

  /** The line that defined place i. */
  lineOf(i: number): number {
    return this.lines.array[i]!;
  }

  /** The unit code a parent region's text names, or '' after a warning. */
  parent(text: string, line: number): string {
    const t = text.trim();
    if (t === '' || !this.options.parentMatcher) return '';
    const match = this.options.parentMatcher.match(t);
    if (match && 'code' in match) return match.code;
    if (match) this.options.log.add(line, 'parent_ambiguous', { text: clip(t), candidates: match.candidates });
    else this.options.log.add(line, 'parent_unknown', { text: clip(t) });
    return '';
  }

  finish(): PlaceTable {
    const n = this.ids.length;
    return {
      length: n,
      ids: this.ids,
      names: this.names,
      positions: this.positions.take(n * 2),
      population: this.population.take(n),
      parentUnit: this.parentUnit,
      lines: this.lines.take(n),
    };
  }
}

const cellAt = (cells: readonly string[], column: number | undefined) =>
  column === undefined ? undefined : cells[column];
const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Rows of a locations table into the collector. */
export class LocationRowValidator {
  rowsRead = 0;
  emptyLines = 0;
  private readonly log: IssueLog;

  constructor(
    private readonly mapping: LocationMapping,
    private readonly places: PlaceCollector,
  ) {
    this.log = places.options.log;
  }

  push(cells: readonly string[], line: number): void {
    if (isBlank(cells)) {
      this.emptyLines++;
      return;
    }
    this.rowsRead++;
    const m = this.mapping;
    const log = this.log;
    const id = (cellAt(cells, m.id) ?? '').trim();
    if (id === '') return log.add(line, 'id_missing');
    if (id.length > MAX_ID_LENGTH) return log.add(line, 'text_too_long', { field: 'id', max: MAX_ID_LENGTH });
    const first = this.places.byId.get(id);
    if (first !== undefined)
      return log.add(line, 'id_duplicate', { id: clip(id), firstLine: this.places.lineOf(first) });
    let name = (cellAt(cells, m.name) ?? '').trim();
    if (name.length > MAX_ID_LENGTH) return log.add(line, 'text_too_long', { field: 'name', max: MAX_ID_LENGTH });
    let parentUnit = m.parent === undefined ? '' : this.places.parent(cellAt(cells, m.parent) ?? '', line);

    const latCell = (cellAt(cells, m.lat) ?? '').trim();
    const lonCell = (cellAt(cells, m.lon) ?? '').trim();
    let lat: number | null;
    let lon: number | null;
    const lookup = this.places.options.lookup;
    if (latCell === '' && lonCell === '' && lookup) {
      // No position: a district by KATO code (the id) or by name.
      const found = lookup.find(id) ?? (name ? lookup.find(name) : null);
      if (!found) return log.add(line, 'place_not_found', { text: clip(name || id) });
      if ('candidates' in found)
        return log.add(line, 'place_ambiguous', { text: clip(name || id), candidates: found.candidates });
      lat = found.entry.lat;
      lon = found.entry.lon;
      parentUnit ||= found.entry.parentUnit;
      name ||= found.entry.names[0] ?? '';
    } else {
      lat = parseCoordinate(latCell, 'lat', 90, line, log);
      lon = parseCoordinate(lonCell, 'lon', 180, line, log);
      if (lat === null || lon === null) return;
      if (lat === 0 && lon === 0) return log.add(line, 'coordinates_zero');
    }
    let population = Number.NaN;
    const populationCell = (cellAt(cells, m.population) ?? '').trim();
    if (populationCell !== '') {
      const value = parseNumberCell(populationCell);
      if (value === null || value < 0) log.add(line, 'population_invalid', { text: clip(populationCell) });
      else population = value;
    }
    if (m.name !== undefined && name === '') log.add(line, 'name_missing', { id: clip(id) });
    this.places.add(id, name || id, lon, lat, population, parentUnit, line);
  }

  malformed(line: number): void {
    this.rowsRead++;
    this.log.add(line, 'malformed_quotes');
  }
}
