/**
 * Bring your own data: the dataset store (IndexedDB, or memory when the
 * browser refuses), the import flow (worker, mapping, progress, summary,
 * manual region mapping) and switching the map between the built-in data and
 * an imported dataset. A failed or cancelled import changes nothing.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { Dataset } from '../core/load';
import { MeasureTable } from '../core/measures';
import { buildModel, type Lang, type Model } from '../core/model';
import type { Tables } from '../core/tables';
import type { JoinedBoundaries } from '../import/boundaries';
import {
  FileTooLargeError,
  importBoundaryFile,
  importTableFile,
  previewFile,
  type ImportTask,
} from '../import/import-client';
import type { TableImportResult } from '../import/import-core';
import { toMatchableUnits } from '../import/region-matcher';
import { customFiguresFromColumns, flowRowsFromColumns } from '../import/to-model';
import type { MessageKey } from '../i18n';
import { placeName } from '../i18n/names';
import type { RegionProps } from '../render/layers';
import { download } from '../render/export';
import {
  createMemoryDatasetStore,
  datasetFromBoundaries,
  datasetFromImport,
  exportDataset,
  newDatasetId,
  openDatasetStore,
  QuotaExceededError,
  type DatasetMeta,
  type DatasetStore,
  type NewDataset,
  type StoredDataset,
} from './dataset-store';
import { DataPanel } from '../ui/data-panel';
import { ImportDialog, type MappingChoice } from '../ui/import-dialog';
import type { NoticeArea } from '../ui/notice';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
export type Regions = FeatureCollection<Geometry, RegionProps>;

export interface DataHost {
  readonly notices: NoticeArea;
  readonly state: { dataset: string | null; lang: Lang };
  t: T;
  /** Shows a dataset (null: the built-in data). */
  showDataset(id: string | null, dataset: Dataset, regions: Regions): void;
}

const TABLE_SETTINGS = 'manualRegions';
const BOUNDARY_FILE = /\.(geo|topo)?json$/i;

export class DataManager {
  readonly panel: DataPanel;
  readonly dialog: ImportDialog;
  private store: DatasetStore = createMemoryDatasetStore();
  private persistent = true;
  private items: DatasetMeta[] = [];
  /** Datasets held in memory (just imported, or not saved because storage refused). */
  private readonly memory = new Map<string, NewDataset>();
  private manual: Record<string, string> = {};
  private task: ImportTask<unknown> | null = null;

  constructor(
    private readonly host: DataHost,
    private readonly base: Dataset,
    private readonly baseRegions: Regions,
  ) {
    this.panel = new DataPanel({
      choose: (id) => void this.choose(id),
      importFile: (file) => void this.importFile(file),
      rename: (id, name) => void this.rename(id, name),
      remove: (id) => void this.remove(id),
      exportCsv: (id) => void this.exportCsv(id),
    });
    this.dialog = new ImportDialog(() => this.cancelTask());
  }

  /** Opens the store (or says why it cannot) and shows the dataset the URL names. */
  async start(): Promise<void> {
    try {
      this.store = await openDatasetStore();
    } catch {
      this.persistent = false;
      this.store = createMemoryDatasetStore();
    }
    this.manual = (await this.store.getSetting<Record<string, string>>(TABLE_SETTINGS).catch(() => undefined)) ?? {};
    await this.refresh();
    const wanted = this.host.state.dataset;
    if (wanted) {
      const found = await this.load(wanted);
      if (found) this.activate(found);
      else {
        this.host.notices.show(this.host.t('data.missing', { id: wanted }), this.host.t('notice.dismiss'), 'warning');
        this.host.showDataset(null, this.base, this.baseRegions);
      }
    }
  }

  /** The user's view settings kept across browser restarts (null when none or unavailable). */
  async savedSettings<V>(): Promise<V | undefined> {
    return this.store.getSetting<V>('view').catch(() => undefined);
  }

  saveSettings(view: unknown): void {
    void this.store.putSetting('view', view).catch(() => undefined);
  }

  render(): void {
    this.panel.render(
      this.items.map((d) => ({ id: d.id, name: d.name, kind: d.kind, rowCount: d.rowCount, created: d.created })),
      this.host.state.dataset,
      this.persistent,
      this.host.t,
    );
  }

  private async refresh(): Promise<void> {
    const stored = await this.store.list().catch(() => [] as DatasetMeta[]);
    const unsaved = [...this.memory.values()].filter((d) => !stored.some((s) => s.id === d.id));
    this.items = [...unsaved.map((d) => ({ ...d, bytes: 0, deletedAt: null })), ...stored];
    this.render();
  }

  private async load(id: string): Promise<NewDataset | undefined> {
    return this.memory.get(id) ?? (await this.store.get(id).catch(() => undefined));
  }

