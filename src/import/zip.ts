/**
 * The little of the ZIP format needed to tell a workbook from other ZIP files
 * and to refuse a hostile one before any reader unpacks it: the central
 * directory (names, sizes, flags), and each entry's real unpacked size,
 * measured by inflating it with the platform's DecompressionStream and
 * stopping as soon as the budget is spent. A reader given a ZIP that passed
 * inflates at most what was measured here.
 */
import { ImportProblemError, problem, type WorkbookRefusal } from './problems';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
}

/** Parts a workbook may have; more is not a workbook someone made by hand or with Excel. */
export const MAX_ZIP_ENTRIES = 5_000;
/** Unpacked bytes of all parts together. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

const refuse = (refusal: WorkbookRefusal, params: Record<string, number> = {}): never => {
  throw new ImportProblemError(problem('workbook_refused', { refusal, ...params }));
};

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

/** The entries of the central directory; null when the bytes are not a readable ZIP. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
  const stop = Math.max(0, bytes.length - 22 - 65_535);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return null; // ZIP64: no workbook of our size needs it
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) return null;
    const nameLength = u16(bytes, p + 28);
    const extra = u16(bytes, p + 30);
    const comment = u16(bytes, p + 32);
    if (p + 46 + nameLength > bytes.length) return null;
    let name = '';
    for (let i = 0; i < nameLength; i++) name += String.fromCharCode(bytes[p + 46 + i]!);
    entries.push({
      name,
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      offset: u32(bytes, p + 42),
    });
    p += 46 + nameLength + extra + comment;
    if (entries.length > MAX_ZIP_ENTRIES) return entries;
  }
  return entries;
}

/** The bytes unpacked from a deflated stream, counted; stops past `budget`. Rejects a damaged stream. */
async function inflatedSize(data: Uint8Array, budget: number): Promise<number> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      total += value.byteLength;
      if (total > budget) return total;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

export interface ZipCheck {
  entries: ZipEntry[];
  unpackedBytes: number;
}

/**
 * Refuses (ImportProblemError 'workbook_refused') a ZIP that is damaged,
 * encrypted, has too many parts, stores them in an unsupported way, or
 * unpacks to more than MAX_UNPACKED_BYTES, whatever its headers claim.
 */
export async function checkZip(bytes: Uint8Array, budget = MAX_UNPACKED_BYTES): Promise<ZipCheck> {
  const entries = zipEntries(bytes);
  if (!entries) return refuse('damaged');
  if (entries.length > MAX_ZIP_ENTRIES) return refuse('too_many_parts', { limit: MAX_ZIP_ENTRIES });
  let declared = 0;
  for (const e of entries) {
    if (e.flags & 0x41) return refuse('encrypted');
    if (e.method !== 0 && e.method !== 8) return refuse('unsupported_compression');
    declared += e.size;
  }
  if (declared > budget) return refuse('too_large_unpacked', { limit: budget });
  let unpacked = 0;
  for (const e of entries) {
    const at = e.offset;
    if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) return refuse('damaged');
    // The local header is what readers follow: its sizes and flags must agree with the directory's.
    const localFlags = u16(bytes, at + 6);
    const localMethod = u16(bytes, at + 8);
    const localSize = u32(bytes, at + 22);
    if (localFlags & 0x41) return refuse('encrypted');
    if (localMethod !== e.method) return refuse('damaged');
    if (!(localFlags & 8) && localSize !== e.size) return refuse('damaged');
    const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) return refuse('damaged');
    const left = budget - unpacked;
    let size: number;
    if (e.method === 0) size = e.compressedSize;
    else {
      try {
        size = await inflatedSize(bytes.subarray(start, end), Math.min(left, e.size));
      } catch {
        return refuse('damaged');
      }
    }
    // More than the header says (a bomb in disguise), or than the budget.
    if (size > e.size) return refuse(size > left ? 'too_large_unpacked' : 'damaged', { limit: budget });
    unpacked += size;
  }
  return { entries, unpackedBytes: unpacked };
}
