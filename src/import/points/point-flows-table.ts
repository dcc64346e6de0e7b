/**
 * Flows between places, read row by row: FlowmapBlue's "flows" sheet (origin,
 * dest, count, optional time; origin and dest name ids of the locations
 * table), or one file with each end's coordinates in its columns (origin and
 * destination latitude and longitude, optional names: places are made from
 * them, one per coordinates and name).
 *
 * Rows are kept as typed columns (about 24 bytes a row) and, at the end,
 * checked for duplicates and summed per origin, destination and year: the
 * table the clustering and the drawing take.
 *
 * Rules: both ends must name a place and differ; the count is a non-negative
 * integer ("1 234" and "1234,0" read, "12,5" has decimals and is refused);
 * the time is a year ("2020", "2020 г.") or a date ("2020-03", "2020-03-15",
 * "2020-03-15T00:00:00Z", "15.03.2020": the date as written, no time zone
 * conversion); without a time column every row is in the year the user gives.
 * A file whose every time is a year or the 1st of January is yearly;
 * otherwise (a later date, or a time written as year and month) the rows are
 * dated by month, summed into their year, and a year
 * whose rows do not cover all twelve months gets a 'partial_year' notice. A
 * row with the same origin, destination and time as an earlier valid row is a
 * duplicate: the first is kept and named.
 */
import { YEAR_MAX, YEAR_MIN } from '../../core/csv';
import { FlowSummer, type PointFlowTable } from '../../core/points/point-flows';
import { parseNumberCell, parseYearCell } from '../validate-rows';
import { clip, type IssueLog } from './codes';
import { parseCoordinate, type PlaceCollector } from './places-table';

export const PAIR_FLOW_FIELDS = ['origin', 'dest', 'count', 'time'] as const;
export type PairFlowField = (typeof PAIR_FLOW_FIELDS)[number];
export type PairFlowMapping = Partial<Record<PairFlowField, number>>;

export const COORDINATE_FLOW_FIELDS = ['originLat', 'originLon', 'destLat', 'destLon', 'originName', 'destName', 'count', 'time'] as const; // prettier-ignore
export type CoordinateFlowField = (typeof COORDINATE_FLOW_FIELDS)[number];
export type CoordinateFlowMapping = Partial<Record<CoordinateFlowField, number>>;

export const REQUIRED_PAIR_FIELDS: readonly PairFlowField[] = ['origin', 'dest', 'count'];
export const REQUIRED_COORDINATE_FIELDS: readonly CoordinateFlowField[] = ['originLat', 'originLon', 'destLat', 'destLon', 'count']; // prettier-ignore

const SYNONYMS: Record<CoordinateFlowField | PairFlowField, string[]> = {
  origin: ['origin', 'from', 'source', 'orig', 'откуда', 'из', 'қайдан'],
  dest: ['dest', 'destination', 'to', 'target', 'куда', 'в', 'қайда'],
  count: ['count', 'value', 'flow', 'migrants', 'number', 'weight', 'количество', 'число', 'саны'],
  time: ['time', 'date', 'year', 'период', 'дата', 'год', 'жыл', 'уақыт'],
  originLat: ['origin lat', 'origin latitude', 'from lat', 'lat from', 'o lat', 'source lat', 'orig lat'],
  originLon: ['origin lon', 'origin lng', 'origin longitude', 'from lon', 'lon from', 'o lon', 'source lon', 'orig lon'], // prettier-ignore
  destLat: ['dest lat', 'destination lat', 'destination latitude', 'to lat', 'lat to', 'd lat', 'target lat'],
  destLon: ['dest lon', 'dest lng', 'destination lon', 'destination longitude', 'to lon', 'lon to', 'd lon', 'target lon'], // prettier-ignore
  originName: ['origin name', 'from name', 'origin', 'from'],
  destName: ['dest name', 'destination name', 'to name', 'dest', 'destination', 'to'],
};

const normalizeHeader = (text: string) =>
  text
    .toLowerCase()
    .replace(/^\ufeff/, '')
    .replace(/[_\-.]+/g, ' ')
    .trim();

/** A mapping from header names (exact names only); the user can change every field. */
export function guessFlowColumns<F extends PairFlowField | CoordinateFlowField>(
  fields: readonly F[],
  header: readonly string[],
): Partial<Record<F, number>> {
  const mapping: Partial<Record<F, number>> = {};
  const used = new Set<number>();
  for (const field of fields) {
    const column = header.findIndex((h, i) => !used.has(i) && SYNONYMS[field].includes(normalizeHeader(h)));
    if (column >= 0) {
      mapping[field] = column;
      used.add(column);
    }
  }
  return mapping;
}

