/**
 * Omron HEM-790IT family (HEM-790IT, BP-791IT, M10-IT, HEM-7080IT): USB HID 0590:0028, the
 * libomron protocol (devices-protocols.md §2.1).
 *
 * Reports are 8 bytes without a report id: byte 0 counts the valid bytes that follow (≤ 7). We
 * write them with a leading 0x00 report id, as hidapi requires. A session:
 *   1. feature report 00 74 BC (daily-readings mode), then a "clear block" of 23 zero bytes,
 *      repeated until the monitor answers "OK";
 *   2. "GDC" 00 bank 00 00 chk → "OK" 00 … count … xor; the count is byte 6;
 *   3. "GME" 00 bank 00 index chk, for every index → "OK" 00 + 14-byte record;
 * A "NO" answer or a garbled one is retried. Answers are XOR-checked: the bytes after "OK" XOR to 0.
 * Record: yy mm dd HH MM SS unit sysHi sys dia pulse flagsHi flagsLo xor (SYS can exceed 255).
 */
import { xorOf } from '../bytes.ts';
import type { DriverOutput, DriverWrite } from '../driver.ts';
import { eventsOnly } from '../driver.ts';
import {
  errorEvent,
  MSG,
  statusEvent,
  type BpFlag,
  type DeviceErrorCode,
  type DriverEvent,
} from '../events.ts';
import { deviceLocalTime } from '../measured-at.ts';
import { downloadResult, type BpRecord } from '../pull/bp-records.ts';
import { PullDriver, type Verdict } from '../pull/pull-driver.ts';

export const OMRON_IT_DAILY_MODE: Uint8Array = Uint8Array.of(0x00, 0x74, 0xbc);
const OK = [0x4f, 0x4b];
const NO = [0x4e, 0x4f];

/** Splits a command into output reports: [report id 0, count, up to 7 bytes, zero padding]. */
export function omronItReports(command: ArrayLike<number>): Uint8Array[] {
  const out: Uint8Array[] = [];
  const bytes = Array.from(command);
  for (let i = 0; i < bytes.length; i += 7) {
    const part = bytes.slice(i, i + 7);
    const r = new Uint8Array(9);
    r[1] = part.length;
    r.set(part, 2);
    out.push(r);
  }
  return out;
}

export const omronItCountCommand = (bank: number): number[] => [
  0x47,
  0x44,
  0x43,
  0x00,
  bank,
  0x00,
  0x00,
  bank,
];
export const omronItRecordCommand = (bank: number, index: number): number[] => [
  0x47,
  0x4d,
  0x45,
  0x00,
  bank,
  0x00,
  index,
  index ^ bank,
];
export const OMRON_IT_CLEAR = new Array<number>(23).fill(0);

/** Decodes a 14-byte GME record; null when its checksum fails or the date is impossible. */
export function decodeOmronItRecord(rec: Uint8Array, bank = 0): BpRecord | null {
  if (rec.length < 14 || xorOf(rec, 0, 13) !== rec[13]) return null;
  const flagsWord = (rec[11] << 8) | rec[12];
  const flags: BpFlag[] = [];
  if (flagsWord & 0x0001) flags.push('irregular-heartbeat');
  if (flagsWord & 0x0002) flags.push('body-movement');
  if (flagsWord & 0x0030) flags.push('averaged');
  if (bank === 1) flags.push('user-2');
  const measuredAt = deviceLocalTime(2000 + rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]);
  return {
    reading: {
      kind: 'bp',
      systolic: (rec[7] << 8) | rec[8],
      diastolic: rec[9],
      pulse: rec[10],
      ...(measuredAt ? { measuredAt } : {}),
      flags,
    },
    raw: Uint8Array.from(rec.subarray(0, 14)),
  };
}

export interface OmronItOptions {
  /** Memory banks (users) to read. The 790IT has two; single-user models answer only bank 0. */
  banks?: number[];
  /** Read at most this many records per bank (the newest are at the lowest indexes). */
  maxRecords?: number;
}

type Step =
  | { name: 'clear' }
  | { name: 'count'; bank: number }
  | { name: 'record'; bank: number; index: number; count: number };

export class OmronItMonitor extends PullDriver {
  readonly id: string;
  readonly #banks: number[];
  readonly #maxRecords: number;
  #step: Step = { name: 'clear' };
  #reply: number[] = [];
  #bankIndex = 0;
  #records: BpRecord[] = [];
  #held = 0;

