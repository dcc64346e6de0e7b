/**
 * The user's imported datasets and settings, kept in IndexedDB so they
 * survive a reload and a browser restart.
 *
 * - Metadata and payload (the typed columns or the joined boundaries) live in
 *   two stores, so listing never loads a million rows; every write goes
 *   through one transaction over both, so a failed write (quota, a crash)
 *   leaves every earlier dataset as it was.
 * - Deleting is soft: remove() marks the dataset, restore() brings it back.
 *   Marked datasets are purged when the store is next opened, so undo lasts
 *   the session.
 * - Failures are typed: StorageUnavailableError (no IndexedDB, private
 *   browsing, blocked by the browser) and QuotaExceededError (the disk
 *   budget is spent) let the UI say so and go on without saving;
 *   createMemoryDatasetStore() has the same interface for that case.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PointData } from '../core/points/point-data';
import type { RegionFeatureProperties } from '../import/boundaries';
import type { TableImportResult } from '../import/import-core';
import type { FigureColumns, FlowColumns, ImportSummary } from '../import/validate-rows';

export const DB_NAME = 'kz-migration-map';
const DB_VERSION = 1;
const META = 'datasets';
const PAYLOADS = 'payloads';
const SETTINGS = 'settings';
const MAX_NAME_LENGTH = 200;

export type DatasetKind = 'flows' | 'figures' | 'boundaries' | 'places';

export type DatasetPayload =
  | { kind: 'flows'; columns: FlowColumns }
  /** `additive`: the figures are counts that may be summed over units (the user says so at import). */
  | { kind: 'figures'; columns: FigureColumns; additive?: boolean }
  | { kind: 'boundaries'; collection: FeatureCollection<Polygon | MultiPolygon, RegionFeatureProperties> }
  /** Places and the flows between them; `regionColumns`: those flows summed into units (region totals). */
  | ({ kind: 'places'; regionColumns: FlowColumns } & PointData);

export interface DatasetMeta {
  /** Also the source_id of every row; URL-safe. */
  id: string;
  name: string;
  kind: DatasetKind;
  /** ISO date-time of the import. */
  created: string;
  fileName: string;
  /** Rows (or features) kept. */
  rowCount: number;
  /** Rows (or features) the file had, valid or not. */
  rowsRead: number;
  /** Approximate size of the payload in bytes, for the list. */
  bytes: number;
  /** Set by remove(); such datasets are hidden until restored, and purged on the next open. */
  deletedAt: string | null;
}

export interface StoredDataset extends DatasetMeta {
  payload: DatasetPayload;
}

/** What put() takes: a dataset as created by datasetFromImport / datasetFromBoundaries. */
export type NewDataset = Omit<StoredDataset, 'deletedAt' | 'bytes'>;

export class StorageError extends Error {
  override name = 'StorageError';
}
export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
}
export class QuotaExceededError extends StorageError {
  override name = 'QuotaExceededError';
}
export class DatasetNotFoundError extends StorageError {
  override name = 'DatasetNotFoundError';
}

export interface DatasetStore {
  /** Datasets not deleted, newest first. */
  list(): Promise<DatasetMeta[]>;
  get(id: string): Promise<StoredDataset | undefined>;
  /** Adds a dataset, or replaces one with the same id. */
  put(dataset: NewDataset): Promise<DatasetMeta>;
  rename(id: string, name: string): Promise<DatasetMeta>;
  /** Hides a dataset; restore() undoes it until the store is next opened. */
  remove(id: string): Promise<void>;
  restore(id: string): Promise<DatasetMeta>;
  /** Deletes every removed dataset for good; returns how many. */
  purgeDeleted(): Promise<number>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
  deleteSetting(key: string): Promise<void>;
  close(): void;
}

