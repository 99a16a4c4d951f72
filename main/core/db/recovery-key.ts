/**
 * The recovery key: the database's own 32-byte SQLCipher key written for people — Crockford
 * base32 (no I, L, O, U; those typed by mistake are read as 1, 1, 0), with a CRC-16 so a mistyped
 * sheet is caught before anything is tried, in groups of five.
 *
 * Why a CRC and not a hash: a CRC of degree 16 detects every error burst of up to 16 bits. One
 * wrong character is a 5-bit burst and two neighbours swapped at most 10, so every such typo is
 * refused — a 2-byte slice of SHA-256 let one typo in 65,536 through and open nothing later.
 *
 * Why the key itself and not a key that wraps it: on a replacement PC the OS keystore's copy is
 * gone and so, often, is everything but a backup on a USB stick. A recovery key that encodes the
 * database key opens that backup with nothing else; a wrapping key would also need its wrapped
 * blob to have survived. The sheet is printed once at setup and kept locked away like a safe's
 * code. A rekey (db/rekey.ts) makes a new key and so a new recovery key; backups taken before it
 * still need the old one.
 */
import { AppError } from '../errors.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_BYTES = 2;

/** CRC-16/CCITT (polynomial 0x1021, initial 0xFFFF), most significant bit first. */
function checksum(key: Buffer): Buffer {
  let crc = 0xffff;
  for (const b of key) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return Buffer.from([crc >> 8, crc & 0xff]);
}

export function encodeRecoveryKey(key: Buffer): string {
  if (key.length !== 32) throw new Error('a database key is 32 bytes');
  const bytes = Buffer.concat([key, checksum(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,5}/g)!.join('-');
}

const invalid = (why: string) =>
  new AppError('INVALID_INPUT', {
    message: 'Mã khôi phục không đúng: kiểm tra lại từng ký tự trên tờ mã khôi phục.',
    logMessage: `recovery key refused: ${why}`,
  });

export function decodeRecoveryKey(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== 55) throw invalid(`length ${clean.length}`);
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw invalid('character outside the alphabet');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  // 55 characters carry 275 bits for 272: the last character's 3 low bits are padding, written as
  // zero. Without this check a typo there ('0' for '1', '8' for '9', …) decoded to the same key
  // and was accepted — a mistyped sheet must be refused as a mistyped sheet.
  if (value !== 0) throw invalid('padding bits set');
  const all = Buffer.from(bytes.slice(0, 32 + CHECK_BYTES));
  const key = all.subarray(0, 32);
  if (!all.subarray(32).equals(checksum(key))) throw invalid('checksum');
  return Buffer.from(key);
}
