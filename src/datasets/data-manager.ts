/**
 * Bring your own data, the page side: the dataset store (IndexedDB, or
 * memory when the browser refuses), the list of datasets, switching the map
 * between the built-in data and an import, and the user's settings kept
 * across visits. A storage operation that fails is said in the notice area,
 * in the user's language, once per kind; the map works on.
 */
import { prepareMapData, type MapData } from '../core/map-data';
import type { MessageKey } from '../i18n';
import { placeName } from '../i18n/names';
import { translatorOf, type AppState, type AppStore } from '../state/app-state';
import { DataPanel } from '../ui/data-panel';
import { PlacesEntry } from '../ui/places-entry';
import { download } from '../ui/download';
import type { NoticeArea } from '../ui/notice';
import { placesOutside } from '../core/points/point-data';
import { composeDataset } from './compose';
import {
  createMemoryDatasetStore,
  openDatasetStore,
  QuotaExceededError,
  type DatasetMeta,
  type DatasetStore,
  type NewDataset,
  type StoredDataset,
} from './dataset-store';
import { exportDataset } from './export';
import { ImportFlow } from './import-flow';

const TABLE_SETTINGS = 'manualRegions';
const VIEW_SETTINGS = 'view';

/** What a storage operation was doing, for the notice when it fails. */
type StorageAction =
  | 'storage.readSettings'
  | 'storage.saveSettings'
  | 'storage.readMapping'
  | 'storage.saveMapping'
  | 'storage.list'
  | 'storage.read'
  | 'storage.rename'
  | 'storage.remove'
  | 'storage.restore';

export class DataManager {
  readonly panel: DataPanel;
  readonly importer: ImportFlow;
  /** The places import's button, inside the data panel; its code loads when first used. */
  private readonly placesEntry = new PlacesEntry((files) => void this.importPlaces(files));
  /**
   * The browser's store once start() has opened it, or the memory store it fell back to. Every use
   * waits for it: the map draws before it opens on a first visit, and a change made meanwhile is kept.
   */
  private readonly opened: Promise<DatasetStore>;
  private resolveOpened!: (store: DatasetStore) => void;
  private persistent = true;
  private items: DatasetMeta[] = [];
  /** Datasets held in memory (just imported, or not saved because storage refused). */
  private readonly memory = new Map<string, NewDataset>();
  private manual: Record<string, string> = {};
  private readonly reported = new Set<StorageAction>();

  constructor(
    private readonly app: AppStore,
    /** The built-in data, as the map shows it. */
    private readonly base: MapData,
    private readonly notices: NoticeArea,
    /** Opens the browser's store (a test hands in its own). */
    private readonly openStore: () => Promise<DatasetStore> = openDatasetStore,
  ) {
    this.opened = new Promise((resolve) => (this.resolveOpened = resolve));
    this.panel = new DataPanel({
      choose: (id) => void this.choose(id),
      importFile: (file) => this.importer.importFile(file),
      rename: (id, name) => void this.rename(id, name),
      remove: (id) => void this.remove(id),
      exportCsv: (id) => void this.exportCsv(id),
    });
    this.importer = new ImportFlow(app, base.dataset, notices, {
      manual: () => this.manual,
      remember: (manual) => {
        this.manual = { ...this.manual, ...manual };
        const manualNow = this.manual;
        void this.opened
          .then((store) => store.putSetting(TABLE_SETTINGS, manualNow))
          .catch((e: unknown) => this.failed('storage.saveMapping', e));
      },
      save: (datasets) => this.save(datasets),
    });
    app.subscribe(
      (s) => ({ dataset: s.dataset, lang: s.lang }),
      () => this.render(),
    );
  }

  /** Opens the store (or says why it cannot) and shows the dataset the URL names. */
  async start(): Promise<void> {
    let store: DatasetStore;
    try {
      store = await this.openStore();
    } catch {
      this.persistent = false;
      store = createMemoryDatasetStore();
    }
    this.resolveOpened(store);
    // A mapping chosen before the store opened is kept over the stored one.
    this.manual = {
      ...((await store
        .getSetting<Record<string, string>>(TABLE_SETTINGS)
        .catch((e: unknown) => this.failed('storage.readMapping', e))) ?? {}),
      ...this.manual,
    };
    await this.refresh();
    const wanted = this.app.get().dataset;
    if (wanted) {
      const found = await this.load(wanted);
      if (found) this.activate(found);
      else {
        this.notice('data.missing', { id: wanted }, 'warning');
        this.show(null, this.base);
      }
    }
  }

  /** The user's view settings kept across browser restarts (undefined when none or unavailable). */
  async savedSettings<V>(): Promise<V | undefined> {
    return (await this.opened)
      .getSetting<V>(VIEW_SETTINGS)
      .catch((e: unknown) => this.failed('storage.readSettings', e));
  }

  /** Keeps the settings `pick` returns whenever they change. */
  keepSettings<V>(pick: (s: AppState) => V, serialise: (v: V) => unknown): void {
    this.app.subscribe(pick, (v) => {
      const value = serialise(v);
      void this.opened
        .then((store) => store.putSetting(VIEW_SETTINGS, value))
        .catch((e: unknown) => this.failed('storage.saveSettings', e));
    });
  }

  private render(): void {
    const s = this.app.get();
    this.panel.render(
      this.items.map((d) => ({ id: d.id, name: d.name, kind: d.kind, rowCount: d.rowCount, created: d.created })),
      s.dataset,
      this.persistent,
      translatorOf(s),
    );
    this.placesEntry.render(translatorOf(s));
    this.panel.element.append(this.placesEntry.element);
  }

