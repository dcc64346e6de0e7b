/**
 * Property-based tests of storage: whatever imports fail and whatever writes
 * the browser refuses, the stored datasets are exactly those of the writes
 * that succeeded.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importTable, type TableImportResult } from '../import/import-core';
import { loadUnits } from '../import/test-support';
import { datasetFromImport, openDatasetStore, QuotaExceededError, type DatasetStore } from './dataset-store';

const units = loadUnits();
let dbCount = 0;

const importText = (text: string, signal?: AbortSignal) =>
  importTable(
    new Blob([text]),
    {
      kind: 'flows',
      mapping: { origin: 0, destination: 1, year: 2, count: 3 },
      units,
      datasetId: 'x',
      fileName: 'f.csv',
    },
    { signal },
  );

/** Everything a user could see of the store. */
async function snapshot(store: DatasetStore) {
  const list = await store.list();
  return Promise.all(list.map((m) => store.get(m.id)));
}

/** Makes every write to the payload store fail as if the disk were full, while `on` is true. */
function quotaSwitch() {
  const state = { on: false };
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (state.on && this.name === 'payloads') throw new DOMException('full', 'QuotaExceededError');
    return put.apply(this, args);
  });
  return state;
}

afterEach(() => vi.restoreAllMocks());

describe('stored datasets', () => {
  it('a failed, cancelled or empty import never changes them', async () => {
    const store = await openDatasetStore({ name: `prop-${++dbCount}` });
    const good = await importText('from,to,year,count\nAstana,Almaty city,2020,5\n');
    await store.put(datasetFromImport(good, { id: 'kept', name: 'Kept', fileName: 'a.csv' }));
    const before = await snapshot(store);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.constantFrom(
        '',
        'from,to\n',
        'from,to,year,count\n"unclosed,Almaty city,2020,1\n',
        'from,to,year,count\n<img src=x onerror=alert(1)>,Almaty city,2020,1\n',
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (text, cancel) => {
        const controller = new AbortController();
        if (cancel) controller.abort();
        let result: TableImportResult | null = null;
        try {
          result = await importText(text, controller.signal);
        } catch (e) {
          // Cancelled, or refused as not a table (binary text) before any reading.
          expect(['AbortError', 'ImportProblemError']).toContain((e as Error).name);
        }
        // The app saves only through datasetFromImport, which refuses a failed import.
        if (result && !result.fatalProblem && result.columns.length > 0) return;
        expect(() => datasetFromImport(result ?? ({ fatalProblem: { code: 'cancelled', params: {} } } as unknown as TableImportResult), { id: 'kept', name: 'Overwrite', fileName: 'b.csv' })).toThrow(); // prettier-ignore
        expect(await snapshot(store)).toEqual(before);
      }),
      { numRuns: 200 },
    );
    // 200 imports through fake IndexedDB: about 4 s here, more on a loaded machine.
  }, 60_000);

  it('after any sequence of writes, some refused for quota, the store holds exactly the successful ones', async () => {
    const one = await importText('from,to,year,count\nAstana,Almaty city,2020,5\n');
    const two = await importText('from,to,year,count\nAstana,Almaty city,2021,6\nAlmaty city,Astana,2021,7\n');
    const op = fc.oneof(
      fc.record({
        type: fc.constant('put' as const),
        id: fc.constantFrom('a', 'b', 'c'),
        which: fc.boolean(),
        full: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('rename' as const),
        id: fc.constantFrom('a', 'b', 'c'),
        name: fc.string({ maxLength: 8 }),
      }),
      fc.record({ type: fc.constant('remove' as const), id: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ type: fc.constant('restore' as const), id: fc.constantFrom('a', 'b', 'c') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const quota = quotaSwitch();
        const store = await openDatasetStore({ name: `seq-${++dbCount}` });
        // The model: id -> { name, rows, deleted }.
        const model = new Map<string, { name: string; rows: number; deleted: boolean }>();
        for (const o of ops) {
          if (o.type === 'put') {
            const result = o.which ? two : one;
            quota.on = o.full;
            const write = store.put(datasetFromImport(result, { id: o.id, name: `n-${o.id}`, fileName: 'f.csv' }));
            if (o.full) await expect(write).rejects.toBeInstanceOf(QuotaExceededError);
            else {
              await write;
              model.set(o.id, { name: `n-${o.id}`, rows: result.columns.length, deleted: false });
            }
            quota.on = false;
          } else if (o.type === 'rename') {
            const m = model.get(o.id);
            const valid = o.name.replace(/\s+/g, ' ').trim();
            const rename = store.rename(o.id, o.name);
            if (!m || m.deleted || !valid) await expect(rename).rejects.toThrow();
            else {
              await rename;
              m.name = valid;
            }
          } else if (o.type === 'remove') {
            const m = model.get(o.id);
            if (!m) await expect(store.remove(o.id)).rejects.toThrow();
            else {
              await store.remove(o.id);
              m.deleted = true;
            }
          } else {
            const m = model.get(o.id);
            if (!m) await expect(store.restore(o.id)).rejects.toThrow();
            else {
              await store.restore(o.id);
              m.deleted = false;
            }
          }
          const listed = (await store.list()).map((d) => [d.id, d.name, d.rowCount]).sort();
          const expected = [...model]
            .filter(([, m]) => !m.deleted)
            .map(([id, m]) => [id, m.name, m.rows])
            .sort();
          expect(listed).toEqual(expected);
        }
        for (const [id, m] of model) if (!m.deleted) expect((await store.get(id))!.payload.kind).toBe('flows');
        store.close();
        vi.restoreAllMocks();
      }),
      { numRuns: 60 },
    );
  });
});