export interface FlowTime {
  year: number;
  /** 1-12; 0 when the time is a year. */
  month: number;
  /** 1-31; 0 when not given. */
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** A time cell as year, month, day (see the module comment); null when it is neither a year nor a date. */
export function parseTimeCell(cell: string): FlowTime | null {
  const year = parseYearCell(cell);
  if (year !== null) return { year, month: 0, day: 0 };
  const text = cell.trim();
  let m = ISO_DATE.exec(text);
  let time: FlowTime | null = null;
  if (m) time = { year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : 0 };
  else if ((m = DOTTED_DATE.exec(text))) time = { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) };
  if (!time || time.month < 1 || time.month > 12 || time.day > 31 || (m?.[3] !== undefined && time.day < 1))
    return null;
  return time;
}

/** Finds the two ends of a row; writes them into `ends` or logs why not and returns false. */
export type EndResolver = (cells: readonly string[], line: number, ends: Int32Array) => boolean;

/** Ends named by id in a locations table (FlowmapBlue). `extra` may add a place for an unknown id (e.g. a district by KATO code). */
export function endsById(
  mapping: PairFlowMapping,
  places: PlaceCollector,
  log: IssueLog,
  extra?: (text: string, line: number) => number,
): EndResolver {
  const one = (cell: string | undefined, field: 'origin' | 'dest', line: number): number => {
    const text = cell === undefined ? '' : cell.length > 0 && cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32 ? cell : cell.trim(); // prettier-ignore
    if (text === '') {
      log.add(line, 'cell_missing', { field });
      return -1;
    }
    const known = places.byId.get(text);
    if (known !== undefined) return known;
    // -1: not found; -2: found ambiguous, already reported by `extra`.
    const added = extra ? extra(text, line) : -1;
    if (added === -1) log.add(line, 'unknown_location', { field, id: clip(text) });
    return added;
  };
  return (cells, line, ends) => {
    ends[0] = one(mapping.origin === undefined ? undefined : cells[mapping.origin], 'origin', line);
    ends[1] = one(mapping.dest === undefined ? undefined : cells[mapping.dest], 'dest', line);
    return ends[0] >= 0 && ends[1] >= 0;
  };
}

/** Ends given by coordinates (and optional names) in the flow's own columns. */
export function endsByCoordinates(mapping: CoordinateFlowMapping, places: PlaceCollector, log: IssueLog): EndResolver {
  const at = (column: number | undefined, cells: readonly string[]) => (column === undefined ? undefined : cells[column]); // prettier-ignore
  const one = (cells: readonly string[], line: number, end: 'origin' | 'dest'): number => {
    const lat = parseCoordinate(at(end === 'origin' ? mapping.originLat : mapping.destLat, cells), `${end}Lat`, 90, line, log); // prettier-ignore
    const lon = parseCoordinate(at(end === 'origin' ? mapping.originLon : mapping.destLon, cells), `${end}Lon`, 180, line, log); // prettier-ignore
    if (lat === null || lon === null) return -1;
    if (lat === 0 && lon === 0) {
      log.add(line, 'coordinates_zero', { field: end });
      return -1;
    }
    const name = (at(end === 'origin' ? mapping.originName : mapping.destName, cells) ?? '').trim().slice(0, 200);
    return places.atCoordinates(lon, lat, name, line);
  };
  return (cells, line, ends) => {
    ends[0] = one(cells, line, 'origin');
    ends[1] = one(cells, line, 'dest');
    return ends[0] >= 0 && ends[1] >= 0;
  };
}

/** The valid rows as read (before duplicates are dropped and years summed). */
export interface PointFlowRows {
  length: number;
  origin: Uint32Array;
  destination: Uint32Array;
  year: Uint16Array;
  month: Uint8Array;
  day: Uint8Array;
  count: Float64Array;
  line: Uint32Array;
}

export interface PointFlowSummary {
  rowsRead: number;
  rowsValid: number;
  emptyLines: number;
  duplicates: number;
  /** 'year' when every time is a year or 1 January (or there is no time column), else 'month'. */
  granularity: 'year' | 'month';
  /** Per year, a bit mask of the months with flows (bit 0 = January; 0 for yearly data). */
  monthsByYear: Record<number, number>;
}

