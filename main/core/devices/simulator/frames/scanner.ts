/** Byte frames a 2D scanner sends, for tests, demos and `hssk` device simulation. */
import { asciiBytes, concatBytes, utf8Bytes } from '../../bytes.ts';
import { HID_POS_REPORT_ID, HID_POS_REPORT_LENGTH } from '../../drivers/hid-pos-scanner.ts';

export interface HidPosFrameOptions {
  layout: 'A' | 'B';
  /** Layout A: the AIM id in bytes 2–4 of every report. Default "]Q1". */
  aim?: string;
  /** Layout A byte 61 (HHP code id, 's' = QR) / layout B byte 62 (vendor id). */
  symbologyCode?: number;
  /** Data bytes per report (≤ 56). Smaller values force more continuation reports. */
  dataPerReport?: number;
}

/**
 * The 64-byte input reports (report id 0x02 included, as node-hid delivers them) for one scan.
 * Reports are cut at byte boundaries, not character boundaries, so multi-byte UTF-8 letters are
 * split across reports just as a real scanner does it.
 */
export function hidPosReports(payload: string | Uint8Array, options: HidPosFrameOptions): Uint8Array[] {
  const data = typeof payload === 'string' ? utf8Bytes(payload) : payload;
  const per = Math.max(1, Math.min(56, options.dataPerReport ?? 56));
  const aim = asciiBytes(options.aim ?? ']Q1');
  const reports: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < data.length; at += per) {
    const part = data.subarray(at, at + per);
    const r = new Uint8Array(HID_POS_REPORT_LENGTH);
    r[0] = HID_POS_REPORT_ID;
    r[1] = part.length;
    if (options.layout === 'A') {
      r.set(aim.subarray(0, 3), 2);
      r.set(part, 5);
      r[61] = options.symbologyCode ?? 0x73;
    } else {
      r.set(part, 2);
      r[62] = options.symbologyCode ?? 0x00;
    }
    r[63] = at + per < data.length ? 0x01 : 0x00;
    reports.push(r);
  }
  return reports;
}

/** A serial/CDC scan: optional AIM prefix, the payload, the suffix. */
export function serialScanBytes(
  payload: string | Uint8Array,
  suffix: '' | '\r' | '\n' | '\r\n' = '\r\n',
  aim?: string,
): Uint8Array {
  const data = typeof payload === 'string' ? utf8Bytes(payload) : payload;
  return concatBytes([aim ? asciiBytes(aim) : new Uint8Array(0), data, asciiBytes(suffix)]);
}

/** Splits bytes into chunks of the given sizes (cycled), as a USB-serial bridge delivers them. */
export function chunked(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  for (let at = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}
