import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseTable } from '../core/csv';
import { SCHEMAS } from '../core/tables';
import { importTable, type TableImportResult } from '../import/import-core';
import { loadUnits } from '../import/test-support';
import {
  createMemoryDatasetStore,
  datasetFromBoundaries,
  datasetFromImport,
  DatasetNotFoundError,
  newDatasetId,
  openDatasetStore,
  QuotaExceededError,
  StorageError,
  StorageUnavailableError,
  toStorageError,
  type DatasetStore,
  type StoredDataset,
} from './dataset-store';
import { exportDataset } from './export';

const units = loadUnits();
let dbCount = 0;
const freshName = () => `test-db-${++dbCount}`;

async function importFlows(text: string): Promise<TableImportResult> {
  return importTable(new Blob([text]), {
    kind: 'flows',
    mapping: { origin: 0, destination: 1, year: 2, count: 3, note: 4 },
    units,
    datasetId: 'user-from-request',
    fileName: 'mine.csv',
  });
}
const FLOWS =
  'from,to,year,count,note\nAstana,Almaty city,2020,10,first\nAlmaty city,Astana,2020,7,"=HYPERLINK(""x"")"\nAbai,Ulytau,2023,3,"a, b\nc"\n';

async function flowsDataset(id: string, name: string, created: string) {
  return datasetFromImport(await importFlows(FLOWS), { id, name, fileName: 'mine.csv', created });
}

const stores: [string, () => Promise<DatasetStore>][] = [
  ['IndexedDB', () => openDatasetStore({ name: freshName() })],
  ['memory', async () => createMemoryDatasetStore()],
];

