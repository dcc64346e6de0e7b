/**
 * The worker's message logic as a plain async function, so the tests run it
 * in Node without a Worker: one request in, progress messages and then one
 * 'done' or 'error' message out. Typed arrays of the result are listed for
 * transfer (moved, not copied, to the main thread). Errors carry their
 * problem (code and parameters) for the page to say in the user's language.
 */
import { joinBoundaries, parseBoundaries, type JoinedBoundaries, type ParsedBoundaries } from './boundaries';
import { importTable, previewTable, type ImportProgress, type PreviewOptions, type TableImportRequest, type TableImportResult, type TablePreview } from './import-core'; // prettier-ignore
import { checkSize, MAX_BOUNDARY_BYTES } from './limits';
import { ImportProblemError, type ImportProblem } from './problems';
import { createRegionMatcher, type MatchableUnit } from './region-matcher';

export interface BoundaryImportRequest {
  fileName: string;
  units: MatchableUnit[];
  manual?: Record<string, string>;
  /** TopoJSON: the object to read (default: the one with the most geometries). */
  object?: string;
  /** Join right away by this property (else the UI picks from parsed.candidates and calls joinBoundaries). */
  joinProperty?: string;
}

export interface BoundaryImportResult {
  parsed: ParsedBoundaries;
  joined: JoinedBoundaries | null;
}

export type ImportRequest =
  | { type: 'preview'; file: Blob; fileName: string; maxRows?: number; options?: PreviewOptions }
  | { type: 'table'; file: Blob; request: TableImportRequest }
  | { type: 'boundaries'; file: Blob; request: BoundaryImportRequest };

export interface ResultOf {
  preview: TablePreview;
  table: TableImportResult;
  boundaries: BoundaryImportResult;
}

export interface SerializedError {
  name: string;
  message: string;
  size?: number;
  limit?: number;
  /** What went wrong, for the page to say (refusals, limits, cancel). */
  problem?: ImportProblem;
}

export type ImportResponse =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ResultOf[keyof ResultOf] }
  | { type: 'error'; error: SerializedError };

export type Post = (message: ImportResponse, transfer: Transferable[]) => void;

/** The buffers of every typed array in a value (each once: a buffer listed twice cannot be transferred). */
export function transferables(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<unknown>();
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      return;
    }
    // Plain arrays of strings and numbers hold no buffers; skipping them keeps this cheap on big string tables.
    if (Array.isArray(v)) {
      if (v.length > 0 && typeof v[0] !== 'object') return;
      v.forEach(visit);
      return;
    }
    Object.values(v).forEach(visit);
  };
  visit(value);
  return [...buffers];
}

export async function handleImportRequest(
  request: ImportRequest,
  post: Post,
  hooks: { now?: () => number } = {},
): Promise<void> {
  try {
    let result: ResultOf[keyof ResultOf];
    if (request.type === 'preview')
      result = await previewTable(request.file, request.fileName, request.maxRows, request.options);
    else if (request.type === 'table')
      result = await importTable(request.file, request.request, {
        onProgress: (progress) => post({ type: 'progress', progress }, []),
        now: hooks.now,
      });
    else {
      const r = request.request;
      checkSize(request.file.size, MAX_BOUNDARY_BYTES);
      const matcher = createRegionMatcher(r.units, r.manual ?? {});
      const parsed = parseBoundaries(await request.file.text(), r.fileName, { object: r.object, matcher });
      result = { parsed, joined: r.joinProperty ? joinBoundaries(parsed, r.joinProperty, matcher) : null };
    }
    post({ type: 'done', result: result }, transferables(result));
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const serialized: SerializedError = { name: error.name, message: error.message };
    if ('size' in error && 'limit' in error) Object.assign(serialized, { size: error.size, limit: error.limit });
    if (error instanceof ImportProblemError) serialized.problem = error.problem;
    post({ type: 'error', error: serialized }, []);
  }
}
