/**
 * Turns parsed rows of a user's table into the project's tidy shapes and a
 * list of issues naming the file, the line and the reason. Pure and
 * streaming: rows are pushed one at a time (the worker feeds them as they are
 * parsed), only valid rows are kept, and they are kept as typed columns
 * (about 14 bytes a flow instead of a few hundred for an object), so a
 * million rows fit and move between threads without copying.
 *
 * Rules: a row is valid when every required cell is present, both regions
 * match a unit (see region-matcher.ts), origin and destination differ, the
 * year is an integer in YEAR_MIN..YEAR_MAX, and the count is a non-negative
 * integer. Numbers may use spaces, no-break spaces or apostrophes between
 * digit groups; a single comma is a decimal mark ("12,5"), so "1,234" in a
 * count is reported as having decimals rather than silently read as 1234;
 * "12.0" is 12. A later row with the same year, origin, destination and period
 * as a valid earlier one is a duplicate (the first is kept and named). Empty
 * lines and rows of empty cells are skipped, not reported.
 */
import { YEAR_MAX, YEAR_MIN } from '../core/csv';
import type { FigureMapping, FlowMapping } from './columns';
import { ISSUE_CODES, type CellField, type ImportIssue, type IssueCode, type ProblemParams } from './problems';
import { isTotalName, type RegionMatcher } from './region-matcher';
import {
  borderDecisions,
  resolveNames,
  type AmbiguousName,
  type BorderDecision,
  type Borders,
  type NameDecision,
  type NameQuestion,
} from './resolve';
import { suggestUnits, type Suggestion } from './suggest';

export { ISSUE_CODES, type ImportIssue, type IssueCode } from './problems';
import { parseNumberCell, parseYearCell } from './cells';
export { parseNumberCell, parseYearCell } from './cells';

export const USER_IMPORT_FLAG = 'user_import';
/** The period of a full calendar year, as in data/flows.csv. */
export const FULL_YEAR = 'Jan-Dec';
/** Issues kept in full; the rest are only counted. */
export const DEFAULT_MAX_ISSUES = 1_000;
/** Distinct names kept for the unmatched and matched lists (hostile files may have a million). */
const MAX_NAMES_LISTED = 1_000;
/** Distinct values of a text column kept (periods, measures, sources, notes). */
const MAX_DISTINCT_VALUES = 65_535;
/** (period, year) pairs that get a duplicate index (4 bytes per origin-destination pair each). */
const MAX_DUPLICATE_BLOCKS = 10_000;
const MAX_TEXT_LENGTH = 200;

/** Rows waiting for an ambiguous name to be decided (beyond this they are asked about at once). */
const MAX_PENDING_ROWS = 200_000;

/** A flow in the shape of data/flows.csv. */
export interface FlowImportRow {
  year: number;
  origin_code: string;
  destination_code: string;
  migrants: number;
  period: string;
  geography: string;
  source_id: string;
  quality_flag: typeof USER_IMPORT_FLAG;
}

export interface FigureImportRow {
  unit_code: string;
  year: number;
  measure: string;
  value: number;
  source_id: string;
  /** The unit of measure as the file gives it ('' when none). */
  unit_of_measure: string;
}

/** Dictionary-encoded text: values[index[i]]; values[0] is ''. index null means every row is ''. */
export interface DictColumn {
  values: string[];
  index: Uint16Array | Uint32Array | null;
}

export interface FlowColumns {
  kind: 'flows';
  length: number;
  /** Unit index -> code (the matcher's order). */
  unitCodes: string[];
  year: Uint16Array;
  origin: Uint16Array;
  destination: Uint16Array;
  migrants: Float64Array;
  period: DictColumn;
  /** The file's own source and note cells, kept as text beside the dataset's source id. */
  source: DictColumn;
  note: DictColumn;
  /** Boundary version of each year's rows (see geographyFor). */
  geographyByYear: Record<number, string>;
}

export interface FigureColumns {
  kind: 'figures';
  length: number;
  unitCodes: string[];
  unit: Uint16Array;
  year: Uint16Array;
  value: Float64Array;
  measure: DictColumn;
  unitOfMeasure: DictColumn;
  /** The period of each value (months of a regions × months table); absent in datasets stored before periods. */
  period?: DictColumn;
  /** Boundary version of each year's rows (see geographyFor); absent in datasets stored before it. */
  geographyByYear?: Record<number, string>;
}

export interface NameCount {
  text: string;
  count: number;
}

export interface ImportSummary {
  file: string;
  kind: 'flows' | 'figures';
  /** Data rows read (not the header, not empty lines); a wide table's row counts once per value cell. */
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  emptyLines: number;
  issueCount: number;
  issuesByCode: Record<IssueCode, number>;
  /**
   * Region texts that matched nothing or several units (the questions), most
   * frequent first, with likely units to offer (never applied).
   */
  unmatched: (NameCount & { candidates: string[]; suggestions: Suggestion[] })[];
  /** Region texts and the unit each was read as (decided ones included), for the user to confirm. */
  matched: (NameCount & { code: string })[];
  /** Names of two units that the file's context decided: shown so the user can change them. */
  decisions: NameDecision[];
  /** Names of two or more units the file does not settle: their rows wait for the user's answer. */
  questions: NameQuestion[];
  /** How units whose borders changed were read, year by year. */
  borders: BorderDecision[];
  /** More distinct names than listed. */
  namesNotListed: number;
  /** Text cells (source, note, unit of measure) not kept because the column had too many distinct values. */
  textsDropped: number;
}

