/**
 * A text table streamed through papaparse into the record reader. papaparse
 * is given a minimal "readable" (on/removeListener/pause/resume) that we push
 * decoded text into: its public stream input, so it keeps the partial last
 * line of each chunk for us and we keep control of reading, progress and
 * cancelling.
 */
import Papa from 'papaparse';
import type { ByteSource, Delimiter, ImportHooks, TableImportRequest } from './import-types';
import { checkSize, ImportAbortedError, MAX_TABLE_BYTES } from './limits';
import { problem } from './problems';
import type { RecordReader } from './record-reader';
import { bytesOf, ChunkDecoder, detectDelimiter, linesOf } from './table-source';

/** A record this long means an unclosed quote swallowed the file: stop rather than hold it all. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

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

/** Streams a text table through papaparse into the reader. */
export async function readText(
  source: ByteSource,
  request: TableImportRequest,
  reader: RecordReader,
  hooks: ImportHooks,
  onBytes: (n: number) => void,
): Promise<{ delimiter: Delimiter; encoding: string }> {
  const file = request.fileName;
  let nextLine = 1;
  let charsSinceRow = 0;
  let quotesSeen = false;
  let delimiter: Delimiter | null = request.delimiter ?? null;
  const totalKnown = typeof Blob !== 'undefined' && source instanceof Blob;

  const onRows = (rows: string[][], errors: Papa.ParseError[]) => {
    if (rows.length > 0) charsSinceRow = 0;
    const badRows = new Map<number, string>();
    const unclosed = new Set<number>();
    for (const e of errors)
      if (typeof e.row === 'number') {
        if (e.code === 'MissingQuotes') unclosed.add(e.row);
        else badRows.set(e.row, e.code);
      }
    rows.forEach((cells, r) => {
      const line = nextLine;
      // Without a quote in the text so far, no cell holds a line break: every record is one line.
      nextLine += quotesSeen ? linesOf(cells) : 1;
      if (reader.fatal) return;
      // An unclosed quote swallows the rest of the file: importing the rows before it would hide that.
      if (unclosed.has(r)) return reader.stop(line, problem('unclosed_quote'));
      const bad = badRows.get(r);
      if (!reader.started) {
        if (bad && cells.some((c) => c.trim() !== '') && (request.headerRow === undefined || line >= request.headerRow))
          return reader.stop(line, problem('header_unreadable', { detail: bad }));
        return reader.record(cells, line);
      }
      if (bad) reader.reject(line, bad);
      else reader.record(cells, line);
    });
  };

  const decoder = new ChunkDecoder();
  let parser: PushParser | null = null;
  const feed = (text: string) => {
    if (!text || reader.fatal) return;
    if (!parser) {
      delimiter ??= detectDelimiter(text, file);
      parser = pushParser(delimiter, onRows);
    }
    charsSinceRow += text.length;
    if (!quotesSeen) quotesSeen = text.includes('"');
    parser.push(text);
    if (charsSinceRow > MAX_RECORD_CHARS && !reader.fatal) {
      reader.stop(nextLine, problem('record_too_long', { limit: MAX_RECORD_CHARS }));
      parser.abort();
    }
  };

  let bytesRead = 0;
  for await (const bytes of bytesOf(source)) {
    if (hooks.signal?.aborted) throw new ImportAbortedError();
    bytesRead += bytes.byteLength;
    if (!totalKnown) checkSize(bytesRead, MAX_TABLE_BYTES);
    feed(decoder.decode(bytes));
    onBytes(bytes.byteLength);
    if (reader.fatal) break;
  }
  if (hooks.signal?.aborted) throw new ImportAbortedError();
  if (!reader.fatal) {
    feed(decoder.decode(new Uint8Array(0), true));
    (parser as PushParser | null)?.end();
  }
  return { delimiter: delimiter ?? ',', encoding: decoder.encoding ?? 'utf-8' };
}