  private async choose(id: string | null): Promise<void> {
    if (id === null) {
      this.host.showDataset(null, this.base, this.baseRegions);
      return;
    }
    const dataset = await this.load(id);
    if (dataset) this.activate(dataset);
  }

  /** Builds the model for a dataset on top of the built-in data and shows it. */
  private activate(stored: NewDataset): void {
    const source = {
      line: 0,
      source_id: stored.id,
      title: stored.name,
      publisher: stored.fileName,
      url: null,
      accessed_via: 'imported in this browser',
      notes: null,
    };
    const tables: Tables = { ...this.base.tables, 'sources.csv': [...this.base.tables['sources.csv'], source] };
    let regions = this.baseRegions;
    let custom: Model['custom'] = null;
    const { payload } = stored;
    if (payload.kind === 'flows') tables['flows.csv'] = flowRowsFromColumns(payload.columns, stored.id);
    else if (payload.kind === 'figures')
      custom = customFiguresFromColumns(payload.columns, {
        datasetId: stored.id,
        name: stored.name,
        additive: payload.additive ?? false,
      });
    else {
      // The user's shapes replace the drawn polygons; each joined unit gets its own.
      const byUnit = new Map(this.base.model.unitList.map((u) => [u.unit_code, u]));
      tables['crosswalk.csv'] = payload.collection.features.map((f) => ({
        line: 0,
        unit_code: f.properties.unit_code,
        polygon_id: f.properties.unit_code,
        valid_from: null,
        valid_to: null,
        note: null,
      }));
      regions = {
        type: 'FeatureCollection',
        features: payload.collection.features.map((f) => {
          const unit = byUnit.get(f.properties.unit_code)!;
          return {
            type: 'Feature',
            geometry: f.geometry,
            properties: {
              polygon_id: unit.unit_code,
              country: unit.country as 'KZ' | 'RU',
              // The administrative centre lies inside its unit: a safe place for the label.
              label_lon: unit.centre[0],
              label_lat: unit.centre[1],
              area_km2: 0,
            },
          };
        }),
      };
      const drawn = new Set(tables['crosswalk.csv'].map((c) => c.unit_code));
      const left = this.base.model.unitList.filter((u) => !drawn.has(u.unit_code));
      if (left.length)
        this.host.notices.show(
          this.host.t('data.boundaryUnits', {
            units: left.map((u) => placeName(this.base.model, u.unit_code, this.host.state.lang)).join(', '),
          }),
          this.host.t('notice.dismiss'),
        );
    }
    const model = buildModel(tables, custom);
    const [from, to] = this.base.model.yearRange;
    const years = [...model.flowYears, ...(custom?.byYear.keys() ?? [])];
    const outside = [...new Set(years.filter((y) => y < from || y > to))].sort();
    if (outside.length)
      this.host.notices.show(
        this.host.t('data.outsideTimeline', { years: outside.join(', '), from, to }),
        this.host.t('notice.dismiss'),
        'warning',
      );
    // The built-in data was validated as a whole; an import was validated row by row when it was read.
    const dataset: Dataset = { tables, model, measures: new MeasureTable(model), issues: [] };
    this.host.showDataset(stored.id, dataset, regions);
    this.host.notices.show(this.host.t('data.showing', { name: stored.name }), this.host.t('notice.dismiss'));
  }

  private async importFile(file: File): Promise<void> {
    const { t } = this.host;
    this.cancelTask();
    if (BOUNDARY_FILE.test(file.name)) return this.importBoundaries(file);
    const preview = previewFile(file);
    this.task = preview;
    try {
      const p = await preview.result;
      this.dialog.showMapping(p, t, (choice) => void this.readTable(file, choice));
    } catch (error) {
      this.fail(error);
    }
  }