describe.each(stores)('%s store', (_, open) => {
  it('puts, lists (newest first) and gets datasets with their typed columns', async () => {
    const store = await open();
    await store.put(await flowsDataset('a', 'Older', '2026-01-01T00:00:00Z'));
    const meta = await store.put(await flowsDataset('b', '  Newer   one ', '2026-02-01T00:00:00Z'));
    expect(meta).toMatchObject({
      id: 'b',
      name: 'Newer one',
      kind: 'flows',
      rowCount: 3,
      rowsRead: 3,
      deletedAt: null,
    });
    expect(meta.bytes).toBeGreaterThan(0);
    expect((await store.list()).map((m) => m.id)).toEqual(['b', 'a']);
    const got = (await store.get('a'))!;
    if (got.payload.kind !== 'flows') throw new Error('flows expected');
    expect(got.payload.columns.migrants).toBeInstanceOf(Float64Array);
    expect(Array.from(got.payload.columns.migrants)).toEqual([10, 7, 3]);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('renames, and refuses an empty name without changing anything', async () => {
    const store = await open();
    await store.put(await flowsDataset('a', 'Mine', '2026-01-01T00:00:00Z'));
    expect((await store.rename('a', ' Bulletin 2025 ')).name).toBe('Bulletin 2025');
    await expect(store.rename('a', '   ')).rejects.toBeInstanceOf(StorageError);
    await expect(store.rename('zzz', 'x')).rejects.toBeInstanceOf(DatasetNotFoundError);
    expect((await store.list()).map((m) => m.name)).toEqual(['Bulletin 2025']);
  });

  it('deletes with undo', async () => {
    const store = await open();
    await store.put(await flowsDataset('a', 'A', '2026-01-01T00:00:00Z'));
    await store.put(await flowsDataset('b', 'B', '2026-01-02T00:00:00Z'));
    await store.remove('a');
    expect((await store.list()).map((m) => m.id)).toEqual(['b']);
    expect(await store.get('a')).toBeUndefined();
    await expect(store.rename('a', 'x')).rejects.toBeInstanceOf(DatasetNotFoundError);
    expect((await store.restore('a')).deletedAt).toBeNull();
    expect((await store.list()).map((m) => m.id)).toEqual(['b', 'a']);
    expect((await store.get('a'))!.rowCount).toBe(3);
    await store.remove('b');
    expect(await store.purgeDeleted()).toBe(1);
    await expect(store.restore('b')).rejects.toBeInstanceOf(DatasetNotFoundError);
  });

  it('keeps settings', async () => {
    const store = await open();
    expect(await store.getSetting('manualRegions')).toBeUndefined();
    await store.putSetting('manualRegions', { Semey: 'KZ-10' });
    expect(await store.getSetting('manualRegions')).toEqual({ Semey: 'KZ-10' });
    await store.deleteSetting('manualRegions');
    expect(await store.getSetting('manualRegions')).toBeUndefined();
  });
});

describe('IndexedDB specifics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('datasets and settings survive closing and reopening; removed ones are purged on reopen', async () => {
    const name = freshName();
    const first = await openDatasetStore({ name });
    await first.put(await flowsDataset('keep', 'Keep', '2026-01-01T00:00:00Z'));
    await first.put(await flowsDataset('drop', 'Drop', '2026-01-02T00:00:00Z'));
    await first.putSetting('lastDataset', 'keep');
    await first.remove('drop');
    first.close();
    const second = await openDatasetStore({ name });
    expect((await second.list()).map((m) => m.id)).toEqual(['keep']);
    expect(await second.getSetting('lastDataset')).toBe('keep');
    await expect(second.restore('drop')).rejects.toBeInstanceOf(DatasetNotFoundError);
  });

  it('a write that runs out of quota keeps nothing of itself and changes no earlier dataset', async () => {
    const store = await openDatasetStore({ name: freshName() });
    const original = await flowsDataset('a', 'Original', '2026-01-01T00:00:00Z');
    await store.put(original);
    const before = await store.get('a');
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'payloads') throw new DOMException('disk full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    // A new dataset, and a replacement of the existing one: the metadata is written first, then rolled back.
    await expect(store.put(await flowsDataset('b', 'New', '2026-01-02T00:00:00Z'))).rejects.toBeInstanceOf(
      QuotaExceededError,
    );
    await expect(store.put(await flowsDataset('a', 'Replaced', '2026-01-03T00:00:00Z'))).rejects.toThrow(
      /storage for this page is full/,
    );
    vi.restoreAllMocks();
    expect((await store.list()).map((m) => [m.id, m.name])).toEqual([['a', 'Original']]);
    expect(await store.get('a')).toEqual(before);
    expect(await store.get('b')).toBeUndefined();
  });

  it('reports storage that is missing or refused as unavailable', async () => {
    const saved = globalThis.indexedDB;
    try {
      // @ts-expect-error: private browsing in some browsers
      delete globalThis.indexedDB;
      await expect(openDatasetStore({ name: freshName() })).rejects.toBeInstanceOf(StorageUnavailableError);
      globalThis.indexedDB = {
        open: () => {
          throw new DOMException('denied', 'SecurityError');
        },
      } as unknown as IDBFactory;
      await expect(openDatasetStore({ name: freshName() })).rejects.toThrow(/storage is not available \(denied\)/);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('maps browser errors to the typed ones', () => {
    expect(toStorageError(new DOMException('x', 'QuotaExceededError'))).toBeInstanceOf(QuotaExceededError);
    expect(toStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBeInstanceOf(QuotaExceededError);
    expect(toStorageError({ name: 'Error', code: 22 })).toBeInstanceOf(QuotaExceededError);
    expect(toStorageError(new DOMException('x', 'InvalidStateError'))).toBeInstanceOf(StorageUnavailableError);
    const other = toStorageError(new DOMException('x', 'DataCloneError'));
    expect(other).toBeInstanceOf(StorageError);
    expect(other).not.toBeInstanceOf(QuotaExceededError);
  });
});

describe('datasets from imports, and export', () => {
  it('a failed or empty import cannot become a dataset', async () => {
    const meta = { id: 'x', name: 'x', fileName: 'x.csv' };
    expect(() =>
      datasetFromImport(
        {
          fatalProblem: { code: 'unclosed_quote', params: {} },
          columns: { length: 5 },
        } as unknown as TableImportResult,
        meta,
      ),
    ).toThrow(/Nothing to save: the file could not be read \(unclosed_quote\)/);
    const good = datasetFromImport(await importFlows(FLOWS), { name: 'Good' });
    expect([good.id, good.fileName, good.rowCount]).toEqual(['user-from-request', 'mine.csv', 3]);
    const empty = await importFlows('from,to,year,count,note\nAtlantis,Almaty,2020,1,\n');
    expect(() => datasetFromImport(empty, meta)).toThrow(/no valid row/);
    expect(() => datasetFromBoundaries({ type: 'FeatureCollection', features: [] }, 3, meta)).toThrow(/no feature/);
  });

  it('flows export as the columns of data/flows.csv, readable by the project’s own parser', async () => {
    const dataset = {
      ...(await flowsDataset('user-abc', 'Bulletin / 2025', '2026-01-01T00:00:00Z')),
      deletedAt: null,
      bytes: 0,
    };
    const file = exportDataset(dataset as StoredDataset);
    expect(file.fileName).toBe('Bulletin-2025.csv');
    const { rows, issues } = parseTable('flows.csv', file.text, SCHEMAS['flows.csv']);
    expect(issues).toEqual([]);
    expect(rows.map(({ line: _, ...r }) => r)).toEqual([
      { year: 2020, origin_code: 'KZ-71', destination_code: 'KZ-75', migrants: 10, period: 'Jan-Dec', geography: 'G17_2017_2021', source_id: 'user-abc', quality_flag: 'user_import' },
      { year: 2020, origin_code: 'KZ-75', destination_code: 'KZ-71', migrants: 7, period: 'Jan-Dec', geography: 'G17_2017_2021', source_id: 'user-abc', quality_flag: 'user_import' },
      { year: 2023, origin_code: 'KZ-10', destination_code: 'KZ-62', migrants: 3, period: 'Jan-Dec', geography: 'G20_2022plus', source_id: 'user-abc', quality_flag: 'user_import' },
    ]); // prettier-ignore
    // Text from the file is quoted, and a formula is defused.
    expect(file.text.split('\n')[2]).toBe(
      `2020,KZ-75,KZ-71,7,Jan-Dec,G17_2017_2021,user-abc,user_import,"'=HYPERLINK(""x"")"`,
    );
    expect(file.text).toContain('"a, b\nc"');
  });

  it('figures export as tidy rows, boundaries as GeoJSON', async () => {
    const result = await importTable(new Blob(['region,year,value\nAstana,2024,-1.5\n']), {
      kind: 'figures', mapping: { region: 0, year: 1, value: 2 }, units, datasetId: 'x', fileName: 'f.csv',
    }); // prettier-ignore
    const figures = {
      ...datasetFromImport(result, { id: 'f1', name: 'Net', fileName: 'f.csv' }),
      deletedAt: null,
      bytes: 0,
    };
    expect(exportDataset(figures).text).toBe(
      'unit_code,year,measure,value,source_id,unit_of_measure\nKZ-71,2024,value,-1.5,f1,\n',
    );
    const collection = {
      type: 'FeatureCollection' as const,
      features: [{ type: 'Feature' as const, properties: { unit_code: 'KZ-71', join_value: 'Astana' }, geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }],
    }; // prettier-ignore
    const boundaries = {
      ...datasetFromBoundaries(collection, 1, { id: 'b', name: 'Регионы', fileName: 'b.json' }),
      deletedAt: null,
      bytes: 0,
    };
    const file = exportDataset(boundaries);
    expect(file.fileName).toBe('Регионы.geojson');
    expect(JSON.parse(file.text)).toEqual(collection);
  });

  it('new ids are URL-safe and distinct', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newDatasetId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^user-[0-9a-z]+-[0-9a-z]{8}$/);
  });
});
