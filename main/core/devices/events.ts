/**
 * What drivers report. Every event carries `receivedAt` (ms since the epoch, from the chunk that
 * completed it); readings and scans carry the raw frame as hex so a reading keeps its provenance
 * (ARCHITECTURE.md, "Data"). `message` is Vietnamese for the nurse; `detail` is English for the log.
 */
import { toHex } from './bytes.ts';

/** Symbologies we name; anything else keeps the device's own code in `symbologyId`. */
export type Symbology =
  | 'qr'
  | 'data-matrix'
  | 'pdf417'
  | 'aztec'
  | 'code128'
  | 'code39'
  | 'ean-upc'
  | 'itf'
  | 'gs1-databar'
  | 'other';

export interface ScanEvent {
  type: 'scan';
  /** The joined payload bytes, suffix (CR/LF) and AIM prefix removed. */
  bytes: Uint8Array;
  rawHex: string;
  /** UTF-8 decoding of `bytes` (U+FFFD where invalid). */
  text: string;
  /** False when the bytes are not valid UTF-8: the scanner is probably set to a code page. */
  utf8Valid: boolean;
  symbology?: Symbology;
  /** AIM identifier as sent, e.g. "]Q1". */
  aim?: string;
  /** The vendor's own symbology code (HHP code id, Newland id) as hex, when sent. */
  symbologyId?: string;
  receivedAt: number;
}

export type BpFlag =
  | 'irregular-heartbeat'
  | 'body-movement'
  /** Part of an averaged series (Omron TruRead / Microlife MAM). */
  | 'averaged'
  | 'resting-indicator'
  /** The record belongs to the monitor's second user memory. */
  | 'user-2';

export interface BpReading {
  kind: 'bp';
  systolic: number;
  diastolic: number;
  pulse: number | null;
  /**
   * Device wall-clock time 'yyyy-mm-ddTHH:MM:SS' with no zone: monitors keep local time and know
   * nothing of time zones. See measured-at.ts to compare it with the PC clock.
   */
  measuredAt?: string;
  flags: BpFlag[];
  /** How many records the monitor held; the reading is the newest of them. */
  recordsOnDevice?: number;
}

export interface WeightReading {
  kind: 'weight';
  kg: number;
  stable: boolean;
}

export interface HeightReading {
  kind: 'height';
  cm: number;
}

export interface WeightHeightReading {
  kind: 'weight-height';
  kg: number;
  cm: number;
  /** As computed by the device, when it sends one. */
  bmi?: number;
}

export type Reading = BpReading | WeightReading | HeightReading | WeightHeightReading;

export interface ReadingEvent {
  type: 'reading';
  reading: Reading;
  rawHex: string;
  receivedAt: number;
}

export type DeviceErrorCode =
  /** The scale is over its capacity (OL, S +, Toledo out-of-range). */
  | 'overload'
  /** Below zero / under range (UL, S -): usually a tare problem. */
  | 'underload'
  | 'checksum'
  /** Bytes that are not this protocol at all: wrong baud rate, parity or driver. */
  | 'garbled'
  /** A frame of the right protocol that could not be decoded. */
  | 'bad-frame'
  /** A multi-part message stopped in the middle. */
  | 'truncated'
  | 'no-response'
  /** The device answered "no" or a protocol error code for our command. */
  | 'refused'
  /** The device reports a state that prevents a reading (busy, not zeroed, no stable weight). */
  | 'not-ready'
  | 'no-records'
  | 'invalid-reading'
  | 'invalid-config';

export interface DeviceErrorEvent {
  type: 'error';
  code: DeviceErrorCode;
  message: string;
  detail: string;
  rawHex?: string;
  receivedAt: number;
}

export type DeviceStatusCode =
  /** A download session began (commands were written). */
  | 'connecting'
  /** The device answered; `progress` counts records or memory blocks. */
  | 'downloading'
  /** The scale reports motion; a reading follows once it settles. */
  | 'waiting-stable'
  | 'done';

export interface DeviceStatusEvent {
  type: 'status';
  code: DeviceStatusCode;
  message: string;
  detail: string;
  progress?: { done: number; total: number };
  receivedAt: number;
}

export type DriverEvent = ScanEvent | ReadingEvent | DeviceErrorEvent | DeviceStatusEvent;

export function readingEvent(reading: Reading, raw: Uint8Array, receivedAt: number): ReadingEvent {
  return { type: 'reading', reading, rawHex: toHex(raw), receivedAt };
}

export function errorEvent(
  code: DeviceErrorCode,
  message: string,
  detail: string,
  receivedAt: number,
  raw?: Uint8Array,
): DeviceErrorEvent {
  return { type: 'error', code, message, detail, receivedAt, ...(raw ? { rawHex: toHex(raw) } : {}) };
}

export function statusEvent(
  code: DeviceStatusCode,
  message: string,
  detail: string,
  receivedAt: number,
  progress?: { done: number; total: number },
): DeviceStatusEvent {
  return { type: 'status', code, message, detail, receivedAt, ...(progress ? { progress } : {}) };
}

/** Vietnamese messages used by several drivers, kept together so the wording stays consistent. */
export const MSG = {
  overload: 'Cân quá tải: vượt mức cân tối đa.',
  underload: 'Cân báo dưới mức 0: kiểm tra trừ bì hoặc đưa cân về 0.',
  garbled:
    'Dữ liệu từ thiết bị không đọc được: kiểm tra tốc độ truyền (baud), bit dữ liệu và parity trong cài đặt cổng.',
  badFrame: 'Thiết bị gửi một khung dữ liệu không đúng định dạng, đã bỏ qua.',
  checksum: 'Khung dữ liệu sai mã kiểm tra (nhiễu đường truyền), đã bỏ qua.',
  noResponse: 'Thiết bị không trả lời: kiểm tra cáp, nguồn và cổng đã chọn.',
  noRecords: 'Máy đo chưa lưu kết quả nào trong bộ nhớ.',
  waitingStable: 'Đang chờ cân ổn định…',
  downloading: 'Đang tải kết quả từ máy đo…',
  invalidReading: 'Máy đo gửi kết quả không hợp lệ, hãy đo lại.',
} as const;
