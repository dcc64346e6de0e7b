/**
 * What a file is, by its first bytes (and, for a ZIP, by the names of its
 * parts), before anything is parsed: a text table, an Excel workbook, or
 * something the map cannot read (a PDF, an image, a program, an archive, a
 * Word document, random bytes), refused with what it seems to be. The file's
 * name is not trusted: a PNG named .csv is a PNG.
 */
import type { FileKind } from './problems';
import { zipEntries } from './zip';

export type Sniffed = { kind: 'text' } | { kind: 'xlsx' } | { kind: 'xls' } | { kind: 'refused'; seemsTo: FileKind };

/** Bytes read from the start of a file to decide. */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly [FileKind, readonly number[], number?][] = [
  ['pdf', ascii('%PDF-')],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', ascii('GIF8')],
  ['tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
  ['icon', [0x00, 0x00, 0x01, 0x00]],
  ['executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['executable', [0xcf, 0xfa, 0xed, 0xfe]],
  ['executable', [0xce, 0xfa, 0xed, 0xfe]],
  ['executable', [0xca, 0xfe, 0xba, 0xbe]],
  ['executable', [0x00, 0x61, 0x73, 0x6d]],
  ['archive', [0x1f, 0x8b]],
  ['archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['archive', ascii('Rar!')],
  ['archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['sqlite', ascii('SQLite format 3')],
  ['media', ascii('ID3')],
  ['media', ascii('OggS')],
  ['media', ascii('fLaC')],
  ['media', [0x1a, 0x45, 0xdf, 0xa3]],
  ['media', ascii('ftyp'), 4],
]; // prettier-ignore

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What a ZIP holds, by the names of its parts. */
function zipKind(bytes: Uint8Array | null): Sniffed {
  const entries = bytes ? zipEntries(bytes) : null;
  if (!entries) return { kind: 'refused', seemsTo: 'zip' };
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.xml')) return { kind: 'xlsx' };
  if ([...names].some((n) => n.startsWith('word/'))) return { kind: 'refused', seemsTo: 'word' };
  if ([...names].some((n) => n.startsWith('ppt/'))) return { kind: 'refused', seemsTo: 'powerpoint' };
  if (names.has('mimetype') || names.has('content.xml')) return { kind: 'refused', seemsTo: 'opendocument' };
  return { kind: 'refused', seemsTo: 'zip' };
}

/** UTF-16 code units of bytes (an odd last byte is dropped). */
function codeUnits(bytes: Uint8Array, order: 'le' | 'be'): Uint16Array {
  const units = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < units.length; i++)
    units[i] = order === 'le' ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8) : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!;
  return units;
}

/** NUL, or control characters other than tab, line breaks, form feed and escape: not a table. */
function notText(units: ArrayLike<number>): boolean {
  let control = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u === 0) return true;
    if (u < 0x20 && u !== 9 && u !== 10 && u !== 13 && u !== 12 && u !== 27) control++;
  }
  return control > Math.max(2, units.length / 200);
}

/**
 * Sorts a file by its first bytes. `whole` is the file's bytes when the caller
 * has them (a ZIP's directory is at its end); without them a ZIP is judged by
 * its name's extension only as far as "a workbook to be checked".
 */
export function sniffBytes(head: Uint8Array, whole: Uint8Array | null = null): Sniffed {
  if (head.length === 0) return { kind: 'text' };
  // Text with a byte-order mark: its characters (not its bytes: UTF-16 has NUL bytes by nature) are checked.
  const utf16 = startsWith(head, [0xff, 0xfe]) ? 'le' : startsWith(head, [0xfe, 0xff]) ? 'be' : null;
  if (utf16 || startsWith(head, [0xef, 0xbb, 0xbf])) {
    const units = utf16 ? codeUnits(head.subarray(2), utf16) : head.subarray(3);
    return notText(units) ? { kind: 'refused', seemsTo: 'binary' } : { kind: 'text' };
  }
  if (startsWith(head, ascii('PK\x03\x04')) || startsWith(head, ascii('PK\x05\x06'))) return zipKind(whole);
  if (startsWith(head, OLE)) return { kind: 'xls' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8))
    return { kind: 'refused', seemsTo: 'webp' };
  if (startsWith(head, ascii('RIFF'))) return { kind: 'refused', seemsTo: 'media' };
  if (startsWith(head, ascii('BM')) && head.length > 10 && head[6] === 0 && head[7] === 0)
    return { kind: 'refused', seemsTo: 'bmp' };
  for (const [kind, sig, at] of SIGNATURES)
    if (startsWith(head, sig, at ?? 0)) return { kind: 'refused', seemsTo: kind };
  if (notText(head)) {
    // Two-letter signatures are trusted only on bytes that are not text anyway.
    if (startsWith(head, ascii('MZ'))) return { kind: 'refused', seemsTo: 'executable' };
    if (startsWith(head, ascii('BZh'))) return { kind: 'refused', seemsTo: 'archive' };
    return { kind: 'refused', seemsTo: 'binary' };
  }
  const first = String.fromCharCode(...head.subarray(0, 64)).trimStart()[0];
  if (first === '{' || first === '[') return { kind: 'refused', seemsTo: 'json' };
  return { kind: 'text' };
}

/** Sniffs a Blob: its first bytes, and all of it when it is a ZIP small enough to be a workbook. */
export async function sniffFile(file: Blob, maxZipBytes: number): Promise<Sniffed> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const isZip = startsWith(head, ascii('PK'));
  const whole = isZip && file.size <= maxZipBytes ? new Uint8Array(await file.arrayBuffer()) : null;
  if (isZip && !whole) return { kind: 'xlsx' }; // too large: the workbook reader refuses it by size
  return sniffBytes(head, whole);
}
