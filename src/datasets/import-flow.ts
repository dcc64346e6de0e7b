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
import { formatBoundaryIssue, formatImportIssue, formatImportProblem } from '../i18n/import-messages';
import type { BoundaryIssue } from '../import/boundaries';
import type { ImportIssue } from '../import/problems';
import type { Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { ImportDialog, type MappingChoice } from '../ui/import-dialog';
import type { NoticeArea } from '../ui/notice';
import { datasetFromBoundaries, datasetFromImport, newDatasetId, type NewDataset } from './dataset-store';

const BOUNDARY_FILE = /\.(geo|topo)?json$/i;

/** A problem of a file, as the summary lists it: file, line and reason. */
export interface ImportHost {
  /** The user's own mappings of names to units. */
  manual(): Record<string, string>;
  /** Keeps more mappings (merged into the others). */
  remember(manual: Record<string, string>): void;
  /** Stores and shows an imported dataset. */
  save(dataset: NewDataset): Promise<void>;
}

export class ImportFlow {
  readonly dialog: ImportDialog;
  private task: ImportTask<unknown> | null = null;

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
    if (BOUNDARY_FILE.test(file.name)) return this.importBoundaries(file);
    const preview = previewFile(file);
    this.task = preview;
    try {
      const p = await preview.result;
      this.dialog.showMapping(p, this.t, (choice) => void this.readTable(file, choice));
    } catch (error) {
      this.fail(error);
    }
  }

  private async readTable(file: File, choice: MappingChoice): Promise<void> {
    const datasetId = newDatasetId();
    const task = importTableFile(
      file,
      {
        kind: choice.kind,
        mapping: choice.mapping,
        units: toMatchableUnits(this.base.model.unitList),
        manual: this.host.manual(),
        datasetId,
        fileName: file.name,
        measure: choice.kind === 'figures' ? choice.measureName : undefined,
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
    this.dialog.showSummary(
      {
        file: file.name,
        rowsRead: result.summary.rowsRead,
        rowsValid: result.summary.rowsValid,
        issueCount: result.summary.issueCount,
        issues: result.issues.map((i) => this.issueLine(i)),
        unmatched: result.summary.unmatched,
        fatal: result.fatalProblem
          ? formatImportProblem(result.fatalProblem, this.app.get().lang, this.unitName)
          : null,
        units: this.unitChoices(),
      },
      this.t,
      {
        importValid: () => {
          const dataset = datasetFromImport(result, { name: file.name });
          if (dataset.payload.kind === 'figures') dataset.payload.additive = choice.additive;
          this.save(dataset);
        },
        remap: (manual) => {
          this.host.remember(manual);
          void this.readTable(file, choice);
        },
        cancel: () => this.dialog.dialog.close(),
      },
    );
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
        unmatched: joined.unmatched,
        fatal: null,
        units: this.unitChoices(),
      },
      this.t,
      {
        importValid: () =>
          this.save(
            datasetFromBoundaries(joined.collection, joined.featuresRead, {
              id: newDatasetId(),
              name: file.name,
              fileName: file.name,
            }),
          ),
        remap: (manual) => {
          this.host.remember(manual);
          void this.joinBoundaries(file, property);
        },
        cancel: () => this.dialog.dialog.close(),
      },
    );
  }

  private save(dataset: NewDataset): void {
    this.dialog.dialog.close();
    void this.host.save(dataset);
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
