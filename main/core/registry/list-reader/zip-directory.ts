import { Readable } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';

/**
 * Reads a ZIP file's central directory (names and sizes) and single entries. Before handing a file
 * to exceljs we want to know that it is a workbook at all (a .docx is a ZIP too) and how big it
 * will be once unpacked: a few megabytes of XLSX can expand to gigabytes, and the full loader would
 * try to hold all of it.
 */

export interface ZipEntry {
  name: string;
  /** General-purpose flags; bit 3 means sizes follow the data in a descriptor. */
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

const LOCAL_SIGNATURE = 0x04034b50;

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** One entry's bytes, inflated; null when it cannot be read (unknown method, damaged, too big). */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxOutput: number): Buffer | null {
  const data = entryData(bytes, entry);
  try {
    if (data && entry.method === 0) return Buffer.from(data);
    // One output chunk of the announced size (when it is believable), not thousands of 16 KB
    // chunks joined at the end.
    const chunkSize = Math.min(Math.max(entry.uncompressedSize + 1, 64 * 1024), maxOutput, 256 * 1024 * 1024);
    if (data && entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxOutput, chunkSize });
  } catch {
    return null;
  }
  return null;
}

/**
 * One entry's bytes as a stream of inflated chunks (inflated on libuv's thread pool), for parts of
 * tens of megabytes. A damaged entry makes the iteration throw.
 */
export function zipEntryStream(bytes: Uint8Array, entry: ZipEntry): AsyncIterable<Buffer> | null {
  const data = entryData(bytes, entry);
  if (!data || (entry.method !== 0 && entry.method !== 8)) return null;
  const source = Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
  if (entry.method === 0) return source;
  return source.pipe(createInflateRaw());
}

/**
 * Inflates every entry as a stream (on the thread pool, in small chunks, nothing kept), counting
 * the bytes as they come: 'lies' as soon as an entry passes the size the directory declares for it
 * (a 1.9 MB file declaring small entries inflated to 1.9 GB in a reader that trusted it), 'too-large'
 * once all of them pass `maxTotal`. A damaged entry is left for the reader to report.
 */
export async function checkDeclaredSizes(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  maxTotal: number,
): Promise<'ok' | 'lies' | 'too-large'> {
  let total = 0;
  for (const e of entries) {
    const stream = zipEntryStream(bytes, e);
    if (!stream) continue;
    let n = 0;
    try {
      for await (const chunk of stream) {
        n += chunk.length;
        total += chunk.length;
        // Leaving the loop destroys the inflater: the rest is never produced.
        if (n > e.uncompressedSize) return 'lies';
        if (total > maxTotal) return 'too-large';
      }
    } catch {
      // Damaged: not a size question.
    }
  }
  return 'ok';
}

/** Returns null when the central directory cannot be found or is malformed. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  return readDirectory(bytes)?.entries ?? null;
}

function readDirectory(bytes: Uint8Array): { entries: ZipEntry[]; centralOffset: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (< 64 KB).
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // 0xFFFFFFFF means the real size is in a ZIP64 field: far beyond anything we accept anyway.
    entries.push({
      name,
      flags,
      method,
      compressedSize,
      uncompressedSize: uncompressedSize === 0xffffffff ? Number.MAX_SAFE_INTEGER : uncompressedSize,
      localHeaderOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, centralOffset: view.getUint32(eocd + 16, true) };
}

const DESCRIPTOR_SIGNATURE = 0x08074b50;

/**
 * The same archive with its entries' local records in another order (bytes copied as they are,
 * the central directory left at the end). A streaming reader sees entries in file order, so this
 * lets it meet the parts it depends on (shared strings, styles) before the sheets. Returns null
 * when the records are not laid out as the directory says.
 */
export function reorderZip(
  bytes: Uint8Array,
  rank: (name: string) => number,
  prepend: Buffer[] = [],
): Buffer | null {
  const dir = readDirectory(bytes);
  if (!dir) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: { name: string; start: number; end: number }[] = [];
  for (const e of dir.entries) {
    const at = e.localHeaderOffset;
    if (at + 30 > dir.centralOffset || view.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
    let end = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + e.compressedSize;
    if (e.flags & 8)
      end += end + 4 <= bytes.length && view.getUint32(end, true) === DESCRIPTOR_SIGNATURE ? 16 : 12;
    if (end > dir.centralOffset) return null;
    records.push({ name: e.name, start: at, end });
  }
  const ordered = records
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i);
  return Buffer.concat([
    ...prepend,
    ...ordered.map((r) => bytes.subarray(r.start, r.end)),
    bytes.subarray(dir.centralOffset),
  ]);
}

/** A local record for a small uncompressed entry, to add a part a streaming reader expects. */
export function storedEntry(name: string, content: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = Buffer.from(content, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_SIGNATURE, 0);
  header.writeUInt16LE(20, 4); // version needed
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
}