  private async readTable(file: File, choice: MappingChoice): Promise<void> {
    const { t } = this.host;
    const datasetId = newDatasetId();
    const task = importTableFile(
      file,
      {
        kind: choice.kind,
        mapping: choice.mapping,
        units: toMatchableUnits(this.base.model.unitList),
        manual: this.manual,
        datasetId,
        fileName: file.name,
        measure: choice.kind === 'figures' ? choice.measureName : undefined,
      },
      { onProgress: (p) => update(p) },
    );
    this.task = task;
    const update = this.dialog.showProgress(file.name, t, () => this.cancelTask());
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
        issues: result.issues.map((i) => `${i.file}:${i.line}: ${i.reason}`),
        unmatched: result.summary.unmatched,
        fatal: result.fatal,
        units: this.unitChoices(),
      },
      t,
      {
        importValid: () => {
          const dataset = datasetFromImport(result, { name: file.name });
          if (dataset.payload.kind === 'figures') dataset.payload.additive = choice.additive;
          void this.save(dataset);
        },
        remap: (manual) => {
          this.manual = { ...this.manual, ...manual };
          void this.store.putSetting(TABLE_SETTINGS, this.manual).catch(() => undefined);
          void this.readTable(file, choice);
        },
        cancel: () => this.dialog.dialog.close(),
      },
    );
  }

  private async importBoundaries(file: File): Promise<void> {
    const { t } = this.host;
    const units = toMatchableUnits(this.base.model.unitList);
    const first = importBoundaryFile(file, { fileName: file.name, units, manual: this.manual });
    this.task = first;
    try {
      const { parsed } = await first.result;
      this.task = null;
      this.dialog.showBoundaryChoice(
        {
          file: file.name,
          features: parsed.features.length,
          candidates: parsed.candidates,
          issues: parsed.issues.map((i) => `${i.file}:${i.line}: ${i.reason}`),
        },
        t,
        (property) => void this.joinBoundaries(file, property),
      );
    } catch (error) {
      this.fail(error);
    }
  }

  private async joinBoundaries(file: File, property: string): Promise<void> {
    const { t } = this.host;
    const task = importBoundaryFile(file, {
      fileName: file.name,
      units: toMatchableUnits(this.base.model.unitList),
      manual: this.manual,
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
    const kept = joined.collection.features.length;
    this.dialog.showSummary(
      {
        file: file.name,
        rowsRead: joined.featuresRead,
        rowsValid: kept,
        issueCount: joined.issues.length,
        issues: joined.issues.map((i) => `${i.file}:${i.line}: ${i.reason}`),
        unmatched: joined.unmatched,
        fatal: null,
        units: this.unitChoices(),
      },
      t,
      {
        importValid: () =>
          void this.save(
            datasetFromBoundaries(joined.collection, joined.featuresRead, {
              id: newDatasetId(),
              name: file.name,
              fileName: file.name,
            }),
          ),
        remap: (manual) => {
          this.manual = { ...this.manual, ...manual };
          void this.store.putSetting(TABLE_SETTINGS, this.manual).catch(() => undefined);
          void this.joinBoundaries(file, property);
        },
        cancel: () => this.dialog.dialog.close(),
      },
    );
  }

  /** Stores a dataset (or keeps it in memory if storage refuses) and shows it. */
  private async save(dataset: NewDataset): Promise<void> {
    const { t, notices } = this.host;
    this.dialog.dialog.close();
    this.memory.set(dataset.id, dataset);
    try {
      await this.store.put(dataset);
      this.memory.delete(dataset.id);
    } catch (error) {
      const full = error instanceof QuotaExceededError;
      notices.show(full ? t('data.quota', { name: dataset.name }) : t('data.notSaved'), t('notice.dismiss'), 'warning');
    }
    notices.show(t('data.imported', { name: dataset.name, n: dataset.rowCount }), t('notice.dismiss'));
    await this.refresh();
    this.activate(dataset);
  }

  private async rename(id: string, name: string): Promise<void> {
    const inMemory = this.memory.get(id);
    if (inMemory) this.memory.set(id, { ...inMemory, name });
    else await this.store.rename(id, name).catch(() => undefined);
    await this.refresh();
  }

  private async remove(id: string): Promise<void> {
    const { t, notices } = this.host;
    const item = this.items.find((d) => d.id === id);
    const inMemory = this.memory.get(id);
    if (inMemory) this.memory.delete(id);
    else await this.store.remove(id).catch(() => undefined);
    if (this.host.state.dataset === id) this.host.showDataset(null, this.base, this.baseRegions);
    await this.refresh();
    notices.show(t('data.deleted', { name: item?.name ?? id }), t('notice.dismiss'), 'info', {
      label: t('data.undo'),
      run: async () => {
        if (inMemory) this.memory.set(id, inMemory);
        else await this.store.restore(id).catch(() => undefined);
        await this.refresh();
      },
    });
  }

  private async exportCsv(id: string): Promise<void> {
    const dataset = await this.load(id);
    if (!dataset) return;
    const file = exportDataset({ ...dataset, bytes: 0, deletedAt: null } as StoredDataset);
    download(new Blob([file.text], { type: file.mimeType }), file.fileName);
  }

  private unitChoices(): { code: string; name: string }[] {
    return this.base.model.unitList.map((u) => ({
      code: u.unit_code,
      name: placeName(this.base.model, u.unit_code, this.host.state.lang),
    }));
  }

  private cancelTask(): void {
    this.task?.cancel();
    this.task = null;
  }

  /** Says what went wrong; nothing was stored or shown. */
  private fail(error: unknown): void {
    const { t, notices } = this.host;
    this.task = null;
    const e = error as Error;
    if (e?.name === 'AbortError') {
      this.dialog.dialog.close();
      notices.show(t('import.cancelled'), t('notice.dismiss'));
    } else if (error instanceof FileTooLargeError) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
      this.dialog.showError(t('import.tooLarge', { size: mb(error.size), limit: mb(error.limit) }), t);
    } else this.dialog.showError(e?.message ?? String(error), t);
  }
}
