/**
 * The work of an import, without the worker around it: read bytes in slices,
 * decode (UTF-8, UTF-16 with a BOM, or Windows-1251 when the start is not
 * valid UTF-8: Excel's Russian CSV), stream the text through papaparse,
 * validate each record and aggregate. The worker calls this with a File; the
 * benchmark and the tests call it with a Node file stream or a Blob.
 *
 * papaparse is given a minimal "readable" (on/removeListener/pause/resume)
 * that we push decoded text into: its public stream input, so it keeps the
 * partial last line of each chunk for us and we keep control of reading,
 * progress and cancelling.
 */
import Papa from 'papaparse';
import {
  guessColumns,
  guessTableKind,
  mappingProblems,
  type ColumnGuess,
  type FigureField,
  type FigureMapping,
  type FlowField,
  type FlowMapping,
  type TableKind,
} from './columns';
import { aggregateFlowColumns, type FlowTotals } from './aggregate';
import { createRegionMatcher, type MatchableUnit } from './region-matcher';
import {
  FigureRowValidator,
  FlowRowValidator,
  type FigureColumns,
  type FlowColumns,
  type ImportIssue,
  type ImportSummary,
} from './validate-rows';
import { checkSize, ImportAbortedError, MAX_TABLE_BYTES } from './limits';

export { FileTooLargeError, ImportAbortedError, MAX_TABLE_BYTES } from './limits';

/** Bytes read and parsed at a time. */
export const READ_CHUNK_BYTES = 1024 * 1024;
/** Progress is posted at most this often. */
export const PROGRESS_INTERVAL_MS = 100;
/** A record this long means an unclosed quote swallowed the file: stop rather than hold it all. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
const PREVIEW_BYTES = 256 * 1024;

export type Delimiter = ',' | '\t' | ';' | '|';

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  /** null when the source's size is unknown (a stream). */
  totalBytes: number | null;
  fraction: number | null;
}

export type ByteSource = Blob | AsyncIterable<Uint8Array>;

export interface TableImportRequest {
  kind: TableKind;
  mapping: FlowMapping | FigureMapping;
  units: MatchableUnit[];
  /** The user's own mappings of region texts to unit codes. */
  manual?: Record<string, string>;
  /** The dataset id every imported row carries as source_id. */
  datasetId: string;
  fileName: string;
  /** Figures: the measure name when no column holds one (default: the value column's header). */
  measure?: string;
  /** Overrides the detected delimiter. */
  delimiter?: Delimiter;
  maxIssues?: number;
}

interface ResultBase {
  /** The request's dataset id: the source_id of the rows once stored. */
  datasetId: string;
  fileName: string;
  header: string[];
  delimiter: Delimiter;
  encoding: string;
  summary: ImportSummary;
  issues: ImportIssue[];
  /** Why nothing could be read (no header, columns missing, an unclosed quote); null when the rows were read. */
  fatal: string | null;
}
export interface FlowImportResult extends ResultBase {
  kind: 'flows';
  columns: FlowColumns;
  totals: FlowTotals;
}
export interface FigureImportResult extends ResultBase {
  kind: 'figures';
  columns: FigureColumns;
}
export type TableImportResult = FlowImportResult | FigureImportResult;

export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Clock for the progress throttle (tests pass a fake one). */
  now?: () => number;
}

/** Bytes of a Blob in slices, or of a stream as it comes. */
async function* bytesOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    for (let start = 0; start < source.size; start += READ_CHUNK_BYTES)
      yield new Uint8Array(await source.slice(start, start + READ_CHUNK_BYTES).arrayBuffer());
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array>) yield chunk;
}

/** Picks the encoding from the first bytes, then decodes chunk by chunk (characters split across chunks are kept). */
export class ChunkDecoder {
  encoding: string | null = null;
  private decoder: TextDecoder | null = null;

  decode(bytes: Uint8Array, final = false): string {
    if (!this.decoder) {
      this.encoding = detectEncoding(bytes);
      this.decoder = new TextDecoder(this.encoding);
    }
    return this.decoder.decode(bytes, { stream: !final });
  }
}

export function detectEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/** The delimiter of the first non-empty line outside quotes: the most frequent of tab, semicolon, comma, pipe. */
export function detectDelimiter(text: string, fileName = ''): Delimiter {
  const counts = new Map<Delimiter, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
    ['|', 0],
  ]);
  let inQuotes = false;
  let seen = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!inQuotes) {
      if (counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
      if (ch.trim()) seen = true;
    }
  }
  const preferred: Delimiter = /\.(tsv|tab)$/i.test(fileName) ? '\t' : ',';
  let best: Delimiter = preferred;
  for (const [d, c] of counts) if (c > counts.get(best)!) best = d;
  return best;
}