export interface PointFlowResult {
  /** Each (origin, destination, year) once, counts summed over the year's rows. */
  flows: PointFlowTable;
  /** The rows kept (duplicates removed), in file order; empty unless asked for. */
  rows: PointFlowRows;
  summary: PointFlowSummary;
}

const isBlank = (cells: readonly string[]) => {
  const first = cells[0] ?? '';
  if (first.length > 0 && first.charCodeAt(0) > 32 && first.charCodeAt(0) !== 160) return false;
  return cells.every((c) => c.trim() === '');
};

export class PointFlowRowValidator {
  private length = 0;
  // Plain typed arrays grown together: one monomorphic store each in the loop that runs a million times.
  private origin = new Uint32Array(1024);
  private destination = new Uint32Array(1024);
  private year = new Uint16Array(1024);
  private month = new Uint8Array(1024);
  private day = new Uint8Array(1024);
  private count = new Float64Array(1024);
  private line = new Uint32Array(1024);
  private readonly ends = new Int32Array(2);
  private rowsRead = 0;
  private emptyLines = 0;

  constructor(
    private readonly resolve: EndResolver,
    private readonly columns: { count?: number; time?: number },
    private readonly places: PlaceCollector,
    private readonly log: IssueLog,
    /** The year of every row when the file has no time column. */
    private readonly defaultYear: number | null = null,
  ) {}

  push(cells: readonly string[], line: number): void {
    if (isBlank(cells)) {
      this.emptyLines++;
      return;
    }
    this.rowsRead++;
    const log = this.log;
    let ok = this.resolve(cells, line, this.ends);
    const o = this.ends[0]!;
    const d = this.ends[1]!;
    if (ok && o === d) {
      log.add(line, 'same_origin_destination', { id: clip(this.places.idOf(o)) });
      ok = false;
    }
    const count = this.parseCount(cells[this.columns.count ?? -1], line);
    if (count === null) ok = false;
    let time: FlowTime | null = null;
    if (this.columns.time === undefined) {
      if (this.defaultYear !== null) time = { year: this.defaultYear, month: 0, day: 0 };
    } else {
      const text = (cells[this.columns.time] ?? '').trim();
      if (text === '') log.add(line, 'cell_missing', { field: 'time' });
      else if ((time = parseTimeCell(text)) === null) log.add(line, 'time_not_a_date', { text: clip(text) });
      else if (time.year < YEAR_MIN || time.year > YEAR_MAX) {
        log.add(line, 'year_out_of_range', { year: time.year, min: YEAR_MIN, max: YEAR_MAX });
        time = null;
      }
    }
    if (!ok || count === null || time === null) return;
    const i = this.length++;
    if (i === this.origin.length) this.grow();
    this.origin[i] = o;
    this.destination[i] = d;
    this.year[i] = time.year;
    this.month[i] = time.month;
    this.day[i] = time.day;
    this.count[i] = count;
    this.line[i] = line;
  }

  private grow() {
    const size = this.origin.length * 2;
    const grown = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.origin = grown(this.origin, new Uint32Array(size));
    this.destination = grown(this.destination, new Uint32Array(size));
    this.year = grown(this.year, new Uint16Array(size));
    this.month = grown(this.month, new Uint8Array(size));
    this.day = grown(this.day, new Uint8Array(size));
    this.count = grown(this.count, new Float64Array(size));
    this.line = grown(this.line, new Uint32Array(size));
  }

  malformed(line: number): void {
    this.rowsRead++;
    this.log.add(line, 'malformed_quotes');
  }

  private parseCount(cell: string | undefined, line: number): number | null {
    const text = (cell ?? '').trim();
    if (text === '') {
      this.log.add(line, 'cell_missing', { field: 'count' });
      return null;
    }
    const n = parseNumberCell(text);
    if (n === null || Math.abs(n) > Number.MAX_SAFE_INTEGER)
      this.log.add(line, 'count_not_a_number', { text: clip(text) });
    else if (n < 0) this.log.add(line, 'count_negative', { text: clip(text) });
    else if (!Number.isInteger(n)) this.log.add(line, 'count_decimal', { text: clip(text) });
    else return n;
    return null;
  }

