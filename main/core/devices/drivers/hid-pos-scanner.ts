/**
 * 2D scanners in USB HID POS mode (usage page 0x8C). Each 64-byte input report (report id 0x02,
 * kept by node-hid on every platform) carries up to 56 bytes of the barcode; bit 0 of byte 63 says
 * more reports follow. Two layouts exist (devices-protocols.md §1.2):
 *   A (Honeywell/HHP, Access-IS): [1] length, [2..4] AIM id "]Q1", [5..60] data, [61] HHP code id
 *   B (Newland and its rebrands):  [1] length, [2..57] data, [62] vendor symbology id
 * A CCCD QR (100–200 bytes of UTF-8) spans 2–4 reports, so reports are joined first and decoded after.
 */
import { toHex } from '../bytes.ts';
import type { Driver, DriverOutput } from '../driver.ts';
import { eventsOnly, noOutput } from '../driver.ts';
import { errorEvent, type DriverEvent, type Symbology } from '../events.ts';
import { ErrorLimiter } from '../framing/error-limiter.ts';
import { scanEvent } from './scan-event.ts';
import { leadingAim, symbologyFromAim, symbologyFromHhpCode } from './symbology.ts';

export type HidPosLayout = 'A' | 'B';

export interface HidPosScannerOptions {
  /** 'auto' picks A when bytes 2–4 hold an AIM id. Prefer the explicit layout for a known model. */
  layout?: HidPosLayout | 'auto';
  /** How long to wait for a continuation report before dropping a half scan (ms). */
  continuationTimeoutMs?: number;
}

/** Vendors known to use layout A; others (Newland 0x1eab and engines like it) use B. */
const LAYOUT_A_VENDORS = new Set([0x0c2e, 0x23d0, 0x0536]);

export function hidPosLayoutForVendor(vendorId: number | string): HidPosLayout {
  const v = typeof vendorId === 'string' ? parseInt(vendorId, 16) : vendorId;
  return LAYOUT_A_VENDORS.has(v) ? 'A' : 'B';
}

export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_REPORT_LENGTH = 64;
const MAX_DATA_PER_REPORT = 56;
/** A QR code holds at most 2,953 bytes; anything longer is a stuck continuation bit. */
const MAX_SCAN_BYTES = 4096;

interface ReportParts {
  layout: HidPosLayout;
  data: Uint8Array;
  continued: boolean;
  aim?: string;
  symbologyCode: number;
}

function looksLikeAim(r: Uint8Array, at: number): boolean {
  return leadingAim(r.subarray(at, at + 3)) !== undefined;
}

/** Splits one report into its fields; null when it is not a scanned-data report of this layout. */
export function parseHidPosReport(r: Uint8Array, layout: HidPosLayout): ReportParts | null {
  if (r.length < HID_POS_REPORT_LENGTH || r[0] !== HID_POS_REPORT_ID) return null;
  const len = r[1];
  if (len > MAX_DATA_PER_REPORT) return null;
  const continued = (r[63] & 0x01) === 1;
  if (layout === 'A') {
    const aim = looksLikeAim(r, 2) ? String.fromCharCode(r[2], r[3], r[4]) : undefined;
    return { layout, data: r.subarray(5, 5 + len), continued, aim, symbologyCode: r[61] };
  }
  return { layout, data: r.subarray(2, 2 + len), continued, symbologyCode: r[62] };
}

export class HidPosScanner implements Driver {
  readonly id: string;
  readonly pull = false;
  readonly tickIntervalMs = 100;
  readonly #layout: HidPosLayout | 'auto';
  readonly #timeoutMs: number;
  readonly #errors = new ErrorLimiter(2000);
  #parts: Uint8Array[] = [];
  #size = 0;
  #first: ReportParts | null = null;
  #lastReportAt = 0;

  constructor(options: HidPosScannerOptions = {}, id = 'scanner-hidpos') {
    this.id = id;
    this.#layout = options.layout ?? 'auto';
    this.#timeoutMs = options.continuationTimeoutMs ?? 500;
  }

  start(): DriverOutput {
    return noOutput();
  }

  push(report: Uint8Array, at: number): DriverOutput {
    const events: DriverEvent[] = [];
    // A report arriving long after an unfinished one belongs to a new scan.
    events.push(...this.#expire(at));
    if (report.length && report[0] !== HID_POS_REPORT_ID) return eventsOnly(events); // status/other reports
    const layout = this.#first?.layout ?? this.#pickLayout(report);
    const parts = parseHidPosReport(report, layout);
    if (!parts) {
      this.#drop();
      events.push(
        ...this.#errors.pass(
          errorEvent(
            'bad-frame',
            'Máy quét gửi dữ liệu không đúng định dạng HID POS, hãy quét lại.',
            `not a ${layout} HID POS report (${report.length} bytes)`,
            at,
            report.subarray(0, 64),
          ),
        ),
      );
      return eventsOnly(events);
    }
    this.#first ??= parts;
    this.#parts.push(Uint8Array.from(parts.data));
    this.#size += parts.data.length;
    this.#lastReportAt = at;
    if (this.#size > MAX_SCAN_BYTES) {
      this.#drop();
      events.push(
        errorEvent(
          'truncated',
          'Mã quét quá dài hoặc máy quét bị kẹt, hãy quét lại.',
          `HID POS scan exceeded ${MAX_SCAN_BYTES} bytes`,
          at,
        ),
      );
      return eventsOnly(events);
    }
    if (parts.continued) return eventsOnly(events);
    events.push(...this.#complete(at));
    return eventsOnly(events);
  }

  tick(now: number): DriverOutput {
    return eventsOnly(this.#expire(now));
  }

  reset(): void {
    this.#drop();
    this.#errors.reset();
  }

  #pickLayout(r: Uint8Array): HidPosLayout {
    if (this.#layout !== 'auto') return this.#layout;
    return r.length >= 5 && looksLikeAim(r, 2) ? 'A' : 'B';
  }

  #complete(at: number): DriverEvent[] {
    const first = this.#first as ReportParts;
    let payload = new Uint8Array(this.#size);
    let offset = 0;
    for (const p of this.#parts) {
      payload.set(p, offset);
      offset += p.length;
    }
    this.#drop();
    if (!payload.length) return [];
    let aim = first.aim;
    // Layout B scanners configured to "transmit AIM id" put it in the data itself.
    if (!aim) {
      aim = leadingAim(payload);
      if (aim) payload = payload.subarray(3);
    }
    const symbology: Symbology | undefined =
      (aim ? symbologyFromAim(aim) : undefined) ??
      (first.layout === 'A' ? symbologyFromHhpCode(first.symbologyCode) : undefined);
    const symbologyId = first.symbologyCode ? toHex(Uint8Array.of(first.symbologyCode)) : undefined;
    return [scanEvent(payload, at, { symbology, aim, symbologyId })];
  }

  #expire(now: number): DriverEvent[] {
    if (!this.#first || now - this.#lastReportAt <= this.#timeoutMs) return [];
    const got = this.#size;
    this.#drop();
    return [
      errorEvent(
        'truncated',
        'Mã quét bị cắt giữa chừng (thiếu phần cuối), hãy quét lại.',
        `HID POS continuation report missing after ${got} bytes`,
        now,
      ),
    ];
  }

  #drop(): void {
    this.#parts = [];
    this.#size = 0;
    this.#first = null;
  }
}