export interface ValidationOptions {
  file: string;
  matcher: RegionMatcher;
  /** The dataset's id: every row's source_id. */
  datasetId: string;
  maxIssues?: number;
  /** The year of every row when the file has no year column (typed, or from the file name). */
  fixedYear?: number;
  /** 'current': every year is in today's borders (the user says so); default: the borders of each year. */
  borders?: Borders;
}

const FULL_YEAR_NAMES = new Set(
  [
    'jan-dec', 'january-december', 'year', 'full year', 'annual', '12 months', 'январь-декабрь', 'янв-дек', 'год',
    'за год', '12 месяцев', 'қаңтар-желтоқсан', 'жыл', 'i-xii', 'total', 'итого', 'всего', 'барлығы', 'жиыны',
  ].map((t) => t.replace(/[^\p{L}\p{N}]+/gu, '')),
); // prettier-ignore

/** '' and the usual names of a full year become FULL_YEAR, month names "Jan".."Dec"; other periods stay as written. */
export function normalizePeriod(cell: string): string {
  if (cell === '') return FULL_YEAR;
  let period = periodCache.get(cell);
  if (period === undefined) {
    const t = cell.trim();
    const month = parseMonth(t);
    period =
      t === '' || FULL_YEAR_NAMES.has(t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''))
        ? FULL_YEAR
        : month !== null
          ? monthPeriod(month)
          : t;
    // A file has a handful of periods; a hostile one gets no unbounded cache.
    if (periodCache.size > 10_000) periodCache.clear();
    periodCache.set(cell, period);
  }
  return period;
}
const periodCache = new Map<string, string>();

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** Month names (English, Russian, Kazakh; full, short, in the nominative) → 0..11. */
const MONTH_NAMES = new Map<string, number>(
  [
    ['january', 'jan', 'январь', 'янв', 'қаңтар'],
    ['february', 'feb', 'февраль', 'фев', 'ақпан'],
    ['march', 'mar', 'март', 'мар', 'наурыз'],
    ['april', 'apr', 'апрель', 'апр', 'сәуір'],
    ['may', 'май', 'мамыр'],
    ['june', 'jun', 'июнь', 'июн', 'маусым'],
    ['july', 'jul', 'июль', 'июл', 'шілде'],
    ['august', 'aug', 'август', 'авг', 'тамыз'],
    ['september', 'sep', 'sept', 'сентябрь', 'сен', 'сент', 'қыркүйек'],
    ['october', 'oct', 'октябрь', 'окт', 'қазан'],
    ['november', 'nov', 'ноябрь', 'ноя', 'қараша'],
    ['december', 'dec', 'декабрь', 'дек', 'желтоқсан'],
  ].flatMap((names, month) => names.map((n) => [n, month] as const)),
);

/** The month a header or period cell names (0..11), or null. */
export function parseMonth(text: string): number | null {
  return MONTH_NAMES.get(text.trim().toLowerCase().replace(/\.$/, '')) ?? null;
}

/** The period label of a month, as periods are written in data/ ("Jan"). */
export const monthPeriod = (month: number): string => MONTHS[month]!;

/**
 * Boundary version of a year's figures: the official one of the year, or a
 * later one if the rows use units that exist only since then (Shymkent from
 * 2017, Abai/Jetisu/Ulytau from 2022).
 */
export function geographyFor(year: number, statFroms: Iterable<string | null>): string {
  let latest = year >= 2022 ? '2022-01-01' : year >= 2017 ? '2017-01-01' : '';
  for (const s of statFroms) if (s && s > latest) latest = s;
  return latest >= '2022-01-01' ? 'G20_2022plus' : latest >= '2017-01-01' ? 'G17_2017_2021' : 'G16_pre2017';
}

class Dict {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);
  /** The id of a text, or -1 when the dictionary is full. */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.values.length > MAX_DISTINCT_VALUES) return -1;
      id = this.values.length;
      this.values.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}

/** Typed arrays that double when full. */
class Growable<T extends Uint16Array | Uint32Array | Float64Array> {
  array: T;
  constructor(private readonly make: (n: number) => T) {
    this.array = make(1024);
  }
  set(i: number, v: number) {
    if (i >= this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[i] = v;
  }
  /** An exact-length copy, so the transferred buffer carries no slack. */
  take(length: number): T {
    return this.array.slice(0, length) as T;
  }
}

/** A region cell that waits for an ambiguous name to be decided: -(2 + the name's id). */
const pendingId = (index: number) => -2 - index;
const isPending = (index: number) => index <= -2;

/** Issues, counts and name lists shared by the flow and figure validators. */
class Report {
  readonly issues: ImportIssue[] = [];
  issueCount = 0;
  readonly byCode = Object.fromEntries(ISSUE_CODES.map((c) => [c, 0])) as Record<IssueCode, number>;
  readonly unmatched = new Map<string, { count: number; candidates: string[] }>();
  readonly matched = new Map<string, { count: number; code: string }>();
  /** Ambiguous texts in order of first sight; a pending cell holds pendingId(its index). */
  readonly ambiguous: AmbiguousName[] = [];
  private readonly ambiguousIds = new Map<string, number>();
  namesNotListed = 0;
  textsDropped = 0;
  rowsRead = 0;
  rowsValid = 0;
  emptyLines = 0;
  /** The value column of the cell being read (wide tables); undefined for long rows. */
  column: string | undefined = undefined;
  /** Issues are added out of line order once pending rows are settled. */
  unsorted = false;

