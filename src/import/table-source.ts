/**
 * What is read: a text table's bytes in slices, decoded (UTF-8, UTF-16 with
 * a BOM, or Windows-1251 when the start is not valid UTF-8: Excel's Russian
 * CSV), its delimiter, or one sheet of a workbook; a file that is not a
 * table is refused by its first bytes (sniff.ts).
 */
import type { ByteSource, Delimiter } from './import-types';
import { checkSize, MAX_WORKBOOK_BYTES } from './limits';
import { ImportProblemError, problem } from './problems';
import { sniffFile } from './sniff';
import { readWorkbook, type SheetGrid } from './workbook';

/** Bytes read and parsed at a time. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/** Bytes of a Blob in slices, or of a stream as it comes. */
export async function* bytesOf(source: ByteSource): AsyncGenerator<Uint8Array> {
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
export function linesOf(cells: readonly string[]): number {
  let lines = 1;
  for (const cell of cells)
    if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return lines;
}

/** The sheet, or the text records, of a file: what is read. */
export type Opened = { format: 'text'; source: ByteSource } | { format: 'xlsx' | 'xls'; grid: SheetGrid };

/** Refuses a file that is not a table (ImportProblemError 'file_refused') and opens a workbook's sheet. */
export async function open(source: ByteSource, fileName: string, sheet?: string): Promise<Opened> {
  if (!(typeof Blob !== 'undefined' && source instanceof Blob)) return { format: 'text', source };
  const sniffed = await sniffFile(source, MAX_WORKBOOK_BYTES);
  if (sniffed.kind === 'refused')
    throw new ImportProblemError(problem('file_refused', { seemsTo: sniffed.seemsTo, value: fileName }));
  if (sniffed.kind === 'text') return { format: 'text', source };
  checkSize(source.size, MAX_WORKBOOK_BYTES);
  const grid = await readWorkbook(new Uint8Array(await source.arrayBuffer()), sniffed.kind, { sheet });
  return { format: sniffed.kind, grid };
}
