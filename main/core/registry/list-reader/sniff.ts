/**
 * What a file really is, from its first bytes, whatever its name says. Stations receive lists as
 * e-mail attachments and USB copies: ".xls" files that are HTML pages exported by a web portal,
 * ".xlsx" files that are CSV text, old Excel 97-2003 workbooks. Reading by content lets us accept
 * what we can and name the problem precisely when we cannot.
 */

export type ContentKind =
  | 'zip' // XLSX (or another OOXML/ODF container: checked when opened)
  | 'ods'
  | 'ole2' // Excel 97-2003 .xls, or a password-protected .xlsx (both are OLE2 compound files)
  | 'ole2-encrypted'
  | 'html'
  | 'pdf'
  | 'text'
  | 'binary'
  | 'empty';

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean =>
  sig.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF

/** "EncryptionInfo" in UTF-16LE: the stream an encrypted OOXML package carries inside its OLE2 wrapper. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

export function sniffContent(bytes: Uint8Array): ContentKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    // ODF puts an uncompressed "mimetype" entry first, whose content starts at byte 38.
    const head = Buffer.from(bytes.subarray(30, 100)).toString('latin1');
    return head.includes('application/vnd.oasis.opendocument') ? 'ods' : 'zip';
  }
  if (startsWith(bytes, OLE2)) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO)
      ? 'ole2-encrypted'
      : 'ole2';
  }
  if (startsWith(bytes, PDF)) return 'pdf';
  if (looksLikeHtml(bytes)) return 'html';
  return looksBinary(bytes) ? 'binary' : 'text';
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  // Skip a BOM and the UTF-16 zero bytes so "<html" is found in any of the encodings we read.
  const head = Buffer.from(bytes.subarray(0, 2048))
    .toString('latin1')
    .replace(/\0/g, '')
    .replace(/^\uFEFF|^\xEF\xBB\xBF|^\xFF\xFE|^\xFE\xFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  return (
    /^<(!doctype html|html|table|\?xml[^>]*>\s*<html|meta|head|body)/.test(head) ||
    /^<\?xml[\s\S]*urn:schemas-microsoft-com:office:spreadsheet/.test(head)
  );
}

/**
 * Text files have almost no NUL bytes (UTF-16 aside, recognised by its BOM or its zero pattern) and
 * few control characters; a stray one in a CSV is tolerated (and removed when decoding). A sample of
 * the first 64 KB decides.
 */
function looksBinary(bytes: Uint8Array): boolean {
  if (isUtf16Bom(bytes) || looksLikeBomlessUtf16(bytes) !== null) return false;
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control > 2 + n * 0.01;
}

export function isUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * UTF-16 without a BOM: text in the Latin range has every other byte zero. Returns the byte order,
 * or null when the pattern is absent.
 */
export function looksLikeBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}