  constructor(
    readonly file: string,
    private readonly maxIssues: number,
  ) {}

  /** Reports a missing cell; returns false (the row is not ok). */
  missing(line: number, field: CellField): false {
    this.add(line, 'missing_cell', { field });
    return false;
  }

  add(line: number, code: IssueCode, params: ProblemParams) {
    this.issueCount++;
    this.byCode[code]++;
    if (this.issues.length < this.maxIssues) {
      const issue: ImportIssue = { file: this.file, line, code, params };
      if (this.column !== undefined) issue.column = this.column;
      this.issues.push(issue);
    }
  }

  /** The unit index of a region cell, a pending id for an ambiguous name, or -1 after reporting why not. */
  region(cell: string, field: CellField, line: number, matcher: RegionMatcher, indexOf: Map<string, number>): number {
    const text =
      cell.length > 0 && cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32 ? cell : cell.trim();
    if (text === '') {
      this.add(line, 'missing_cell', { field, empty: true });
      return -1;
    }
    if (text.length > MAX_TEXT_LENGTH) {
      this.add(line, 'too_long', { field, value: text.slice(0, 60), limit: MAX_TEXT_LENGTH });
      return -1;
    }
    const result = matcher.match(text);
    if (result && 'code' in result) {
      const seen = this.matched.get(text);
      if (seen) seen.count++;
      else this.count(this.matched, text, () => ({ count: 0, code: result.code }));
      return indexOf.get(result.code) ?? -1;
    }
    if (result === null && isTotalName(text)) {
      this.add(line, 'total_row', { field, value: text });
      return -1;
    }
    if (result) {
      let id = this.ambiguousIds.get(text);
      if (id === undefined && this.ambiguous.length < MAX_NAMES_LISTED) {
        id = this.ambiguous.length;
        this.ambiguousIds.set(text, id);
        this.ambiguous.push({ text, candidates: result.candidates, split: result.split === true, count: 0 });
      }
      if (id !== undefined) {
        this.ambiguous[id]!.count++;
        return pendingId(id);
      }
      this.namesNotListed++;
      this.add(line, 'ambiguous_region', { field, value: text, candidates: result.candidates });
      return -1;
    }
    this.count(this.unmatched, text, () => ({ count: 0, candidates: [] }));
    this.add(line, 'unknown_region', { field, value: text });
    return -1;
  }

  private count<V extends { count: number }>(map: Map<string, V>, text: string, make: () => V) {
    let entry = map.get(text);
    if (!entry) {
      if (map.size >= MAX_NAMES_LISTED) {
        this.namesNotListed++;
        return;
      }
      map.set(text, (entry = make()));
    }
    entry.count++;
  }

  year(cell: string, line: number): number {
    const text = cell.trim();
    if (text === '') {
      this.add(line, 'missing_cell', { field: 'year', empty: true });
      return -1;
    }
    const year = parseYearCell(text);
    if (year === null) {
      this.add(line, 'not_a_number', { field: 'year', value: text.slice(0, 60) });
      return -1;
    }
    if (year < YEAR_MIN || year > YEAR_MAX) {
      this.add(line, 'year_out_of_range', { year, min: YEAR_MIN, max: YEAR_MAX });
      return -1;
    }
    return year;
  }

  /** Decides the ambiguous names by the file's context (see resolve.ts). */
  resolve(): { decisions: NameDecision[]; questions: NameQuestion[]; codeOf: (string | null)[] } {
    const matched = [...this.matched].map(([text, m]) => ({ text, code: m.code }));
    const { decisions, questions } = resolveNames(this.ambiguous, matched);
    const decided = new Map(decisions.map((d) => [d.text, d.code]));
    for (const d of decisions) this.matched.set(d.text, { count: d.count, code: d.code });
    for (const q of questions) this.unmatched.set(q.text, { count: q.count, candidates: q.candidates });
    return { decisions, questions, codeOf: this.ambiguous.map((a) => decided.get(a.text) ?? null) };
  }

  /** Reports the cell of a pending row whose name stays a question. */
  asked(line: number, field: CellField, index: number) {
    const a = this.ambiguous[-2 - index]!;
    this.add(line, 'ambiguous_region', { field, value: a.text, candidates: a.candidates });
  }

