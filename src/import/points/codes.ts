/**
 * Problems met while importing places and the flows between them: a code, its
 * parameters and where it was found; never a sentence (src/i18n translates
 * the codes into the user's language). Severity says what happened to the
 * row: 'error' = the row was left out; 'warning' = the row was kept, a cell
 * of it was not; 'notice' = kept as it is, but the user should know.
 */

export type PointIssueCode =
  // The file as a whole (line 0 or the line where reading stopped).
  | 'no_header' // The file has no header row (it is empty).
  | 'columns_missing' // {fields}: required fields the mapping leaves out.
  | 'unclosed_quote' // A quoted cell is not closed: nothing after it can be read, so nothing is imported.
  | 'record_too_long' // {maxMB}: a record longer than that: an unclosed quote, nothing imported.
  | 'malformed_quotes' // Quotes in this record cannot be read; the row is left out.
  | 'no_time' // The flows have no time column and no year was given for them.
  | 'too_many_places' // {max}: more places than the import holds; later ones left out.
  // Locations table.
  | 'id_missing' // The location's id cell is empty.
  | 'id_duplicate' // {id, firstLine}: the id was already given on firstLine; the first is kept.
  | 'text_too_long' // {field, max}: a cell longer than max characters.
  | 'coordinate_missing' // {field}: latitude or longitude empty (and no lookup found the place).
  | 'coordinate_not_a_number' // {field, text}
  | 'latitude_out_of_range' // {value}: not within -90..90.
  | 'longitude_out_of_range' // {value}: not within -180..180.
  | 'coordinates_zero' // Latitude and longitude both 0: a missing position, not a place in the Gulf of Guinea.
  | 'population_invalid' // {text}: not a non-negative number; the place is kept without it.
  | 'parent_unknown' // {text}: the parent region names no unit; the place is kept without it.
  | 'parent_ambiguous' // {text, candidates}: the parent region could be several units; kept without it.
  | 'place_not_found' // {text}: no coordinates and the lookup (KATO code or name) knows no such place.
  | 'place_ambiguous' // {text, candidates}: the lookup finds several places by that name.
  | 'name_missing' // The name is empty: the id is shown instead.
  // Flows.
  | 'cell_missing' // {field}: origin, destination, count or time empty or absent.
  | 'unknown_location' // {field, id}: origin or destination names no location of the locations table.
  | 'same_origin_destination' // {id}: a flow from a place to itself; not a flow between places.
  | 'count_not_a_number' // {text}
  | 'count_negative' // {text}
  | 'count_decimal' // {text}
  | 'time_not_a_date' // {text}: the time is neither a year nor a date.
  | 'year_out_of_range' // {year, min, max}
  | 'duplicate_flow' // {firstLine}: same origin, destination and time as that line; the first is kept.
  | 'partial_year' // {year, months}: the flows of that year are dated in only some months (a Uint16 bit mask, bit 0 = January): its sums cover part of the year.
  | 'same_coordinates' // {place, other}: two places named differently at the same coordinates (kept apart).
  // Places and regions, after the rows are read.
  | 'outside_regions' // {count, examples}: places outside every mapped region, kept and shown as such.
  | 'maybe_swapped' // {count, examples}: places outside every region that would lie inside with latitude and longitude swapped; kept as given (check the column choice).
  | 'snapped_to_region' // {place, region, km}: outside every polygon by less than the snapping distance; given to the nearest region.
  | 'region_overlap' // {place, region, claims}: `claims` polygons of the region file overlap at the place; the first listed (region) is used.
  | 'parent_differs' // {place, parent, region}: the parent region given is not the one the place lies in; the position decides.
  | 'region_ambiguous'; // {region, units, fromYear, toYear, places, examples}: the polygon holds several units in those years and no parent says which; those places' flows are not summed into units for those years.

export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITY: Record<PointIssueCode, Severity> = {
  no_header: 'error',
  columns_missing: 'error',
  unclosed_quote: 'error',
  record_too_long: 'error',
  malformed_quotes: 'error',
  no_time: 'error',
  too_many_places: 'error',
  id_missing: 'error',
  id_duplicate: 'error',
  text_too_long: 'error',
  coordinate_missing: 'error',
  coordinate_not_a_number: 'error',
  latitude_out_of_range: 'error',
  longitude_out_of_range: 'error',
  coordinates_zero: 'error',
  population_invalid: 'warning',
  parent_unknown: 'warning',
  parent_ambiguous: 'warning',
  place_not_found: 'error',
  place_ambiguous: 'error',
  name_missing: 'notice',
  cell_missing: 'error',
  unknown_location: 'error',
  same_origin_destination: 'error',
  count_not_a_number: 'error',
  count_negative: 'error',
  count_decimal: 'error',
  time_not_a_date: 'error',
  year_out_of_range: 'error',
  duplicate_flow: 'error',
  partial_year: 'notice',
  same_coordinates: 'notice',
  outside_regions: 'notice',
  maybe_swapped: 'warning',
  snapped_to_region: 'notice',
  region_overlap: 'warning',
  parent_differs: 'notice',
  region_ambiguous: 'warning',
};

export const POINT_ISSUE_CODES = Object.keys(SEVERITY) as PointIssueCode[];

export type IssueParams = Record<string, string | number | readonly string[]>;

export interface PointIssue {
  code: PointIssueCode;
  /** File name as the user gave it ('' for problems of the places as a whole). */
  file: string;
  /** 1-based line of the record (header = 1); 0 for the file or the places as a whole. */
  line: number;
  params: IssueParams;
}

/** Issues kept in full; the rest are only counted by code. */
export const DEFAULT_MAX_ISSUES = 1_000;

/** Collects issues: all counted by code, the first `max` kept. */
export class IssueLog {
  readonly issues: PointIssue[] = [];
  readonly byCode = Object.fromEntries(POINT_ISSUE_CODES.map((c) => [c, 0])) as Record<PointIssueCode, number>;
  count = 0;

  /** The file the next issues are about (set by the import as it moves from file to file). */
  file = '';

  constructor(private readonly max = DEFAULT_MAX_ISSUES) {}

  add(line: number, code: PointIssueCode, params: IssueParams = {}): void {
    this.count++;
    this.byCode[code]++;
    if (this.issues.length < this.max) this.issues.push({ code, file: this.file, line, params });
  }
}

/** Text from a file in an issue's parameters: clipped, so a hostile cell cannot fill the screen. */
export const clip = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max)}…` : text);