interface Schema extends DBSchema {
  [META]: { key: string; value: DatasetMeta };
  [PAYLOADS]: { key: string; value: { id: string; payload: DatasetPayload } };
  [SETTINGS]: { key: string; value: unknown };
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const UNAVAILABLE_NAMES = new Set(['InvalidStateError', 'SecurityError', 'NotAllowedError', 'UnknownError', 'VersionError']); // prettier-ignore

/** Maps what IndexedDB throws to the typed errors. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const e = error as { name?: string; message?: string; code?: number } | null;
  const detail = e?.message ? ` (${e.message})` : '';
  if (e && (QUOTA_NAMES.has(e.name ?? '') || e.code === 22))
    return new QuotaExceededError(`The browser's storage for this page is full${detail}; the dataset was not saved.`);
  if (e && UNAVAILABLE_NAMES.has(e.name ?? ''))
    return new StorageUnavailableError(`The browser's storage is not available${detail}; nothing is saved.`);
  return new StorageError(`Saving failed${detail}.`);
}

function cleanName(name: string): string {
  const clean = String(name).replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  if (!clean) throw new StorageError('A dataset needs a name.');
  return clean;
}

function payloadBytes(payload: DatasetPayload): number {
  if (payload.kind === 'boundaries') return JSON.stringify(payload.collection).length;
  if (payload.kind === 'places') {
    const { places, flows } = payload;
    let text = 0;
    for (let p = 0; p < places.length; p++) text += (places.ids[p]!.length + places.names[p]!.length) * 2;
    const arrays = [places.positions, places.population, places.lines, payload.placeRegion, flows.origin, flows.destination, flows.year, flows.count]; // prettier-ignore
    return text + arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }
  const c = payload.columns;
  let bytes = 0;
  for (const v of Object.values(c)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  const dicts = c.kind === 'flows' ? [c.period, c.source, c.note] : [c.measure, c.unitOfMeasure];
  for (const d of dicts) {
    bytes += d.index?.byteLength ?? 0;
    for (const s of d.values) bytes += s.length * 2;
  }
  return bytes;
}

function metaOf(dataset: NewDataset): DatasetMeta {
  const { payload, ...meta } = dataset;
  if (payload.kind !== meta.kind) throw new StorageError(`The payload is ${payload.kind}, the dataset ${meta.kind}.`);
  return { ...meta, name: cleanName(meta.name), bytes: payloadBytes(payload), deletedAt: null };
}

const newestFirst = (a: DatasetMeta, b: DatasetMeta) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id);

export interface OpenOptions {
  name?: string;
  /** Purge datasets removed in an earlier session (default true). */
  purge?: boolean;
}

/**
 * Whether the browser holds the app's database (true when it cannot tell):
 * only then can what it keeps change the first view. Asking takes a few ms;
 * opening the database, on a first visit creating it, up to a second or more.
 */
export async function keptDatabaseExists(name = DB_NAME): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((d) => d.name === name);
  } catch {
    return true;
  }
}