/** Lines a record spans: one plus the line breaks inside its quoted cells. */
function linesOf(cells: readonly string[]): number {
  let lines = 1;
  for (const cell of cells)
    if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return lines;
}

interface PushParser {
  push(text: string): void;
  end(): void;
  abort(): void;
}

/** papaparse over a source we push text into (its Node-stream input, duck-typed). */
function pushParser(delimiter: Delimiter, onRows: (rows: string[][], errors: Papa.ParseError[]) => void): PushParser {
  const listeners = new Map<string, (chunk?: string) => void>();
  const source = {
    readable: true,
    read() {},
    on(event: string, fn: (chunk?: string) => void) {
      listeners.set(event, fn);
    },
    removeListener(event: string) {
      listeners.delete(event);
    },
    pause() {},
    resume() {},
  };
  let handle: Papa.Parser | null = null;
  Papa.parse<string[], NodeJS.ReadableStream>(source as unknown as NodeJS.ReadableStream, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    worker: false,
    chunk(results, parser) {
      handle = parser;
      onRows(results.data, results.errors);
    },
    // Rows arrive through chunk(); papaparse requires a completion callback for stream input.
    complete() {},
  });
  return {
    push: (text) => listeners.get('data')?.(text),
    end: () => listeners.get('end')?.(),
    abort: () => handle?.abort(),
  };
}

/**
 * Imports a flows or figures table. Resolves with the valid rows as columns,
 * the summary and the first issues, also for a file that is garbage (then with
 * no rows and the reasons). Rejects only with FileTooLargeError (before
 * reading) or ImportAbortedError (the signal fired).
 */
