/**
 * A delimited text file as a stream of records with their line numbers, for
 * the point tables: bytes read in slices, decoded (import-core's ChunkDecoder:
 * UTF-8, UTF-16 with a BOM, Windows-1251), parsed by papaparse as the text
 * arrives, each record handed on as it is parsed. Nothing holds the file.
 *
 * This is the reading half of import-core's importTable with the validator
 * left to the caller. It repeats that function's papaparse wiring, which is
 * not exported; the integration step should have importTable call this (see
 * the report) so that one piece of code reads every table.
 *
 * Rules as in importTable: the first non-empty record is the header; a record
 * with an unclosed quote stops the read (nothing after it can be trusted) and
 * so does a record longer than MAX_RECORD_CHARS; other quote errors reject
 * only their record.
 */
import Papa from 'papaparse';
import {
  ChunkDecoder,
  detectDelimiter,
  MAX_RECORD_CHARS,
  PROGRESS_INTERVAL_MS,
  READ_CHUNK_BYTES,
  type ByteSource,
  type Delimiter,
  type ImportHooks,
} from '../import-core';
import { checkSize, ImportAbortedError, MAX_TABLE_BYTES } from '../limits';

export interface RecordHandlers {
  /** The header's cells (BOM removed). Return false to stop reading (the columns do not fit). */
  header(cells: string[], line: number): boolean;
  /** A data record; line is its first line in the file (header = 1). */
  record(cells: string[], line: number): void;
  /** A record papaparse could not read (malformed quotes). */
  malformed(line: number): void;
}

export type StreamFatal = 'no_header' | 'unclosed_quote' | 'record_too_long' | 'stopped';

export interface StreamResult {
  header: string[] | null;
  delimiter: Delimiter;
  encoding: string;
  /** Why the read ended early, and where; null when it reached the end. */
  fatal: StreamFatal | null;
  fatalLine: number;
  records: number;
  bytesRead: number;
}

async function* bytesOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    for (let start = 0; start < source.size; start += READ_CHUNK_BYTES)
      yield new Uint8Array(await source.slice(start, start + READ_CHUNK_BYTES).arrayBuffer());
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array>) yield chunk;
}

/** Lines a record spans: one plus the line breaks inside its quoted cells. */
function linesOf(cells: readonly string[]): number {
  let lines = 1;
  for (const cell of cells)
    if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return lines;
}

export async function streamRecords(
  source: ByteSource,
  options: { fileName: string; delimiter?: Delimiter },
  handlers: RecordHandlers,
  hooks: ImportHooks = {},
): Promise<StreamResult> {
  const totalBytes = typeof Blob !== 'undefined' && source instanceof Blob ? source.size : null;
  if (totalBytes !== null) checkSize(totalBytes, MAX_TABLE_BYTES);
  const now = hooks.now ?? (() => Date.now());
  let header: string[] | null = null;
  let fatal: StreamFatal | null = null;
  let fatalLine = 0;
  let nextLine = 1;
  let records = 0;
  let charsSinceRecord = 0;
  let quotesSeen = false;
  let delimiter: Delimiter | null = options.delimiter ?? null;

  const onRows = (rows: string[][], errors: Papa.ParseError[]) => {
    if (rows.length > 0) charsSinceRecord = 0;
    const malformed = new Set<number>();
    const unclosed = new Set<number>();
    for (const e of errors)
      if (typeof e.row === 'number') (e.code === 'MissingQuotes' ? unclosed : malformed).add(e.row);
    rows.forEach((cells, r) => {
      const line = nextLine;
      // Without a quote so far no cell holds a line break: a record is one line.
      nextLine += quotesSeen ? linesOf(cells) : 1;
      if (fatal) return;
      if (unclosed.has(r)) {
        fatal = 'unclosed_quote';
        fatalLine = line;
        return;
      }
      if (!header) {
        if (cells.every((c) => c.trim() === '')) return;
        if (malformed.has(r)) {
          fatal = 'unclosed_quote';
          fatalLine = line;
          return;
        }
        header = cells.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c));
        if (!handlers.header(header, line)) {
          fatal = 'stopped';
          fatalLine = line;
        }
        return;
      }
      records++;
      if (malformed.has(r)) handlers.malformed(line);
      else handlers.record(cells, line);
    });
  };

  // papaparse's stream input, duck-typed: we push text into it and keep control of reading.
  const listeners = new Map<string, (chunk?: string) => void>();
  let parser: Papa.Parser | null = null;
  let started = false;
  const start = (d: Delimiter) => {
    started = true;
    const readable = {
      readable: true,
      read() {},
      on: (event: string, fn: (chunk?: string) => void) => void listeners.set(event, fn),
      removeListener: (event: string) => void listeners.delete(event),
      pause() {},
      resume() {},
    };
    Papa.parse<string[], NodeJS.ReadableStream>(readable as unknown as NodeJS.ReadableStream, {
      delimiter: d,
      header: false,
      skipEmptyLines: false,
      worker: false,
      chunk(results, p) {
        parser = p;
        onRows(results.data, results.errors);
      },
      complete() {},
    });
  };

  const decoder = new ChunkDecoder();
  let bytesRead = 0;
  let lastProgress = -Infinity;
  const progress = (force: boolean) => {
    const t = now();
    if (!hooks.onProgress || (!force && t - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = t;
    hooks.onProgress({
      rowsRead: records,
      bytesRead,
      totalBytes,
      fraction: totalBytes ? Math.min(1, bytesRead / totalBytes) : null,
    });
  };
  // The delimiter is told from the first whole line: text is held until one has arrived.
  let held = '';
  const feed = (chunk: string, final = false) => {
    if (fatal) return;
    let text = chunk;
    if (!started) {
      held += chunk;
      if (!final && held.length < 65536 && !/[\r\n]/.test(held)) return;
      text = held;
      held = '';
      start((delimiter ??= detectDelimiter(text, options.fileName)));
    }
    if (!text) return;
    charsSinceRecord += text.length;
    if (!quotesSeen) quotesSeen = text.includes('"');
    listeners.get('data')?.(text);
    if (charsSinceRecord > MAX_RECORD_CHARS && !fatal) {
      fatal = 'record_too_long';
      fatalLine = nextLine;
      (parser as Papa.Parser | null)?.abort();
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
    feed(decoder.decode(new Uint8Array(0), true), true);
    listeners.get('end')?.();
  }
  progress(true);
  if (!header && !fatal) fatal = 'no_header';
  return {
    header,
    delimiter: delimiter ?? ',',
    encoding: decoder.encoding ?? 'utf-8',
    fatal,
    fatalLine,
    records,
    bytesRead,
  };
}
