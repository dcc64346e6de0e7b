import { describe, expect, it } from 'vitest';
import type { TableImportResult } from './import-core';
import { loadUnits } from './test-support';
import { handleImportRequest, transferables, type BoundaryImportResult, type ImportResponse } from './worker-handler';
import type { TablePreview } from './import-core';

const units = loadUnits();

async function run(request: Parameters<typeof handleImportRequest>[0], now?: () => number) {
  const messages: { message: ImportResponse; transfer: Transferable[] }[] = [];
  await handleImportRequest(request, (message, transfer) => messages.push({ message, transfer }), { now });
  return messages;
}

describe('the worker’s message logic', () => {
  it('a table: progress messages, then one result whose typed arrays are transferred', async () => {
    const text =
      'from,to,year,count\n' +
      'Astana,Almaty city,2020,1\nAlmaty city,Astana,2020,2\n'.repeat(3) +
      'Atlantis,Almaty city,2020,1\n';
    let clock = 0;
    const messages = await run(
      {
        type: 'table',
        file: new Blob([text]),
        request: {
          kind: 'flows',
          mapping: { origin: 0, destination: 1, year: 2, count: 3 },
          units,
          datasetId: 'u',
          fileName: 'f.csv',
        },
      },
      () => (clock += 1000),
    );
    const types = messages.map((m) => m.message.type);
    expect(types.at(-1)).toBe('done');
    expect(types.slice(0, -1).every((t) => t === 'progress')).toBe(true);
    expect(types.length).toBeGreaterThan(1);
    const done = messages.at(-1)!;
    const result = (done.message as { result: TableImportResult }).result;
    expect(result.summary).toMatchObject({ rowsRead: 7, rowsValid: 2, issueCount: 5 });
    // Codes and parameters only: the page says them in the user's language.
    expect(result.issues.at(-1)).toMatchObject({
      line: 8,
      code: 'unknown_region',
      params: { field: 'origin', value: 'Atlantis' },
    });
    expect(Object.keys(result.issues.at(-1)!).sort()).toEqual(['code', 'file', 'line', 'params']);
    if (result.kind !== 'flows') throw new Error('flows expected');
    const buffers = done.transfer as ArrayBuffer[];
    for (const array of [
      result.columns.year,
      result.columns.origin,
      result.columns.migrants,
      result.totals.blocks[0]!.arrivals,
    ])
      expect(buffers).toContain(array.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    // The message survives a transferring structured clone, as postMessage does it.
    const cloned = structuredClone(done.message, { transfer: buffers }) as { result: TableImportResult };
    expect(Array.from(cloned.result.columns.year)).toEqual([2020, 2020]);
    expect(result.columns.year.byteLength).toBe(0); // moved, not copied
  });

  it('a preview', async () => {
    const [done] = await run({
      type: 'preview',
      file: new Blob(['Откуда;Куда;Год;Кол-во\nА;Б;2020;1\n']),
      fileName: 'x.csv',
    });
    const preview = (done!.message as { result: TablePreview }).result;
    expect(preview).toMatchObject({ delimiter: ';', kind: 'flows', header: ['Откуда', 'Куда', 'Год', 'Кол-во'] });
    expect(preview.guesses.flows.mapping).toEqual({ origin: 0, destination: 1, year: 2, count: 3 });
  });

  it('boundaries, joined when a property is given', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { NAME_1: 'Aqmola' }, geometry: { type: 'Polygon', coordinates: [[[70, 51], [71, 51], [71, 52], [70, 51]]] } }],
    }); // prettier-ignore
    const [done] = await run({
      type: 'boundaries',
      file: new Blob([geojson]),
      request: { fileName: 'b.geojson', units, joinProperty: 'NAME_1' },
    });
    const result = (done!.message as { result: BoundaryImportResult }).result;
    expect(result.parsed.candidates[0]).toMatchObject({ property: 'NAME_1', matched: 1 });
    expect(result.joined!.collection.features[0]!.properties).toEqual({ unit_code: 'KZ-11', join_value: 'Aqmola' });
  });

  it('errors become one error message with the limit', async () => {
    const huge = new Blob(['x']);
    Object.defineProperty(huge, 'size', { value: 500 * 1024 * 1024 });
    const messages = await run({ type: 'boundaries', file: huge, request: { fileName: 'b.geojson', units } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatchObject({
      type: 'error',
      error: {
        name: 'FileTooLargeError',
        size: 500 * 1024 * 1024,
        limit: 100 * 1024 * 1024,
        problem: { code: 'file_too_large', params: { size: 500 * 1024 * 1024, limit: 100 * 1024 * 1024 } },
      },
    });
  });

  it('transferables lists each buffer once and skips plain arrays', () => {
    const a = new Float64Array(4);
    expect(
      transferables({
        a,
        again: a,
        view: new Uint8Array(a.buffer),
        names: ['x', 'y'],
        nested: [{ b: new Uint16Array(2) }],
      }),
    ).toHaveLength(2);
  });
});