  summary(
    kind: 'flows' | 'figures',
    matcher: RegionMatcher,
    resolved: { decisions: NameDecision[]; questions: NameQuestion[] },
    borders: BorderDecision[],
  ): ImportSummary {
    const byCount = <V extends { count: number }>(map: Map<string, V>) =>
      [...map].map(([text, v]) => ({ text, ...v })).sort((a, b) => b.count - a.count);
    // Suggestions for the most frequent unknown names only: each costs a pass over the known names.
    const unmatched = byCount(this.unmatched).map((u, i) => ({
      ...u,
      suggestions: u.candidates.length === 0 && i < 200 ? suggestUnits(u.text, matcher) : [],
    }));
    if (this.unsorted) this.issues.sort((a, b) => a.line - b.line);
    return {
      file: this.file,
      kind,
      rowsRead: this.rowsRead,
      rowsValid: this.rowsValid,
      rowsInvalid: this.rowsRead - this.rowsValid,
      emptyLines: this.emptyLines,
      issueCount: this.issueCount,
      issuesByCode: { ...this.byCode },
      unmatched,
      matched: byCount(this.matched),
      decisions: resolved.decisions,
      questions: resolved.questions,
      borders,
      namesNotListed: this.namesNotListed,
      textsDropped: this.textsDropped,
    };
  }
}

function isBlank(cells: readonly string[]): boolean {
  const first = cells[0] ?? '';
  // Most rows start with a visible character: decide without trimming.
  if (first.length > 0 && first.charCodeAt(0) > 32 && first.charCodeAt(0) !== 160) return false;
  return cells.every((c) => c.trim() === '');
}
const cellAt = (cells: readonly string[], column: number | undefined) =>
  column === undefined ? undefined : (cells[column] ?? undefined);

export interface FlowValidationResult {
  columns: FlowColumns;
  summary: ImportSummary;
  /** The first maxIssues issues, in line order. */
  issues: ImportIssue[];
}

export interface FigureValidationResult {
  columns: FigureColumns;
  summary: ImportSummary;
  issues: ImportIssue[];
}

/** A row held until its ambiguous name is decided (few: only rows naming such a name). */
interface PendingFlow {
  line: number;
  column: string | undefined;
  o: number;
  d: number;
  year: number;
  count: number;
  period: number;
  periodText: string;
  source: number;
  note: number;
}

/** Geographies and border readings of the years' units (flows and figures alike). */
function geographies(
  unitsByYear: Map<number, Set<number>>,
  matcher: RegionMatcher,
  borders: Borders,
): { geographyByYear: Record<number, string>; decisions: BorderDecision[] } {
  const geographyByYear: Record<number, string> = {};
  const codesByYear = new Map<number, Set<string>>();
  for (const [year, used] of unitsByYear) {
    const codes = new Set([...used].map((u) => matcher.codes[u]!));
    codesByYear.set(year, codes);
    geographyByYear[year] =
      borders === 'current'
        ? 'G20_2022plus'
        : geographyFor(
            year,
            [...codes].map((c) => matcher.unit(c)?.stat_from ?? null),
          );
  }
  return {
    geographyByYear,
    decisions: borderDecisions(codesByYear, geographyByYear, (c) => matcher.unit(c), borders),
  };
}

export class FlowRowValidator {
  private readonly report: Report;
  private readonly matcher: RegionMatcher;
  private readonly unitIndex: Map<string, number>;
  private readonly n: number;
  private readonly fixedYear: number | undefined;
  private readonly borders: Borders;
  private length = 0;
  private readonly year = new Growable((n) => new Uint16Array(n));
  private readonly origin = new Growable((n) => new Uint16Array(n));
  private readonly destination = new Growable((n) => new Uint16Array(n));
  private readonly migrants = new Growable((n) => new Float64Array(n));
  private readonly periodIds = new Growable((n) => new Uint16Array(n));
  private readonly sourceIds = new Growable((n) => new Uint32Array(n));
  private readonly noteIds = new Growable((n) => new Uint32Array(n));
  private readonly periods = new Dict();
  private readonly sources = new Dict();
  private readonly notes = new Dict();
  /** (period, year) -> first line of each origin-destination pair (0: none yet). */
  private readonly firstLines = new Map<number, Int32Array>();
  /** year -> unit indices used, for the geography. */
  private readonly unitsByYear = new Map<number, Set<number>>();
  private readonly pending: PendingFlow[] = [];

  constructor(
    private readonly mapping: FlowMapping,
    options: ValidationOptions,
  ) {
    this.report = new Report(options.file, options.maxIssues ?? DEFAULT_MAX_ISSUES);
    this.matcher = options.matcher;
    this.unitIndex = new Map(this.matcher.codes.map((c, i) => [c, i]));
    this.n = this.matcher.codes.length;
    this.fixedYear = options.fixedYear;
    this.borders = options.borders ?? 'by_year';
  }

