import { looksLikeBomlessUtf16 } from './sniff.ts';

/**
 * Bytes of a text file → string. UTF-8 (with or without BOM) and UTF-16 (BOM, or the zero-byte
 * pattern) decode directly. Anything else is an 8-bit legacy file: it is decoded byte-for-byte
 * (latin1) and marked 'legacy-8bit', because whether those bytes are TCVN3 or Windows-1258 can only
 * be judged cell by cell after parsing (see legacy-cells.ts).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'legacy-8bit';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  const { text, encoding } = decode(bytes);
  // A stray NUL (a file cut and pasted by a tool) would otherwise end up inside a cell.
  return { text: text.includes('\0') ? text.replaceAll('\0', '') : text, encoding };
}

function decode(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = looksLikeBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      encoding: 'legacy-8bit',
    };
  }
}