export async function importTable(
  source: ByteSource,
  request: TableImportRequest,
  hooks: ImportHooks = {},
): Promise<TableImportResult> {
  const totalBytes = typeof Blob !== 'undefined' && source instanceof Blob ? source.size : null;
  if (totalBytes !== null) checkSize(totalBytes, MAX_TABLE_BYTES);
  const now = hooks.now ?? (() => Date.now());
  const file = request.fileName;
  const matcher = createRegionMatcher(request.units, request.manual ?? {});

  let header: string[] | null = null;
  let fatal: string | null = null;
  let fatalLine = 1;
  let validator: FlowRowValidator | FigureRowValidator | null = null;
  let nextLine = 1;
  let rowsSeen = 0;
  let charsSinceRow = 0;
  let quotesSeen = false;
  let delimiter: Delimiter | null = request.delimiter ?? null;

  const startValidator = (cells: string[], line: number) => {
    header = cells.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c));
    const problems = mappingProblems(request.kind, request.mapping, header.length);
    if (problems.length > 0) {
      fatal = `The columns do not fit this file: ${problems.join('; ')}.`;
      fatalLine = line;
      return;
    }
    if (request.kind === 'flows')
      validator = new FlowRowValidator(request.mapping as FlowMapping, {
        file,
        matcher,
        datasetId: request.datasetId,
        maxIssues: request.maxIssues,
      });
    else {
      const valueColumn = (request.mapping as FigureMapping).value!;
      validator = new FigureRowValidator(request.mapping as FigureMapping, {
        file,
        matcher,
        datasetId: request.datasetId,
        maxIssues: request.maxIssues,
        defaultMeasure: (request.measure ?? header[valueColumn] ?? '').trim() || 'value',
      });
    }
  };

  const onRows = (rows: string[][], errors: Papa.ParseError[]) => {
    if (rows.length > 0) charsSinceRow = 0;
    const badRows = new Map<number, string>();
    const unclosed = new Set<number>();
    for (const e of errors)
      if (typeof e.row === 'number') {
        if (e.code === 'MissingQuotes') unclosed.add(e.row);
        else badRows.set(e.row, `malformed quotes (${e.message.toLowerCase()})`);
      }
    rows.forEach((cells, r) => {
      const line = nextLine;
      // Without a quote in the text so far, no cell holds a line break: every record is one line.
      nextLine += quotesSeen ? linesOf(cells) : 1;
      if (fatal) return;
      // An unclosed quote swallows the rest of the file: importing the rows before it would hide that.
      if (unclosed.has(r)) {
        fatal = 'A quoted cell is not closed on this line, so the rest of the file cannot be read.';
        fatalLine = line;
        return;
      }
      if (!header) {
        if (cells.every((c) => c.trim() === '')) return;
        if (badRows.has(r)) {
          fatal = `The header cannot be read: ${badRows.get(r)}.`;
          fatalLine = line;
        } else startValidator(cells, line);
        return;
      }
      rowsSeen++;
      const bad = badRows.get(r);
      if (bad) validator!.rejectRow(line, bad);
      else validator!.push(cells, line);
    });
  };

  const decoder = new ChunkDecoder();
  let parser: PushParser | null = null;
  let bytesRead = 0;
  let lastProgress = -Infinity;
  const progress = (force: boolean) => {
    const t = now();
    if (!hooks.onProgress || (!force && t - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = t;
    hooks.onProgress({
      rowsRead: rowsSeen,
      bytesRead,
      totalBytes,
      fraction: totalBytes ? Math.min(1, bytesRead / totalBytes) : null,
    });
  };
  const feed = (text: string) => {
    if (!text || fatal) return;
    if (!parser) {
      delimiter ??= detectDelimiter(text, file);
      parser = pushParser(delimiter, onRows);
    }
    charsSinceRow += text.length;
    if (!quotesSeen) quotesSeen = text.includes('"');
    parser.push(text);
    if (charsSinceRow > MAX_RECORD_CHARS && !fatal) {
      fatal = `A record is longer than ${MAX_RECORD_CHARS / 1048576} MB: a quote is probably not closed on this line.`;
      fatalLine = nextLine;
      parser.abort();
    }
  };

  for await (const bytes of bytesOf(source)) {
    if (hooks.signal?.aborted) throw new ImportAbortedError();
    bytesRead += bytes.byteLength;
    if (totalBytes === null) checkSize(bytesRead, MAX_TABLE_BYTES);
    feed(decoder.decode(bytes));
    progress(false);
    if (fatal) break;
  }
  if (hooks.signal?.aborted) throw new ImportAbortedError();
  if (!fatal) {
    feed(decoder.decode(new Uint8Array(0), true));
    (parser as PushParser | null)?.end();
  }
  progress(true);

  if (!header && !fatal) fatal = 'The file has no header row (it is empty).';
  const base = {
    datasetId: request.datasetId,
    fileName: file,
    header: header ?? [],
    delimiter: delimiter ?? ',',
    encoding: decoder.encoding ?? 'utf-8',
    fatal,
  };
  // Without a validator (no header, columns that do not fit) an empty one reports the reason.
  const active: FlowRowValidator | FigureRowValidator =
    (validator as FlowRowValidator | FigureRowValidator | null) ??
    (request.kind === 'flows'
      ? new FlowRowValidator({}, { file, matcher, datasetId: request.datasetId })
      : new FigureRowValidator({}, { file, matcher, datasetId: request.datasetId, defaultMeasure: 'value' }));
  // A file that cannot be read to its end imports nothing: the user fixes it first.
  if (fatal) active.abandon(fatalLine, fatal);
  if (active instanceof FlowRowValidator) {
    const result = active.finish();
    return { ...base, kind: 'flows', ...result, totals: aggregateFlowColumns(result.columns) };
  }
  return { ...base, kind: 'figures', ...active.finish() };
}

export interface TablePreview {
  fileName: string;
  totalBytes: number;
  encoding: string;
  delimiter: Delimiter;
  header: string[];
  /** The first data rows (cells as text), for the mapping screen. */
  rows: string[][];
  /** Flows or figures, guessed from the header (null: the user says). */
  kind: TableKind | null;
  guesses: { flows: ColumnGuess<FlowField>; figures: ColumnGuess<FigureField> };
}

/** Reads the start of a table for the column-mapping screen. Rejects with FileTooLargeError over the limit. */
export async function previewTable(file: Blob, fileName: string, maxRows = 20): Promise<TablePreview> {
  checkSize(file.size, MAX_TABLE_BYTES);
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const decoder = new ChunkDecoder();
  const text = decoder.decode(bytes, true).replace(/^\ufeff/, '');
  const delimiter = detectDelimiter(text, fileName);
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: 'greedy', worker: false });
  const records = parsed.data;
  // The last record of a cut-off read may be partial.
  if (file.size > PREVIEW_BYTES) records.pop();
  const header = records[0] ?? [];
  return {
    fileName,
    totalBytes: file.size,
    encoding: decoder.encoding ?? 'utf-8',
    delimiter,
    header,
    rows: records.slice(1, 1 + maxRows),
    kind: guessTableKind(header),
    guesses: { flows: guessColumns('flows', header), figures: guessColumns('figures', header) },
  };
}