  /** One parsed record; line is its first line in the file (header = 1); column: a wide table's value column. */
  push(cells: readonly string[], line: number, column?: string): void {
    const r = this.report;
    if (isBlank(cells)) {
      r.emptyLines++;
      return;
    }
    r.rowsRead++;
    r.column = column;
    const m = this.mapping;
    const originCell = cellAt(cells, m.origin);
    const destinationCell = cellAt(cells, m.destination);
    const yearCell = cellAt(cells, m.year);
    const countCell = cellAt(cells, m.count);
    let ok = true;
    // Plain ifs, no closure: this runs a million times.
    if (originCell === undefined) ok = r.missing(line, 'origin');
    if (destinationCell === undefined) ok = r.missing(line, 'destination');
    if (yearCell === undefined && this.fixedYear === undefined) ok = r.missing(line, 'year');
    if (countCell === undefined) ok = r.missing(line, 'count');
    const o = originCell === undefined ? -1 : r.region(originCell, 'origin', line, this.matcher, this.unitIndex);
    const d =
      destinationCell === undefined ? -1 : r.region(destinationCell, 'destination', line, this.matcher, this.unitIndex);
    if (o === -1 || d === -1) ok = false;
    else if (o === d && o >= 0) {
      r.add(line, 'same_origin_destination', { unit: this.matcher.codes[o] });
      ok = false;
    }
    const year = yearCell === undefined ? (this.fixedYear ?? -1) : r.year(yearCell, line);
    if (year < 0) ok = false;
    const count = countCell === undefined ? null : this.parseCount(countCell, line);
    if (count === null) ok = false;
    const periodText = normalizePeriod(cellAt(cells, m.period) ?? '');
    let period = -1;
    if (periodText.length > MAX_TEXT_LENGTH)
      r.add(line, 'too_long', { field: 'period', value: periodText.slice(0, 60), limit: MAX_TEXT_LENGTH });
    else if ((period = this.periods.id(periodText)) < 0)
      r.add(line, 'too_many_values', { field: 'period', limit: MAX_DISTINCT_VALUES });
    if (period < 0) ok = false;
    if (!ok || count === null) return;
    const source = m.source !== undefined ? this.text(this.sources, cellAt(cells, m.source)) : 0;
    const note = m.note !== undefined ? this.text(this.notes, cellAt(cells, m.note)) : 0;
    if (isPending(o) || isPending(d)) {
      if (this.pending.length < MAX_PENDING_ROWS)
        this.pending.push({ line, column, o, d, year, count, period, periodText, source, note });
      else {
        if (isPending(o)) r.asked(line, 'origin', o);
        if (isPending(d)) r.asked(line, 'destination', d);
      }
      return;
    }
    this.commit(o, d, year, count, period, periodText, source, note, line);
  }

  /** Keeps a valid row unless it duplicates an earlier one. */
  private commit(
    o: number,
    d: number,
    year: number,
    count: number,
    period: number,
    periodText: string,
    source: number,
    note: number,
    line: number,
  ): void {
    const r = this.report;
    // Duplicates are checked among valid rows only: an invalid first row names no line.
    const blockKey = period * (YEAR_MAX - YEAR_MIN + 1) + (year - YEAR_MIN);
    let block = this.firstLines.get(blockKey);
    if (!block) {
      if (this.firstLines.size >= MAX_DUPLICATE_BLOCKS) {
        r.add(line, 'too_many_values', { field: 'period', limit: MAX_DUPLICATE_BLOCKS });
        return;
      }
      this.firstLines.set(blockKey, (block = new Int32Array(this.n * this.n)));
    }
    const pair = o * this.n + d;
    const first = block[pair]!;
    if (first > 0) {
      r.add(line, 'duplicate', {
        firstLine: first,
        year,
        origin: this.matcher.codes[o],
        destination: this.matcher.codes[d],
        ...(periodText === FULL_YEAR ? {} : { period: periodText.slice(0, 60) }),
      });
      return;
    }
    block[pair] = line;

    const i = this.length++;
    this.year.set(i, year);
    this.origin.set(i, o);
    this.destination.set(i, d);
    this.migrants.set(i, count);
    this.periodIds.set(i, period);
    if (this.mapping.source !== undefined) this.sourceIds.set(i, source);
    if (this.mapping.note !== undefined) this.noteIds.set(i, note);
    let used = this.unitsByYear.get(year);
    if (!used) this.unitsByYear.set(year, (used = new Set()));
    used.add(o).add(d);
    r.rowsValid++;
  }

  private text(dict: Dict, cell: string | undefined): number {
    const t = (cell ?? '').trim();
    const id = t.length > MAX_TEXT_LENGTH * 5 ? -1 : dict.id(t);
    if (id < 0) this.report.textsDropped++;
    return Math.max(id, 0);
  }

  private parseCount(cell: string, line: number): number | null {
    const text = cell.trim();
    const r = this.report;
    if (text === '') {
      r.add(line, 'missing_cell', { field: 'count', empty: true });
      return null;
    }
    const n = parseNumberCell(text);
    if (n === null || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
      r.add(line, 'not_a_number', { field: 'count', value: text.slice(0, 60) });
      return null;
    }
    if (n < 0) {
      r.add(line, 'negative_count', { field: 'count', value: text.slice(0, 60) });
      return null;
    }
    if (!Number.isInteger(n)) {
      r.add(line, 'decimal_count', {
        field: 'count',
        value: text.slice(0, 60),
        thousands: /^\d{1,3},\d{3}$/.test(text),
      });
      return null;
    }
    return n;
  }

