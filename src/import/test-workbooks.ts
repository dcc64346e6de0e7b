/**
 * Test helpers (Node only): workbooks made with the reader's own writer, and
 * ZIP files made by hand, to give the import hostile ones (a lying size, a
 * bomb, a cut stream, a password flag, external links, macros).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';

export interface ZipPart {
  name: string;
  data: Uint8Array | string;
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
  /** Sizes written in the headers instead of the true ones. */
  claimSize?: number;
  /** Bytes of the compressed data kept (a cut stream). */
  cut?: number;
  flags?: number;
}

/** A ZIP file of the given parts (no data descriptors, no ZIP64). */
export function makeZip(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = Buffer.from(typeof part.data === 'string' ? new TextEncoder().encode(part.data) : part.data);
    const method = part.method ?? 8;
    let packed = method === 8 ? deflateRawSync(raw) : raw;
    if (part.cut !== undefined) packed = packed.subarray(0, part.cut);
    const name = Buffer.from(part.name, 'utf8');
    const size = part.claimSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.flags ?? 0, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The parts of a ZIP (as the reader's writer made it), to change and zip again. */
export function unzip(bytes: Uint8Array): ZipPart[] {
  interface Entry {
    type: number;
    content: ArrayLike<number> | null;
  }
  const cfb = (
    XLSX.CFB as unknown as { read(b: Uint8Array, o: object): { FileIndex: Entry[]; FullPaths: string[] } }
  ).read(bytes, { type: 'array' });
  return cfb.FileIndex.map((f, i) => ({ name: cfb.FullPaths[i]!.replace(/^[^/]*\//, ''), f }))
    .filter(({ name, f }) => f.type === 2 && f.content && name)
    .map(({ name, f }) => ({ name, data: new Uint8Array(f.content!) }));
}

export interface SheetSpec {
  name: string;
  rows: (string | number | null | { f: string; v?: number })[][];
  merges?: string[];
  hidden?: boolean;
}

/** A workbook of the given sheets, as .xlsx (or .xls: 'biff8') bytes. */
export function makeWorkbook(sheets: readonly SheetSpec[], bookType: 'xlsx' | 'biff8' = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const spec of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(
      spec.rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? null : c))),
    );
    spec.rows.forEach((row, r) =>
      row.forEach((c, col) => {
        if (c !== null && typeof c === 'object') {
          const ref = XLSX.utils.encode_cell({ r, c: col });
          ws[ref] = c.v === undefined ? { t: 'n', f: c.f } : { t: 'n', v: c.v, f: c.f };
        }
      }),
    );
    const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
    range.e.c = Math.max(range.e.c, ...spec.rows.map((r) => r.length - 1));
    ws['!ref'] = XLSX.utils.encode_range(range);
    if (spec.merges) ws['!merges'] = spec.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(book, ws, spec.name);
  }
  book.Workbook = { Sheets: sheets.map((s) => ({ name: s.name, Hidden: s.hidden ? 1 : 0 })) };
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType }) as ArrayBuffer);
}
