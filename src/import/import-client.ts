/**
 * Main-thread side of an import: starts a worker per task, relays progress,
 * and resolves with the worker's result. Cancelling terminates the worker at
 * once (mid-parse), and the task's promise rejects with an AbortError; no
 * result is delivered after that. Sizes are checked here before a worker is
 * even started. Only types come from the worker's modules, so papaparse and
 * topojson-client stay out of the main bundle.
 */
import type { ImportProgress, PreviewOptions, TableImportRequest, TableImportResult, TablePreview } from './import-core'; // prettier-ignore
import { checkSize, FileTooLargeError, ImportAbortedError, MAX_BOUNDARY_BYTES, MAX_TABLE_BYTES } from './limits';
import { ImportProblemError, problem, type ImportProblem } from './problems';
import type { BoundaryImportRequest, BoundaryImportResult, ImportRequest, ImportResponse } from './worker-handler';

export { FileTooLargeError, ImportAbortedError, MAX_BOUNDARY_BYTES, MAX_TABLE_BYTES } from './limits';
export { ImportProblemError } from './problems';

/** What the client needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ImportTask<T> {
  result: Promise<T>;
  /** Stops the work now; `result` rejects with an AbortError. Does nothing once the task has settled. */
  cancel(): void;
}

export interface TaskOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Cancels the task when aborted (as cancel() does). */
  signal?: AbortSignal;
  createWorker?: () => WorkerLike;
}

/** The real worker; Vite bundles import.worker.ts as its own chunk from this exact expression. */
export function createImportWorker(): WorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
}

function revive(error: {
  name: string;
  message: string;
  size?: number;
  limit?: number;
  problem?: ImportProblem;
}): Error {
  if (error.name === 'FileTooLargeError' && error.size !== undefined && error.limit !== undefined)
    return new FileTooLargeError(error.size, error.limit);
  if (error.name === 'AbortError') return new ImportAbortedError();
  if (error.problem) return new ImportProblemError(error.problem);
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

function runTask<T>(request: ImportRequest, limit: number, options: TaskOptions): ImportTask<T> {
  let settled = false;
  let worker: WorkerLike | null = null;
  let rejectTask: (error: Error) => void = () => {};
  const finish = () => {
    settled = true;
    worker?.terminate();
    worker = null;
    options.signal?.removeEventListener('abort', cancel);
  };
  const cancel = () => {
    if (settled) return;
    finish();
    rejectTask(new ImportAbortedError());
  };
  const result = new Promise<T>((resolve, reject) => {
    rejectTask = reject;
    try {
      checkSize(request.file.size, limit);
    } catch (e) {
      settled = true;
      reject(e as Error);
      return;
    }
    if (options.signal?.aborted) {
      settled = true;
      reject(new ImportAbortedError());
      return;
    }
    options.signal?.addEventListener('abort', cancel);
    const w = (options.createWorker ?? createImportWorker)();
    worker = w;
    w.onmessage = (event: MessageEvent<ImportResponse>) => {
      if (settled) return;
      const message = event.data;
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') {
        finish();
        resolve(message.result as T);
      } else {
        finish();
        reject(revive(message.error));
      }
    };
    w.onerror = (event: ErrorEvent) => {
      if (settled) return;
      finish();
      reject(new ImportProblemError(problem('worker_failed', { detail: event.message || 'unknown error' })));
    };
    w.postMessage(request);
  });
  return { result, cancel };
}

const nameOf = (file: Blob) => ('name' in file && typeof file.name === 'string' ? file.name : 'file');

/**
 * Reads the start of a table: what the file is (refused with an
 * ImportProblemError 'file_refused' if not a table), its sheets, the header
 * row, the first rows, delimiter, encoding, the layout and column guesses,
 * and a year from its name. `preview` chooses another sheet, header row or
 * layout, and passes the units to recognise a matrix by its region names.
 */
export function previewFile(
  file: Blob,
  options: TaskOptions = {},
  maxRows = 20,
  preview: PreviewOptions = {},
): ImportTask<TablePreview> {
  return runTask(
    { type: 'preview', file, fileName: nameOf(file), maxRows, options: preview },
    MAX_TABLE_BYTES,
    options,
  );
}

/** Imports a flows or figures table with the mapping the user confirmed. */
export function importTableFile(
  file: Blob,
  request: TableImportRequest,
  options: TaskOptions = {},
): ImportTask<TableImportResult> {
  return runTask({ type: 'table', file, request }, MAX_TABLE_BYTES, options);
}

/** Parses and checks a GeoJSON or TopoJSON file (and joins it when request.joinProperty is set). */
export function importBoundaryFile(
  file: Blob,
  request: BoundaryImportRequest,
  options: TaskOptions = {},
): ImportTask<BoundaryImportResult> {
  return runTask({ type: 'boundaries', file, request }, MAX_BOUNDARY_BYTES, options);
}