  /** Reports a problem the caller found (a wide table's totals); the row's validity is unchanged. */
  addIssue(line: number, code: IssueCode, params: ProblemParams, column?: string): void {
    this.report.column = column;
    this.report.add(line, code, params);
  }

  /** A record the parser could not read (malformed quotes): counted as read and invalid. */
  rejectRow(line: number, reason: string): void {
    this.report.rowsRead++;
    this.report.column = undefined;
    this.report.add(line, 'parse_error', { reason });
  }

  /** The file cannot be read to its end: keep the issues, drop every row. */
  abandon(line: number, params: ProblemParams): void {
    this.report.column = undefined;
    this.report.add(line, 'parse_error', params);
    this.length = 0;
    this.report.rowsValid = 0;
    this.pending.length = 0;
  }

  finish(): FlowValidationResult {
    const r = this.report;
    const resolved = r.resolve();
    // Pending rows: decided names are committed (duplicates checked as for any row), questions reported.
    for (const p of this.pending) {
      const o = isPending(p.o) ? (resolved.codeOf[-2 - p.o] ?? null) : this.matcher.codes[p.o]!;
      const d = isPending(p.d) ? (resolved.codeOf[-2 - p.d] ?? null) : this.matcher.codes[p.d]!;
      r.column = p.column;
      r.unsorted = true;
      if (o === null) r.asked(p.line, 'origin', p.o);
      if (d === null) r.asked(p.line, 'destination', p.d);
      if (o === null || d === null) continue;
      if (o === d) r.add(p.line, 'same_origin_destination', { unit: o });
      else
        this.commit(
          this.unitIndex.get(o)!,
          this.unitIndex.get(d)!,
          p.year,
          p.count,
          p.period,
          p.periodText,
          p.source,
          p.note,
          p.line,
        );
    }
    const n = this.length;
    const { geographyByYear, decisions } =
      n > 0 ? geographies(this.unitsByYear, this.matcher, this.borders) : { geographyByYear: {}, decisions: [] };
    const columns: FlowColumns = {
      kind: 'flows',
      length: n,
      unitCodes: [...this.matcher.codes],
      year: this.year.take(n),
      origin: this.origin.take(n),
      destination: this.destination.take(n),
      migrants: this.migrants.take(n),
      period: { values: this.periods.values, index: this.periods.values.length > 1 ? this.periodIds.take(n) : null },
      source: { values: this.sources.values, index: this.mapping.source !== undefined ? this.sourceIds.take(n) : null },
      note: { values: this.notes.values, index: this.mapping.note !== undefined ? this.noteIds.take(n) : null },
      geographyByYear,
    };
    return { columns, summary: r.summary('flows', this.matcher, resolved, decisions), issues: r.issues };
  }
}

export interface FigureValidationOptions extends ValidationOptions {
  /** Measure name when the file has no measure column (the UI offers the value column's header). */
  defaultMeasure: string;
}

interface PendingFigure {
  line: number;
  column: string | undefined;
  u: number;
  year: number;
  value: number;
  measure: number;
  measureText: string;
  period: number;
  periodText: string;
  uom: number;
}

export class FigureRowValidator {
  private readonly report: Report;
  private readonly matcher: RegionMatcher;
  private readonly unitIndex: Map<string, number>;
  private readonly fixedYear: number | undefined;
  private readonly borders: Borders;
  private length = 0;
  private readonly unit = new Growable((n) => new Uint16Array(n));
  private readonly year = new Growable((n) => new Uint16Array(n));
  private readonly value = new Growable((n) => new Float64Array(n));
  private readonly measureIds = new Growable((n) => new Uint32Array(n));
  private readonly uomIds = new Growable((n) => new Uint32Array(n));
  private readonly periodIds = new Growable((n) => new Uint16Array(n));
  private readonly measures = new Dict();
  private readonly uoms = new Dict();
  private readonly periods = new Dict();
  /** (measure, period) -> first line of each (year, unit). */
  private readonly firstLines = new Map<number, Int32Array>();
  private readonly unitsByYear = new Map<number, Set<number>>();
  private readonly pending: PendingFigure[] = [];

  constructor(
    private readonly mapping: FigureMapping,
    private readonly options: FigureValidationOptions,
  ) {
    this.report = new Report(options.file, options.maxIssues ?? DEFAULT_MAX_ISSUES);
    this.matcher = options.matcher;
    this.unitIndex = new Map(this.matcher.codes.map((c, i) => [c, i]));
    this.fixedYear = options.fixedYear;
    this.borders = options.borders ?? 'by_year';
  }

