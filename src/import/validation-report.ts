/**
 * What the flow and figure validators share: the issues (file, line, code),
 * their counts, the lists of matched, unmatched and ambiguous names, the
 * decisions about names of two units (resolve.ts), the suggestions for
 * unknown names, and the geography of each year's rows.
 */
import { YEAR_MAX, YEAR_MIN } from '../core/csv';
import { parseYearCell } from './cells';
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
import { MAX_TEXT_LENGTH } from './row-columns';
import { suggestUnits, type Suggestion } from './suggest';

/** Issues kept in full; the rest are only counted. */
export const DEFAULT_MAX_ISSUES = 1_000;
/** Distinct names kept for the unmatched and matched lists (hostile files may have a million). */
const MAX_NAMES_LISTED = 1_000;
/** Rows waiting for an ambiguous name to be decided (beyond this they are asked about at once). */
export const MAX_PENDING_ROWS = 200_000;

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

/** A region cell that waits for an ambiguous name to be decided: -(2 + the name's id). */
export const pendingId = (index: number) => -2 - index;
export const isPending = (index: number) => index <= -2;

/** Issues, counts and name lists shared by the flow and figure validators. */
export class Report {
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

export function isBlank(cells: readonly string[]): boolean {
  const first = cells[0] ?? '';
  // Most rows start with a visible character: decide without trimming.
  if (first.length > 0 && first.charCodeAt(0) > 32 && first.charCodeAt(0) !== 160) return false;
  return cells.every((c) => c.trim() === '');
}
export const cellAt = (cells: readonly string[], column: number | undefined) =>
  column === undefined ? undefined : (cells[column] ?? undefined);

/** Geographies and border readings of the years' units (flows and figures alike). */
export function geographies(
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
