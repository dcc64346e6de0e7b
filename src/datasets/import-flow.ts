/**
 * The import dialog's flow: a file is previewed (its columns guessed), read
 * in the worker with progress and cancel, summarised with every problem
 * named, names mapped by hand if needed, and only then stored and shown.
 * A failed or cancelled import changes nothing.
 */
import type { Dataset } from '../core/load';
import type { JoinedBoundaries } from '../import/boundaries';
import {
  FileTooLargeError,
  ImportProblemError,
  importBoundaryFile,
  importTableFile,
  previewFile,
  type ImportTask,
} from '../import/import-client';
import type { TableImportResult } from '../import/import-core';
import { toMatchableUnits } from '../import/region-matcher';
import { placeName } from '../i18n/names';
import {
  formatBoundaryIssue,
  formatBorderDecision,
  formatImportIssue,
  formatImportProblem,
  formatNameDecision,
  formatNameQuestion,
  formatSuggestion,
  importUiText,
} from '../i18n/import-messages';
import type { BoundaryIssue } from '../import/boundaries';
import type { ImportIssue } from '../import/problems';
import type { Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { ImportDialog, type MappingChoice, type PreviewChange, type SummaryView } from '../ui/import-dialog';
import type { NoticeArea } from '../ui/notice';
import { datasetsByMeasure } from './figure-measures';
import { datasetFromBoundaries, datasetFromImport, newDatasetId, type NewDataset } from './dataset-store';

const BOUNDARY_FILE = /\.(geo|topo)?json$/i;

/** A problem of a file, as the summary lists it: file, line and reason. */
export interface ImportHost {
  /** The user's own mappings of names to units. */
  manual(): Record<string, string>;
  /** Keeps more mappings (merged into the others). */
  remember(manual: Record<string, string>): void;
  /** Stores imported datasets and shows the first. */
  save(datasets: NewDataset[]): Promise<void>;
}

export class ImportFlow {
  readonly dialog: ImportDialog;
  private task: ImportTask<unknown> | null = null;
  /** Answers for the file being imported only (questions, changed decisions): never remembered. */
  private fileManual: Record<string, string> = {};

  constructor(
    private readonly app: AppStore,
    private readonly base: Dataset,
    private readonly notices: NoticeArea,
    private readonly host: ImportHost,
  ) {
    this.dialog = new ImportDialog(() => this.cancelTask());
  }

  importFile(file: File): void {
    void this.start(file);
  }

  private get t(): Translator {
    return translatorOf(this.app.get());
  }

  private async start(file: File): Promise<void> {
    this.cancelTask();
    this.fileManual = {};
    if (BOUNDARY_FILE.test(file.name)) return this.importBoundaries(file);
    await this.showPreview(file, {});
  }

  /** Asks the worker for the start of the table (again, for another sheet, header row or layout). */
  private async showPreview(file: File, change: PreviewChange, kept?: Partial<MappingChoice>): Promise<void> {
    const preview = previewFile(file, {}, 20, {
      ...change,
      units: toMatchableUnits(this.base.model.unitList),
      manual: this.manual(),
    });
    this.task = preview;
    try {
      const p = await preview.result;
      this.task = null;
      this.dialog.showMapping(
        p,
        this.t,
        this.app.get().lang,
        {
          read: (choice) => void this.readTable(file, choice),
          preview: (next, keep) => void this.showPreview(file, next, keep),
        },
        kept,
      );
    } catch (error) {
      this.fail(error);
    }
  }

  /** The user's remembered mappings with this file's own answers over them. */
  private manual(): Record<string, string> {
    return { ...this.host.manual(), ...this.fileManual };
  }

  private async readTable(file: File, choice: MappingChoice): Promise<void> {
    const datasetId = newDatasetId();
    const task = importTableFile(
      file,
      {
        kind: choice.kind,
        mapping: choice.mapping,
        units: toMatchableUnits(this.base.model.unitList),
        manual: this.manual(),
        datasetId,
        fileName: file.name,
        measure: choice.kind === 'figures' ? choice.measureName : undefined,
        layout: choice.layout,
        ...(choice.year !== undefined ? { year: choice.year } : {}),
        borders: choice.borders,
        ...(choice.sheet !== undefined ? { sheet: choice.sheet } : {}),
        headerRow: choice.headerRow,
      },
      { onProgress: (p) => update(p) },
    );
    this.task = task;
    const update = this.dialog.showProgress(file.name, this.t, () => this.cancelTask());
    let result: TableImportResult;
    try {
      result = await task.result;
    } catch (error) {
      this.fail(error);
      return;
    }
    this.task = null;
    this.dialog.showSummary(this.tableSummary(file.name, result), this.t, this.app.get().lang, {
      importValid: () => {
        const dataset = datasetFromImport(result, { name: file.name });
        if (dataset.payload.kind === 'figures') dataset.payload.additive = choice.additive;
        this.save(...datasetsByMeasure(dataset));
      },
      remap: ({ file: answers, remember }) => {
        this.host.remember(remember);
        Object.assign(this.fileManual, answers);
        void this.readTable(file, choice);
      },
      back: () =>
        void this.showPreview(
          file,
          { sheet: choice.sheet, headerRow: choice.headerRow, layout: choice.layout?.kind ?? 'long' },
          choice,
        ),
      cancel: () => this.dialog.dialog.close(),
    });
  }

  /** The summary's texts in the interface's language. */
  private tableSummary(file: string, result: TableImportResult): SummaryView {
    const lang = this.app.get().lang;
    const { summary } = result;
    const questions = new Map(summary.questions.map((q) => [q.text, q]));
    const ui = (key: Parameters<typeof importUiText>[0]) => importUiText(key, lang);
    const notes = [
      ...result.notes.map((n) => `${n.line}: ${n.text}`),
      ...(result.gaps > 0 ? [`${ui('gaps')}: ${result.gaps.toLocaleString()}`] : []),
    ];
    return {
      file,
      rowsRead: summary.rowsRead,
      rowsValid: summary.rowsValid,
      issueCount: summary.issueCount,
      issues: result.issues.map((i) => this.issueLine(i)),
      unmatched: summary.unmatched.map((u) => {
        const q = questions.get(u.text);
        return {
          text: u.text,
          count: u.count,
          candidates: u.candidates,
          question: q ? formatNameQuestion(q, lang, this.unitName) : null,
          suggestions: u.suggestions.map((s) => ({
            code: s.code,
            text: formatSuggestion(u.text, s, lang, this.unitName),
          })),
        };
      }),
      decisions: summary.decisions.map((d) => ({
        text: d.text,
        sentence: formatNameDecision(d, lang, this.unitName),
        code: d.code,
        alternatives: d.alternatives,
      })),
      borders: summary.borders.map((b) => formatBorderDecision(b, lang, this.unitName)),
      notes,
      fatal: result.fatalProblem ? formatImportProblem(result.fatalProblem, lang, this.unitName) : null,
      units: this.unitChoices(),
    };
  }

  private async importBoundaries(file: File): Promise<void> {
    const units = toMatchableUnits(this.base.model.unitList);
    const first = importBoundaryFile(file, { fileName: file.name, units, manual: this.host.manual() });
    this.task = first;
    try {
      const { parsed } = await first.result;
      this.task = null;
      this.dialog.showBoundaryChoice(
        {
          file: file.name,
          features: parsed.features.length,
          candidates: parsed.candidates,
          issues: parsed.issues.map((i) => this.boundaryLine(i)),
        },
        this.t,
        (property) => void this.joinBoundaries(file, property),
      );
    } catch (error) {
      this.fail(error);
    }
  }

  private async joinBoundaries(file: File, property: string): Promise<void> {
    const task = importBoundaryFile(file, {
      fileName: file.name,
      units: toMatchableUnits(this.base.model.unitList),
      manual: this.host.manual(),
      joinProperty: property,
    });
    this.task = task;
    let joined: JoinedBoundaries | null;
    try {
      joined = (await task.result).joined;
    } catch (error) {
      this.fail(error);
      return;
    }
    this.task = null;
    if (!joined) return;
    this.dialog.showSummary(
      {
        file: file.name,
        rowsRead: joined.featuresRead,
        rowsValid: joined.collection.features.length,
        issueCount: joined.issues.length,
        issues: joined.issues.map((i) => this.boundaryLine(i)),
        unmatched: joined.unmatched.map((u) => ({ ...u, question: null, suggestions: [] })),
        decisions: [],
        borders: [],
        notes: [],
        fatal: null,
        units: this.unitChoices(),
      },
      this.t,
      this.app.get().lang,
      {
        importValid: () =>
          this.save(
            datasetFromBoundaries(joined.collection, joined.featuresRead, {
              id: newDatasetId(),
              name: file.name,
              fileName: file.name,
            }),
          ),
        remap: ({ file: answers, remember }) => {
          this.host.remember({ ...remember, ...answers });
          void this.joinBoundaries(file, property);
        },
        cancel: () => this.dialog.dialog.close(),
      },
    );
  }

  private save(...datasets: NewDataset[]): void {
    this.dialog.dialog.close();
    void this.host.save(datasets);
  }

  private unitChoices(): { code: string; name: string }[] {
    const { lang } = this.app.get();
    return this.base.model.unitList.map((u) => ({
      code: u.unit_code,
      name: placeName(this.base.model, u.unit_code, lang),
    }));
  }

  private cancelTask(): void {
    this.task?.cancel();
    this.task = null;
  }

  /** Says what went wrong; nothing was stored or shown. */
  /** A place's name in the interface's language, for the problems that name units. */
  private readonly unitName = (code: string): string => placeName(this.base.model, code, this.app.get().lang);

  /** A row's problem in the interface's language, with file and line. */
  private issueLine(issue: ImportIssue): string {
    return formatImportIssue(issue, this.app.get().lang, this.unitName);
  }

  private boundaryLine(issue: BoundaryIssue): string {
    return `${issue.file}:${issue.line}: ${formatBoundaryIssue(issue, this.app.get().lang, this.unitName)}`;
  }

  private fail(error: unknown): void {
    const t = this.t;
    this.task = null;
    const e = error as Error;
    if (e?.name === 'AbortError') {
      this.dialog.dialog.close();
      this.notices.show(t('import.cancelled'), t('notice.dismiss'));
    } else if (error instanceof FileTooLargeError) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
      this.dialog.showError(t('import.tooLarge', { size: mb(error.size), limit: mb(error.limit) }), t);
    } else if (error instanceof ImportProblemError)
      this.dialog.showError(formatImportProblem(error.problem, this.app.get().lang, this.unitName), t);
    else this.dialog.showError(e?.message ?? String(error), t);
  }
}