  push(cells: readonly string[], line: number, column?: string): void {
    const r = this.report;
    if (isBlank(cells)) {
      r.emptyLines++;
      return;
    }
    r.rowsRead++;
    r.column = column;
    const m = this.mapping;
    const regionCell = cellAt(cells, m.region);
    const yearCell = cellAt(cells, m.year);
    const valueCell = cellAt(cells, m.value);
    let ok = true;
    if (regionCell === undefined) ok = r.missing(line, 'region');
    if (yearCell === undefined && this.fixedYear === undefined) ok = r.missing(line, 'year');
    if (valueCell === undefined) ok = r.missing(line, 'value');
    const u = regionCell === undefined ? -1 : r.region(regionCell, 'region', line, this.matcher, this.unitIndex);
    if (u === -1) ok = false;
    const year = yearCell === undefined ? (this.fixedYear ?? -1) : r.year(yearCell, line);
    if (year < 0) ok = false;
    let value: number | null = null;
    if (valueCell !== undefined) {
      const text = valueCell.trim();
      if (text === '') r.add(line, 'missing_cell', { field: 'value', empty: true });
      else if ((value = parseNumberCell(text)) === null)
        r.add(line, 'not_a_number', { field: 'value', value: text.slice(0, 60) });
    }
    if (value === null) ok = false;
    const measureText =
      (m.measure !== undefined ? (cellAt(cells, m.measure) ?? '').trim() : '') || this.options.defaultMeasure;
    let measure = -1;
    if (measureText.length > MAX_TEXT_LENGTH)
      r.add(line, 'too_long', { field: 'measure', value: measureText.slice(0, 60), limit: MAX_TEXT_LENGTH });
    else if ((measure = this.measures.id(measureText)) < 0)
      r.add(line, 'too_many_values', { field: 'measure', limit: MAX_DISTINCT_VALUES });
    if (measure < 0) ok = false;
    const periodText = normalizePeriod(cellAt(cells, m.period) ?? '');
    let period = -1;
    if (periodText.length > MAX_TEXT_LENGTH)
      r.add(line, 'too_long', { field: 'period', value: periodText.slice(0, 60), limit: MAX_TEXT_LENGTH });
    else if ((period = this.periods.id(periodText)) < 0)
      r.add(line, 'too_many_values', { field: 'period', limit: MAX_DISTINCT_VALUES });
    if (period < 0) ok = false;
    if (!ok || value === null) return;
    let uom = 0;
    if (m.unit !== undefined) {
      const t = (cellAt(cells, m.unit) ?? '').trim();
      const id = t.length > MAX_TEXT_LENGTH ? -1 : this.uoms.id(t);
      if (id < 0) r.textsDropped++;
      uom = Math.max(id, 0);
    }
    if (isPending(u)) {
      if (this.pending.length < MAX_PENDING_ROWS)
        this.pending.push({ line, column, u, year, value, measure, measureText, period, periodText, uom });
      else r.asked(line, 'region', u);
      return;
    }
    this.commit(u, year, value, measure, measureText, period, periodText, uom, line);
  }

  private commit(
    u: number,
    year: number,
    value: number,
    measure: number,
    measureText: string,
    period: number,
    periodText: string,
    uom: number,
    line: number,
  ): void {
    const r = this.report;
    const n = this.matcher.codes.length;
    const blockKey = measure * 65_536 + period;
    let block = this.firstLines.get(blockKey);
    if (!block) {
      if (this.firstLines.size >= MAX_DUPLICATE_BLOCKS) {
        r.add(line, 'too_many_values', { field: 'measure', limit: MAX_DUPLICATE_BLOCKS });
        return;
      }
      this.firstLines.set(blockKey, (block = new Int32Array((YEAR_MAX - YEAR_MIN + 1) * n)));
    }
    const key = (year - YEAR_MIN) * n + u;
    const first = block[key]!;
    if (first > 0) {
      r.add(line, 'duplicate', {
        firstLine: first,
        year,
        unit: this.matcher.codes[u],
        measure: measureText.slice(0, 60),
        ...(periodText === FULL_YEAR ? {} : { period: periodText.slice(0, 60) }),
      });
      return;
    }
    block[key] = line;
    const i = this.length++;
    this.unit.set(i, u);
    this.year.set(i, year);
    this.value.set(i, value);
    this.measureIds.set(i, measure);
    this.periodIds.set(i, period);
    if (this.mapping.unit !== undefined) this.uomIds.set(i, uom);
    let used = this.unitsByYear.get(year);
    if (!used) this.unitsByYear.set(year, (used = new Set()));
    used.add(u);
    r.rowsValid++;
  }

  /** Reports a problem the caller found (a wide table's checks); the row's validity is unchanged. */
  addIssue(line: number, code: IssueCode, params: ProblemParams, column?: string): void {
    this.report.column = column;
    this.report.add(line, code, params);
  }

  /** A record the parser could not read (malformed quotes): counted as read and invalid. */
  rejectRow(line: number, reason: string): void {
    this.report.rowsRead++;
    this.report.column = undefined;
    this.report.add(line, 'parse_error', { reason });
  }

  /** The file cannot be read to its end: keep the issues, drop every row. */
  abandon(line: number, params: ProblemParams): void {
    this.report.column = undefined;
    this.report.add(line, 'parse_error', params);
    this.length = 0;
    this.report.rowsValid = 0;
    this.pending.length = 0;
  }