  constructor(options: OmronItOptions = {}, id = 'bp-omron-it') {
    super();
    this.id = id;
    this.#banks = options.banks?.length ? options.banks : [0];
    this.#maxRecords = options.maxRecords ?? 100;
  }

  protected begin(now: number): DriverOutput {
    this.#records = [];
    this.#held = 0;
    this.#bankIndex = 0;
    this.#step = { name: 'clear' };
    const writes: DriverWrite[] = [
      { bytes: OMRON_IT_DAILY_MODE, report: 'feature' },
      ...omronItReports(OMRON_IT_CLEAR).map((bytes) => ({ bytes })),
    ];
    const out = this.ask('clear', writes, now, { attempts: 5 });
    return {
      events: [
        statusEvent('connecting', 'Đang kết nối máy đo Omron…', 'libomron: daily mode + clear block', now),
      ],
      writes: out.writes,
    };
  }

  protected clearReply(): void {
    this.#reply = [];
  }

  protected onChunk(label: string, report: Uint8Array, at: number): Verdict {
    // hidapi strips the absent report id on every platform; tolerate a 9-byte report that kept it.
    const r = report.length === 9 && report[0] === 0 ? report.subarray(1) : report;
    const count = Math.min(r[0] & 0x0f, 7, r.length - 1);
    for (let i = 1; i <= count; i++) this.#reply.push(r[i]);
    const reply = this.#reply;
    if (reply.length < 2) return { kind: 'wait' };
    if (reply[0] === NO[0] && reply[1] === NO[1])
      return { kind: 'retry', code: 'refused', detail: `"NO" to ${label}` };
    if (reply[0] !== OK[0] || reply[1] !== OK[1])
      return { kind: 'retry', code: 'garbled', detail: `garbled answer to ${label}` };
    const step = this.#step;
    if (step.name === 'clear') return { kind: 'next', out: this.#askCount(at) };
    const expected = step.name === 'count' ? 8 : 17;
    if (reply.length < expected) return { kind: 'wait' };
    const body = Uint8Array.from(reply.slice(0, expected));
    if (xorOf(body, 2) !== 0)
      return { kind: 'retry', code: 'checksum', detail: `XOR check failed for ${label}` };
    if (step.name === 'count') return { kind: 'next', out: this.#afterCount(step.bank, body[6], at) };
    const rec = decodeOmronItRecord(body.subarray(3), step.bank);
    if (!rec) return { kind: 'retry', code: 'checksum', detail: `record ${step.index} failed its own check` };
    this.#records.push(rec);
    return { kind: 'next', out: this.#askRecord(step.bank, step.index + 1, step.count, at) };
  }

  protected failure(label: string, code: DeviceErrorCode, detail: string, at: number): DriverEvent {
    const message =
      code === 'no-response'
        ? 'Máy đo Omron không trả lời: kiểm tra cáp USB, chờ máy đo xong phép đo rồi bấm tải lại.'
        : code === 'refused'
          ? 'Máy đo Omron từ chối lệnh đọc bộ nhớ, hãy thử lại.'
          : 'Dữ liệu từ máy đo Omron bị lỗi, hãy rút cáp, cắm lại và thử lại.';
    return errorEvent(code, message, `omron-it ${label}: ${detail}`, at);
  }

  #askCount(at: number): DriverOutput {
    const bank = this.#banks[this.#bankIndex];
    this.#step = { name: 'count', bank };
    return this.ask(
      `GDC bank ${bank}`,
      omronItReports(omronItCountCommand(bank)).map((bytes) => ({ bytes })),
      at,
    );
  }

  #afterCount(bank: number, count: number, at: number): DriverOutput {
    this.#held += count;
    const toRead = Math.min(count, this.#maxRecords);
    const progress = statusEvent(
      'downloading',
      MSG.downloading,
      `omron-it bank ${bank}: ${count} records`,
      at,
      { done: 0, total: toRead },
    );
    const out = this.#askRecord(bank, 0, toRead, at);
    return { events: [progress, ...out.events], writes: out.writes };
  }

  #askRecord(bank: number, index: number, count: number, at: number): DriverOutput {
    if (index < count) {
      this.#step = { name: 'record', bank, index, count };
      return this.ask(
        `GME bank ${bank} #${index}`,
        omronItReports(omronItRecordCommand(bank, index)).map((bytes) => ({ bytes })),
        at,
      );
    }
    this.#bankIndex++;
    if (this.#bankIndex < this.#banks.length) return this.#askCount(at);
    this.finish();
    return eventsOnly(downloadResult(this.#records, this.#held, true, at, 'omron-it'));
  }
}
