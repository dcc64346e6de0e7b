import { formatImportProblem } from '../i18n/import-messages';
import { describe, expect, it } from 'vitest';
import {
  FileTooLargeError,
  ImportProblemError,
  importBoundaryFile,
  importTableFile,
  previewFile,
  type WorkerLike,
} from './import-client';
import type { ImportProgress, TableImportRequest } from './import-core';
import type { ImportResponse } from './worker-handler';

/** A worker that records what it is sent and lets the test answer. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: unknown[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: ImportResponse) {
    this.onmessage?.({ data: message } as MessageEvent);
  }
}

const request = { kind: 'flows', mapping: {}, units: [], datasetId: 'u', fileName: 'f.csv' } as TableImportRequest;
const progress = (rowsRead: number): ImportProgress => ({ rowsRead, bytesRead: rowsRead * 10, totalBytes: 1000, fraction: rowsRead / 100 }); // prettier-ignore

function setup() {
  const workers: FakeWorker[] = [];
  const seen: ImportProgress[] = [];
  const options = {
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    onProgress: (p: ImportProgress) => seen.push(p),
  };
  return { workers, seen, options };
}

describe('import client', () => {
  it('sends the request, relays progress and resolves with the result, then ends the worker', async () => {
    const { workers, seen, options } = setup();
    const file = new File(['x'], 'mine.csv');
    const task = importTableFile(file, request, options);
    const worker = workers[0]!;
    expect(worker.sent).toEqual([{ type: 'table', file, request }]);
    worker.reply({ type: 'progress', progress: progress(10) });
    worker.reply({ type: 'progress', progress: progress(50) });
    worker.reply({ type: 'done', result: { answer: 42 } as never });
    await expect(task.result).resolves.toEqual({ answer: 42 });
    expect(seen.map((p) => p.rowsRead)).toEqual([10, 50]);
    expect(worker.terminated).toBe(true);
  });

  it('cancel terminates the worker at once and rejects with an AbortError; later messages are ignored', async () => {
    const { workers, seen, options } = setup();
    const task = importTableFile(new Blob(['x']), request, options);
    const worker = workers[0]!;
    worker.reply({ type: 'progress', progress: progress(10) });
    task.cancel();
    expect(worker.terminated).toBe(true);
    await expect(task.result).rejects.toMatchObject({ name: 'AbortError' });
    worker.reply({ type: 'progress', progress: progress(90) });
    worker.reply({ type: 'done', result: { late: true } as never });
    expect(seen).toHaveLength(1);
    task.cancel(); // a second cancel does nothing
  });

  it('an AbortSignal cancels too; an aborted one never starts a worker', async () => {
    const { workers, options } = setup();
    const controller = new AbortController();
    const task = previewFile(new Blob(['x']), { ...options, signal: controller.signal });
    controller.abort();
    expect(workers[0]!.terminated).toBe(true);
    await expect(task.result).rejects.toMatchObject({ name: 'AbortError' });
    const late = previewFile(new Blob(['x']), { ...options, signal: controller.signal });
    await expect(late.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(1);
  });

  it('refuses a file over the limit before starting a worker', async () => {
    const { workers, options } = setup();
    const big = new Blob(['x']);
    Object.defineProperty(big, 'size', { value: 250 * 1024 * 1024 });
    await expect(importTableFile(big, request, options).result).rejects.toBeInstanceOf(FileTooLargeError);
    const refused = importBoundaryFile(big, { fileName: 'b.json', units: [] }, options).result;
    await expect(refused).rejects.toMatchObject({
      problem: { code: 'file_too_large', params: { limit: 100 * 1048576 } },
    });
    const problem = await refused.then(
      () => null,
      (e: FileTooLargeError) => e.problem,
    );
    expect(formatImportProblem(problem!, 'en')).toBe('The file is 250 MB; the limit is 100 MB. Nothing was read.');
    expect(formatImportProblem(problem!, 'ru')).toBe('Размер файла 250 MB, предел — 100 MB. Ничего не прочитано.');
    expect(workers).toHaveLength(0);
  });

  it('turns the worker’s errors back into errors', async () => {
    const { workers, options } = setup();
    const a = importTableFile(new Blob(['x']), request, options);
    workers[0]!.reply({ type: 'error', error: { name: 'FileTooLargeError', message: 'm', size: 3e8, limit: 2e8 } });
    await expect(a.result).rejects.toMatchObject({ name: 'FileTooLargeError', size: 3e8, limit: 2e8 });
    const b = importTableFile(new Blob(['x']), request, options);
    workers[1]!.reply({ type: 'error', error: { name: 'TypeError', message: 'boom' } });
    await expect(b.result).rejects.toMatchObject({ name: 'TypeError', message: 'boom' });
    const c = importTableFile(new Blob(['x']), request, options);
    workers[2]!.onerror?.({ message: 'script failed to load' } as ErrorEvent);
    await expect(c.result).rejects.toMatchObject({
      problem: { code: 'worker_failed', params: { detail: 'script failed to load' } },
    });
    // A refusal from the worker comes back with its problem: the page says it in the user's language.
    const d = importTableFile(new Blob(['x']), request, options);
    const refusal = { code: 'file_refused' as const, params: { seemsTo: 'png' as const, value: 'map.csv' } };
    workers[3]!.reply({ type: 'error', error: { name: 'ImportProblemError', message: 'm', problem: refusal } });
    await expect(d.result).rejects.toMatchObject({ name: 'ImportProblemError', problem: refusal });
    const error = (await d.result.catch((e: unknown) => e)) as ImportProblemError;
    expect(formatImportProblem(error.problem, 'en')).toMatch(/^“map\.csv” seems to be a PNG image, not a table\. The map reads tables/); // prettier-ignore
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