  finish(): FigureValidationResult {
    const r = this.report;
    const resolved = r.resolve();
    for (const p of this.pending) {
      const code = resolved.codeOf[-2 - p.u] ?? null;
      r.column = p.column;
      r.unsorted = true;
      if (code === null) r.asked(p.line, 'region', p.u);
      else
        this.commit(
          this.unitIndex.get(code)!,
          p.year,
          p.value,
          p.measure,
          p.measureText,
          p.period,
          p.periodText,
          p.uom,
          p.line,
        );
    }
    const n = this.length;
    const { geographyByYear, decisions } =
      n > 0 ? geographies(this.unitsByYear, this.matcher, this.borders) : { geographyByYear: {}, decisions: [] };
    const columns: FigureColumns = {
      kind: 'figures',
      length: n,
      unitCodes: [...this.matcher.codes],
      unit: this.unit.take(n),
      year: this.year.take(n),
      value: this.value.take(n),
      measure: { values: this.measures.values, index: this.measureIds.take(n) },
      unitOfMeasure: { values: this.uoms.values, index: this.mapping.unit !== undefined ? this.uomIds.take(n) : null },
      period: { values: this.periods.values, index: this.periods.values.length > 1 ? this.periodIds.take(n) : null },
      geographyByYear,
    };
    return { columns, summary: r.summary('figures', this.matcher, resolved, decisions), issues: r.issues };
  }
}

const dictAt = (dict: DictColumn, i: number) => (dict.index ? (dict.values[dict.index[i]!] ?? '') : '');

/** Tidy rows of flow columns (for export, small tables and tests). */
export function flowRows(columns: FlowColumns, sourceId: string): FlowImportRow[] {
  const rows: FlowImportRow[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const year = columns.year[i]!;
    rows[i] = {
      year,
      origin_code: columns.unitCodes[columns.origin[i]!]!,
      destination_code: columns.unitCodes[columns.destination[i]!]!,
      migrants: columns.migrants[i]!,
      period: columns.period.index ? dictAt(columns.period, i) : FULL_YEAR,
      geography: columns.geographyByYear[year] ?? geographyFor(year, []),
      source_id: sourceId,
      quality_flag: USER_IMPORT_FLAG,
    };
  }
  return rows;
}

export function figureRows(columns: FigureColumns, sourceId: string): FigureImportRow[] {
  const rows: FigureImportRow[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++)
    rows[i] = {
      unit_code: columns.unitCodes[columns.unit[i]!]!,
      year: columns.year[i]!,
      measure: dictAt(columns.measure, i),
      value: columns.value[i]!,
      source_id: sourceId,
      unit_of_measure: dictAt(columns.unitOfMeasure, i),
    };
  return rows;
}

/** Why a tidy flow row is not valid (a code), or null: the check every returned row passes. */
export function checkFlowRow(row: FlowImportRow, unitCodes: ReadonlySet<string>): string | null {
  if (!unitCodes.has(row.origin_code)) return 'unknown_origin';
  if (!unitCodes.has(row.destination_code)) return 'unknown_destination';
  if (row.origin_code === row.destination_code) return 'same_origin_destination';
  if (!Number.isInteger(row.year) || row.year < YEAR_MIN || row.year > YEAR_MAX) return 'bad_year';
  if (!Number.isSafeInteger(row.migrants) || row.migrants < 0) return 'bad_count';
  if (!row.period || row.period.length > MAX_TEXT_LENGTH) return 'bad_period';
  if (!row.source_id || row.quality_flag !== USER_IMPORT_FLAG) return 'bad_source_or_flag';
  if (!['G16_pre2017', 'G17_2017_2021', 'G20_2022plus'].includes(row.geography)) return 'bad_geography';
  return null;
}

export function checkFigureRow(row: FigureImportRow, unitCodes: ReadonlySet<string>): string | null {
  if (!unitCodes.has(row.unit_code)) return 'unknown_unit';
  if (!Number.isInteger(row.year) || row.year < YEAR_MIN || row.year > YEAR_MAX) return 'bad_year';
  if (!Number.isFinite(row.value)) return 'bad_value';
  if (!row.measure || row.measure.length > MAX_TEXT_LENGTH) return 'bad_measure';
  if (!row.source_id) return 'no_source';
  return null;
}

/** Validates rows given as arrays of cells; row i is on line i + 2 (after the header) unless lines are given. */
export function validateFlowRows(
  rows: readonly (readonly string[])[],
  mapping: FlowMapping,
  options: ValidationOptions,
  lines?: readonly number[],
): FlowValidationResult & { rows: FlowImportRow[] } {
  const v = new FlowRowValidator(mapping, options);
  rows.forEach((cells, i) => v.push(cells, lines?.[i] ?? i + 2));
  const result = v.finish();
  return { ...result, rows: flowRows(result.columns, options.datasetId) };
}

export function validateFigureRows(
  rows: readonly (readonly string[])[],
  mapping: FigureMapping,
  options: FigureValidationOptions,
  lines?: readonly number[],
): FigureValidationResult & { rows: FigureImportRow[] } {
  const v = new FigureRowValidator(mapping, options);
  rows.forEach((cells, i) => v.push(cells, lines?.[i] ?? i + 2));
  const result = v.finish();
  return { ...result, rows: figureRows(result.columns, options.datasetId) };
}
