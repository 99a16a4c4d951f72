/** Names for the symbology codes scanners prepend or append (AIM ISO/IEC 15424 ids, Honeywell code ids). */
import type { Symbology } from '../events.ts';

const AIM: Readonly<Record<string, Symbology>> = {
  Q: 'qr',
  d: 'data-matrix',
  L: 'pdf417',
  z: 'aztec',
  C: 'code128',
  A: 'code39',
  E: 'ean-upc',
  I: 'itf',
  e: 'gs1-databar',
};

/** Honeywell/HHP code ids (byte 61 of a layout-A report). */
const HHP: Readonly<Record<string, Symbology>> = {
  s: 'qr',
  w: 'data-matrix',
  r: 'pdf417',
  z: 'aztec',
  j: 'code128',
  b: 'code39',
  d: 'ean-upc',
  c: 'ean-upc',
  e: 'itf',
  y: 'gs1-databar',
};

/** "]Q1" → 'qr'. Unknown but well-formed ids → 'other'. */
export function symbologyFromAim(aim: string): Symbology | undefined {
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(aim)) return undefined;
  return AIM[aim[1]] ?? 'other';
}

export function symbologyFromHhpCode(code: number): Symbology | undefined {
  if (code < 0x21 || code > 0x7e) return undefined;
  return HHP[String.fromCharCode(code)] ?? 'other';
}

/** An AIM id at the start of scanned bytes: "]" + letter + alphanumeric. */
export function leadingAim(bytes: Uint8Array): string | undefined {
  if (bytes.length < 3 || bytes[0] !== 0x5d) return undefined;
  const id = String.fromCharCode(bytes[0], bytes[1], bytes[2]);
  return /^\][A-Za-z][0-9A-Za-z]$/.test(id) ? id : undefined;
}