/** Opens the store; rejects with StorageUnavailableError when IndexedDB cannot be used. */
export async function openDatasetStore(options: OpenOptions = {}): Promise<DatasetStore> {
  if (typeof indexedDB === 'undefined' || indexedDB === null)
    throw new StorageUnavailableError(
      'This browser offers no storage for the page (IndexedDB is off); nothing is saved.',
    );
  let db: IDBPDatabase<Schema>;
  try {
    db = await openDB<Schema>(options.name ?? DB_NAME, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore(META, { keyPath: 'id' });
        database.createObjectStore(PAYLOADS, { keyPath: 'id' });
        database.createObjectStore(SETTINGS);
      },
      // Another tab wants a newer schema: let it, this tab's writes then fail as unavailable.
      blocking() {
        db.close();
      },
    });
  } catch (e) {
    const error = toStorageError(e);
    throw error instanceof StorageUnavailableError
      ? error
      : new StorageUnavailableError(
          `The browser's storage cannot be opened (${(e as Error)?.message ?? e}); nothing is saved.`,
        );
  }

  /** One read-write transaction; on any failure it is aborted, so nothing of it is kept. */
  type Tx = IDBPTransaction<Schema, StoreNames<Schema>[], 'readwrite'>;
  const write = async <T>(stores: StoreNames<Schema>[], work: (tx: Tx) => Promise<T>): Promise<T> => {
    let tx: Tx;
    try {
      tx = db.transaction(stores, 'readwrite');
    } catch (e) {
      throw toStorageError(e);
    }
    const done = tx.done;
    done.catch(() => {}); // awaited below; this only keeps an abort from being reported as unhandled
    try {
      const result = await work(tx);
      await done;
      return result;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      throw toStorageError(e);
    }
  };
  const read = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw toStorageError(e);
    }
  };

  const store: DatasetStore = {
    list: () => read(async () => (await db.getAll(META)).filter((m) => !m.deletedAt).sort(newestFirst)),
    get: (id) =>
      read(async () => {
        const meta = await db.get(META, id);
        if (!meta || meta.deletedAt) return undefined;
        const payload = await db.get(PAYLOADS, id);
        return payload ? { ...meta, payload: payload.payload } : undefined;
      }),
    put: async (dataset) => {
      const meta = metaOf(dataset);
      await write([META, PAYLOADS], async (tx) => {
        await tx.objectStore(META).put(meta);
        await tx.objectStore(PAYLOADS).put({ id: meta.id, payload: dataset.payload });
      });
      return meta;
    },
    rename: (id, name) =>
      write([META], async (tx) => {
        const meta = await tx.objectStore(META).get(id);
        if (!meta || meta.deletedAt) throw new DatasetNotFoundError(`No dataset ${id}.`);
        const renamed = { ...meta, name: cleanName(name) };
        await tx.objectStore(META).put(renamed);
        return renamed;
      }),
    remove: (id) =>
      write([META], async (tx) => {
        const meta = await tx.objectStore(META).get(id);
        if (!meta) throw new DatasetNotFoundError(`No dataset ${id}.`);
        if (!meta.deletedAt) await tx.objectStore(META).put({ ...meta, deletedAt: new Date().toISOString() });
      }),
    restore: (id) =>
      write([META], async (tx) => {
        const meta = await tx.objectStore(META).get(id);
        if (!meta) throw new DatasetNotFoundError(`No dataset ${id} to restore.`);
        const restored = { ...meta, deletedAt: null };
        await tx.objectStore(META).put(restored);
        return restored;
      }),
    purgeDeleted: () =>
      write([META, PAYLOADS], async (tx) => {
        const deleted = (await tx.objectStore(META).getAll()).filter((m) => m.deletedAt);
        for (const m of deleted) {
          await tx.objectStore(META).delete(m.id);
          await tx.objectStore(PAYLOADS).delete(m.id);
        }
        return deleted.length;
      }),
    getSetting: <T>(key: string) => read(async () => (await db.get(SETTINGS, key)) as T | undefined),
    putSetting: (key, value) =>
      write([SETTINGS], async (tx) => {
        await tx.objectStore(SETTINGS).put(value, key);
      }),
    deleteSetting: (key) =>
      write([SETTINGS], async (tx) => {
        await tx.objectStore(SETTINGS).delete(key);
      }),
    close: () => db.close(),
  };
  if (options.purge ?? true) await store.purgeDeleted();
  return store;
}

/** The same interface in memory: for when storage is unavailable (nothing survives a reload). */
export function createMemoryDatasetStore(): DatasetStore {
  const metas = new Map<string, DatasetMeta>();
  const payloads = new Map<string, DatasetPayload>();
  const settings = new Map<string, unknown>();
  const live = (id: string) => {
    const meta = metas.get(id);
    if (!meta || meta.deletedAt) throw new DatasetNotFoundError(`No dataset ${id}.`);
    return meta;
  };
  return {
    list: async () => [...metas.values()].filter((m) => !m.deletedAt).sort(newestFirst),
    get: async (id) => {
      const meta = metas.get(id);
      return meta && !meta.deletedAt ? { ...meta, payload: payloads.get(id)! } : undefined;
    },
    put: async (dataset) => {
      const meta = metaOf(dataset);
      metas.set(meta.id, meta);
      payloads.set(meta.id, dataset.payload);
      return meta;
    },
    rename: async (id, name) => {
      const renamed = { ...live(id), name: cleanName(name) };
      metas.set(id, renamed);
      return renamed;
    },
    remove: async (id) => {
      const meta = metas.get(id);
      if (!meta) throw new DatasetNotFoundError(`No dataset ${id}.`);
      if (!meta.deletedAt) metas.set(id, { ...meta, deletedAt: new Date().toISOString() });
    },
    restore: async (id) => {
      const meta = metas.get(id);
      if (!meta) throw new DatasetNotFoundError(`No dataset ${id} to restore.`);
      const restored = { ...meta, deletedAt: null };
      metas.set(id, restored);
      return restored;
    },
    purgeDeleted: async () => {
      let n = 0;
      for (const [id, m] of metas)
        if (m.deletedAt) {
          metas.delete(id);
          payloads.delete(id);
          n++;
        }
      return n;
    },
    getSetting: async <T>(key: string) => settings.get(key) as T | undefined,
    putSetting: async (key, value) => void settings.set(key, structuredClone(value)),
    deleteSetting: async (key) => void settings.delete(key),
    close: () => {},
  };
}

