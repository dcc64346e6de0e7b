/**
 * What the flow and the figure validators share: the report, the region
 * matcher, the year and borders given for the whole file, the rows kept, the
 * rows waiting for an ambiguous name, and the problems a caller reports.
 */
import type { RegionMatcher } from './region-matcher';
import type { Borders } from './resolve';
import type { IssueCode, ProblemParams } from './problems';
import { DEFAULT_MAX_ISSUES, Report, type ValidationOptions } from './validation-report';

export abstract class RowValidator<Pending> {
  protected readonly report: Report;
  protected readonly matcher: RegionMatcher;
  protected readonly unitIndex: Map<string, number>;
  protected readonly fixedYear: number | undefined;
  protected readonly borders: Borders;
  /** Rows kept so far. */
  protected length = 0;
  protected readonly pending: Pending[] = [];

  protected constructor(options: ValidationOptions) {
    this.report = new Report(options.file, options.maxIssues ?? DEFAULT_MAX_ISSUES);
    this.matcher = options.matcher;
    this.unitIndex = new Map(this.matcher.codes.map((c, i) => [c, i]));
    this.fixedYear = options.fixedYear;
    this.borders = options.borders ?? 'by_year';
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
}
