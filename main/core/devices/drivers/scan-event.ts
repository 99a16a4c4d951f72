/** Turns the joined bytes of one barcode into a scan event (shared by the HID POS and serial scanners). */
import { decodeUtf8, toHex } from '../bytes.ts';
import type { ScanEvent, Symbology } from '../events.ts';

/** Drops the CR/LF/TAB suffix a scanner appends (and NULs some firmwares pad with). */
export function trimScanSuffix(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (
    end > 0 &&
    (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x09 || bytes[end - 1] === 0x00)
  )
    end--;
  return bytes.subarray(0, end);
}

export function scanEvent(
  payload: Uint8Array,
  receivedAt: number,
  meta: { symbology?: Symbology; aim?: string; symbologyId?: string } = {},
): ScanEvent {
  const bytes = Uint8Array.from(trimScanSuffix(payload));
  // Decode only now, after every report or chunk has been joined: one Vietnamese letter is up to
  // three UTF-8 bytes and may straddle a report boundary.
  const { text, valid } = decodeUtf8(bytes);
  return {
    type: 'scan',
    bytes,
    rawHex: toHex(bytes),
    text,
    utf8Valid: valid,
    ...(meta.symbology ? { symbology: meta.symbology } : {}),
    ...(meta.aim ? { aim: meta.aim } : {}),
    ...(meta.symbologyId ? { symbologyId: meta.symbologyId } : {}),
    receivedAt,
  };
}