/** Asks the browser not to evict the page's storage under pressure; false when it declines or cannot. */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** A new dataset id: URL-safe, sortable by time, unique enough for one browser. */
export function newDatasetId(now = Date.now()): string {
  const random = new Uint8Array(4);
  globalThis.crypto.getRandomValues(random);
  return `user-${now.toString(36)}-${[...random].map((b) => b.toString(36).padStart(2, '0')).join('')}`;
}

/**
 * The dataset to store for an import (its id is the import's datasetId unless
 * given). Refuses an import that failed (fatal) or kept no row, so a failed
 * import can never be saved over anything.
 */
export function datasetFromImport(
  result: TableImportResult,
  meta: { name: string; id?: string; fileName?: string; created?: string },
): NewDataset {
  if (result.fatalProblem)
    throw new StorageError(`Nothing to save: the file could not be read (${result.fatalProblem.code}).`);
  if (result.columns.length === 0) throw new StorageError('Nothing to save: the file has no valid row.');
  const summary: ImportSummary = result.summary;
  const payload: DatasetPayload =
    result.kind === 'flows' ? { kind: 'flows', columns: result.columns } : { kind: 'figures', columns: result.columns };
  return {
    id: meta.id ?? result.datasetId,
    name: meta.name,
    kind: result.kind,
    created: meta.created ?? new Date().toISOString(),
    fileName: meta.fileName ?? result.fileName,
    rowCount: result.columns.length,
    rowsRead: summary.rowsRead,
    payload,
  };
}

export function datasetFromBoundaries(
  collection: FeatureCollection<Polygon | MultiPolygon, RegionFeatureProperties>,
  featuresRead: number,
  meta: { id: string; name: string; fileName: string; created?: string },
): NewDataset {
  if (collection.features.length === 0) throw new StorageError('Nothing to save: no feature was joined to a region.');
  return {
    id: meta.id,
    name: meta.name,
    kind: 'boundaries',
    created: meta.created ?? new Date().toISOString(),
    fileName: meta.fileName,
    rowCount: collection.features.length,
    rowsRead: featuresRead,
    payload: { kind: 'boundaries', collection },
  };
}

/** The dataset to store for a places import; refuses one that failed or kept no flow. */
export function datasetFromPoints(
  result: {
    datasetId: string;
    fatal: string | null;
    places: PointData['places'];
    placeRegion: Int32Array;
    regionIds: string[];
    flows: PointData['flows'];
    regionColumns: FlowColumns;
    rowsRead: number;
  },
  meta: { name: string; fileName: string; created?: string },
): NewDataset {
  if (result.fatal) throw new StorageError(`Nothing to save: ${result.fatal}`);
  if (result.flows.length === 0) throw new StorageError('Nothing to save: no valid flow between places.');
  const { places, placeRegion, regionIds, flows, regionColumns } = result;
  return {
    id: result.datasetId,
    name: meta.name,
    kind: 'places',
    created: meta.created ?? new Date().toISOString(),
    fileName: meta.fileName,
    rowCount: flows.length,
    rowsRead: result.rowsRead,
    payload: { kind: 'places', places, placeRegion, regionIds, flows, regionColumns },
  };
}