  private async importPlaces(files: File[]): Promise<void> {
    const { PlacesImport } = await import('./places-import');
    const places = new PlacesImport(this.app, this.base.dataset, this.base.regions, this.importer.dialog, {
      manual: () => this.manual,
      save: (dataset) => this.save([dataset]),
    });
    await places.importFiles(files);
  }

  private async refresh(): Promise<void> {
    const stored = (await (await this.opened).list().catch((e: unknown) => this.failed('storage.list', e))) ?? [];
    const unsaved = [...this.memory.values()].filter((d) => !stored.some((s) => s.id === d.id));
    this.items = [...unsaved.map((d) => ({ ...d, bytes: 0, deletedAt: null })), ...stored];
    this.render();
  }

  private async load(id: string): Promise<NewDataset | undefined> {
    return (
      this.memory.get(id) ?? (await (await this.opened).get(id).catch((e: unknown) => this.failed('storage.read', e)))
    );
  }

  private async choose(id: string | null): Promise<void> {
    if (id === null) return this.show(null, this.base);
    const dataset = await this.load(id);
    if (dataset) this.activate(dataset);
  }

  /** Builds the model for a dataset on top of the built-in data and shows it. */
  private activate(stored: NewDataset): void {
    const { model } = this.base.dataset;
    const composed = composeDataset(this.base.dataset, this.base.regions, stored);
    const lang = this.app.get().lang;
    if (composed.unitsWithoutShape.length)
      this.notice('data.boundaryUnits', {
        units: composed.unitsWithoutShape.map((u) => placeName(model, u, lang)).join(', '),
      });
    if (composed.yearsOutside.length) {
      const [from, to] = model.yearRange;
      this.notice('data.outsideTimeline', { years: composed.yearsOutside.join(', '), from, to }, 'warning');
    }
    if (composed.points) {
      const outside = placesOutside(composed.points);
      if (outside > 0) this.notice('points.outside', { n: outside });
    }
    this.show(stored.id, prepareMapData(composed.dataset, composed.regions, composed.points));
    this.notice('data.showing', { name: stored.name });
  }

  /**
   * Shows a dataset: the built-in data (id null) or an import on top of it.
   * The view keeps its year and settings where they still make sense.
   */
  private show(id: string | null, data: MapData): void {
    const s = this.app.get();
    const { model } = data.dataset;
    // Places are only drawn in years with flows: a year without them opens the dataset's latest.
    const flowYears = model.flowYears;
    const year = data.points && flowYears.length && !flowYears.includes(s.year) ? flowYears.at(-1)! : s.year;
    this.app.set({
      data,
      year,
      dataset: id,
      measure: model.custom ? 'custom' : s.measure === 'custom' ? 'net' : s.measure,
      selected: s.selected && model.polygons.has(s.selected) ? s.selected : null,
    });
  }

  /**
   * Stores datasets (or keeps them in memory if storage refuses) and shows the
   * first: one import may give several (one per measure).
   */
  private async save(datasets: NewDataset[]): Promise<void> {
    for (const dataset of datasets) {
      this.memory.set(dataset.id, dataset);
      try {
        await (await this.opened).put(dataset);
        this.memory.delete(dataset.id);
      } catch (error) {
        if (error instanceof QuotaExceededError) this.notice('data.quota', { name: dataset.name }, 'warning');
        else this.notice('data.notSaved', {}, 'warning');
      }
      this.notice('data.imported', { name: dataset.name, n: dataset.rowCount });
    }
    await this.refresh();
    if (datasets[0]) this.activate(datasets[0]);
  }

  private async rename(id: string, name: string): Promise<void> {
    const inMemory = this.memory.get(id);
    if (inMemory) this.memory.set(id, { ...inMemory, name });
    else await (await this.opened).rename(id, name).catch((e: unknown) => this.failed('storage.rename', e));
    await this.refresh();
  }

  private async remove(id: string): Promise<void> {
    const item = this.items.find((d) => d.id === id);
    const inMemory = this.memory.get(id);
    if (inMemory) this.memory.delete(id);
    else await (await this.opened).remove(id).catch((e: unknown) => this.failed('storage.remove', e));
    if (this.app.get().dataset === id) this.show(null, this.base);
    await this.refresh();
    const t = translatorOf(this.app.get());
    this.notices.show(t('data.deleted', { name: item?.name ?? id }), t('notice.dismiss'), 'info', {
      label: t('data.undo'),
      run: async () => {
        if (inMemory) this.memory.set(id, inMemory);
        else await (await this.opened).restore(id).catch((e: unknown) => this.failed('storage.restore', e));
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

  private notice(key: MessageKey, params: Record<string, string | number>, kind: 'info' | 'warning' = 'info'): void {
    const t = translatorOf(this.app.get());
    this.notices.show(t(key, params), t('notice.dismiss'), kind);
  }

  /** Says (once per kind of operation) that storage failed; the caller goes on without it. */
  private failed(action: StorageAction, error: unknown): undefined {
    console.warn(`storage: ${action}`, error);
    if (!this.reported.has(action)) {
      this.reported.add(action);
      const t = translatorOf(this.app.get());
      this.notice('data.storageFailed', { action: t(action) }, 'warning');
    }
    return undefined;
  }
}