  /** Checks duplicates, sums the years; the rows as read are kept only when asked (24 bytes a row). */
  finish(keepRows = true): PointFlowResult {
    const n = this.length;
    const { origin, destination, year, month, day } = this;
    let subYear = false;
    // Monthly when a time is past 1 January or written as a year and a month ("2020-01").
    for (let i = 0; i < n && !subYear; i++) subYear = month[i]! > 1 || day[i]! > 1 || (month[i] === 1 && day[i] === 0);
    // Duplicates: one key per (time, origin, destination); sorting a copy finds repeated keys, a second pass names them.
    // Times are indexed densely: years from YEAR_MIN, and for dated rows 416 slots a year (month * 32 + day).
    const timeSlots = subYear ? (YEAR_MAX - YEAR_MIN + 1) * 416 : YEAR_MAX - YEAR_MIN + 1;
    const timeIndex = new Int32Array(timeSlots).fill(-1);
    let times = 0;
    const timeSlot = (i: number) => (subYear ? (year[i]! - YEAR_MIN) * 416 + month[i]! * 32 + day[i]! : year[i]! - YEAR_MIN); // prettier-ignore
    for (let i = 0; i < n; i++) {
      const slot = timeSlot(i);
      if (timeIndex[slot] === -1) timeIndex[slot] = times++;
    }
    const p = Math.max(1, this.places.length);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (timeIndex[timeSlot(i)]! * p + origin[i]!) * p + destination[i]!;
    const sorted = keys.slice().sort();
    const repeated = new Set<number>();
    for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
    const dropped = new Uint8Array(repeated.size > 0 ? n : 0);
    let duplicates = 0;
    if (repeated.size > 0) {
      const firstLine = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        if (!repeated.has(key)) continue;
        const first = firstLine.get(key);
        if (first === undefined) firstLine.set(key, this.line[i]!);
        else {
          this.log.add(this.line[i]!, 'duplicate_flow', { firstLine: first });
          dropped[i] = 1;
          duplicates++;
        }
      }
    }
    const kept = n - duplicates;
    const size = keepRows ? kept : 0;
    const rows: PointFlowRows = {
      length: size,
      origin: new Uint32Array(size),
      destination: new Uint32Array(size),
      year: new Uint16Array(size),
      month: new Uint8Array(size),
      day: new Uint8Array(size),
      count: new Float64Array(size),
      line: new Uint32Array(size),
    };
    // Yearly rows are each (origin, destination, year) once already: they are the sums. Dated rows are added up.
    const summer = subYear ? new FlowSummer(kept) : null;
    const yearly: PointFlowTable | null = subYear
      ? null
      : { length: kept, origin: new Uint32Array(kept), destination: new Uint32Array(kept), year: new Uint16Array(kept), count: new Float64Array(kept) }; // prettier-ignore
    const months = new Uint16Array(YEAR_MAX - YEAR_MIN + 1);
    const seenYear = new Uint8Array(YEAR_MAX - YEAR_MIN + 1);
    const count = this.count;
    for (let i = 0, k = 0; i < n; i++) {
      if (duplicates > 0 && dropped[i]) continue;
      if (keepRows) {
        rows.origin[k] = origin[i]!;
        rows.destination[k] = destination[i]!;
        rows.year[k] = year[i]!;
        rows.month[k] = month[i]!;
        rows.day[k] = day[i]!;
        rows.count[k] = count[i]!;
        rows.line[k] = this.line[i]!;
      }
      if (yearly) {
        yearly.origin[k] = origin[i]!;
        yearly.destination[k] = destination[i]!;
        yearly.year[k] = year[i]!;
        yearly.count[k] = count[i]!;
      } else summer!.add(origin[i]!, destination[i]!, year[i]!, count[i]!);
      k++;
      seenYear[year[i]! - YEAR_MIN] = 1;
      if (month[i]! > 0) months[year[i]! - YEAR_MIN]! |= 1 << (month[i]! - 1);
    }
    const monthsByYear: Record<number, number> = {};
    seenYear.forEach((seen, y) => {
      if (!seen) return;
      monthsByYear[YEAR_MIN + y] = subYear ? months[y]! : 0;
      if (subYear && months[y] !== 0xfff) this.log.add(0, 'partial_year', { year: YEAR_MIN + y, months: months[y]! });
    });
    return {
      flows: yearly ?? summer!.take(),
      rows,
      summary: {
        rowsRead: this.rowsRead,
        rowsValid: kept,
        emptyLines: this.emptyLines,
        duplicates,
        granularity: subYear ? 'month' : 'year',
        monthsByYear,
      },
    };
  }
}
