/**
 * Omron HEM-7322U (M500 IT, M6 Comfort IT) and HEM-7131U (M400 IT, M3 IT): USB HID 0590:0090,
 * the protocol obpm uses (devices-protocols.md §2.2). Frames go out as HID report 0x02:
 *   02 | len type(2) addr(2) size 00 xor        (the XOR of len … xor is 0)
 *   start 08 0000 0000 10 00 18 · read 08 0100 aaaa ss 00 x · end 08 0F00 0000 00 00 07
 * Answers carry the same header with `size` data bytes after it (data at report offset 7).
 * User 1's memory starts at 0x02AC, 14 bytes per record (100 records on the 7322U, 60 on the
 * 7131U), user 2's right after. An empty slot starts with FF. The user must press START/STOP
 * before the monitor answers. Record bits (obpm):
 *   dia = b0, sys = b1 + 25, year = 2000 + b2, pulse = b3, month = b4>>2 & 15,
 *   day = (b4<<8 | b5)>>5 & 31, hour = b5 & 31, minute = (b6<<8 | b7)>>6 & 63.
 */
import { xorOf } from '../bytes.ts';
import type { DriverOutput } from '../driver.ts';
import { errorEvent, MSG, statusEvent, type DeviceErrorCode, type DriverEvent } from '../events.ts';
import { deviceLocalTime } from '../measured-at.ts';
import { downloadResult, type BpRecord } from '../pull/bp-records.ts';
import { PullDriver, type Verdict } from '../pull/pull-driver.ts';

export const OMRON_7322U_REPORT_ID = 0x02;
export const OMRON_7322U_MEMORY_START = 0x02ac;
export const OMRON_7322U_BLOCK = 0x28;
export const OMRON_RECORD_SIZE = 14;

/** One command frame as written: report id, then len … xor. */
export function omron7322uCommand(type: number, address: number, size: number): Uint8Array {
  const f = Uint8Array.of(
    OMRON_7322U_REPORT_ID,
    0x08,
    type >> 8,
    type & 0xff,
    address >> 8,
    address & 0xff,
    size,
    0x00,
    0x00,
  );
  f[8] = xorOf(f, 1, 8);
  return f;
}

export const OMRON_7322U_START = omron7322uCommand(0x0000, 0x0000, 0x10);
export const OMRON_7322U_END = omron7322uCommand(0x0f00, 0x0000, 0x00);

/** Splits an answer report; null unless its XOR and length add up. */
export function parseOmron7322uAnswer(
  r: Uint8Array,
): { type: number; address: number; data: Uint8Array } | null {
  const off = r[0] === OMRON_7322U_REPORT_ID ? 1 : 0; // some stacks strip the report id
  const len = r[off];
  if (len === undefined || len < 8 || off + len > r.length) return null;
  if (xorOf(r, off, off + len) !== 0) return null;
  // Data sits between the header and the pad+xor tail; a short answer (the start reply) has none.
  const size = Math.min(r[off + 5], len - 8);
  return {
    type: (r[off + 1] << 8) | r[off + 2],
    address: (r[off + 3] << 8) | r[off + 4],
    data: r.subarray(off + 6, off + 6 + size),
  };
}

export function decodeOmron7322uRecord(b: Uint8Array, user = 1): BpRecord | null {
  if (b.length < OMRON_RECORD_SIZE || b[0] === 0xff || b[1] === 0xff || b[2] === 0xff) return null;
  const month = (b[4] >> 2) & 0x0f;
  const day = (((b[4] << 8) | b[5]) >> 5) & 0x1f;
  const hour = b[5] & 0x1f;
  const minute = (((b[6] << 8) | b[7]) >> 6) & 0x3f;
  const measuredAt = deviceLocalTime(2000 + b[2], month, day, hour, minute);
  return {
    reading: {
      kind: 'bp',
      systolic: b[1] + 25,
      diastolic: b[0],
      pulse: b[3],
      ...(measuredAt ? { measuredAt } : {}),
      flags: user === 2 ? ['user-2'] : [],
    },
    raw: Uint8Array.from(b.subarray(0, OMRON_RECORD_SIZE)),
  };
}

export interface Omron7322uOptions {
  /** Records per user: 100 (HEM-7322U) or 60 (HEM-7131U). */
  recordsPerUser?: number;
  users?: 1 | 2;
}

export class Omron7322uMonitor extends PullDriver {
  readonly id: string;
  readonly #recordsPerUser: number;
  readonly #users: number;
  #memory = new Uint8Array(0);
  #block = 0;
  #blocks = 0;

  constructor(options: Omron7322uOptions = {}, id = 'bp-omron-7322u') {
    super();
    this.id = id;
    this.#recordsPerUser = options.recordsPerUser ?? 100;
    this.#users = options.users ?? 2;
  }

  protected begin(now: number): DriverOutput {
    const bytes = this.#users * this.#recordsPerUser * OMRON_RECORD_SIZE;
    this.#blocks = Math.ceil(bytes / OMRON_7322U_BLOCK);
    this.#memory = new Uint8Array(this.#blocks * OMRON_7322U_BLOCK);
    this.#block = 0;
    const out = this.ask('start', [{ bytes: OMRON_7322U_START }], now, { timeoutMs: 1500, attempts: 2 });
    return {
      events: [statusEvent('connecting', 'Đang kết nối máy đo Omron…', 'omron-7322u: start session', now)],
      writes: out.writes,
    };
  }

  /** Every answer fits one report, so there is no partial answer to drop. */
  protected clearReply(): void {}

  protected onChunk(label: string, report: Uint8Array, at: number): Verdict {
    const a = parseOmron7322uAnswer(report);
    if (!a) return { kind: 'retry', code: 'checksum', detail: `bad frame in answer to ${label}` };
    if (label === 'start') {
      const first = this.#readBlock(at);
      return {
        kind: 'next',
        out: {
          events: [
            statusEvent('downloading', MSG.downloading, 'omron-7322u: reading memory', at, {
              done: 0,
              total: this.#blocks,
            }),
            ...first.events,
          ],
          writes: first.writes,
        },
      };
    }
    const want = OMRON_7322U_MEMORY_START + this.#block * OMRON_7322U_BLOCK;
    if (a.address !== want || a.data.length < OMRON_7322U_BLOCK)
      return {
        kind: 'retry',
        code: 'bad-frame',
        detail: `answer for 0x${a.address.toString(16)} while reading 0x${want.toString(16)}`,
      };
    this.#memory.set(a.data.subarray(0, OMRON_7322U_BLOCK), this.#block * OMRON_7322U_BLOCK);
    this.#block++;
    return { kind: 'next', out: this.#readBlock(at) };
  }

  protected failure(label: string, code: DeviceErrorCode, detail: string, at: number): DriverEvent {
    const message =
      label === 'start' && code === 'no-response'
        ? 'Máy đo Omron chưa sẵn sàng: nhấn nút START/STOP trên máy đo rồi bấm tải lại.'
        : 'Dữ liệu từ máy đo Omron bị lỗi, hãy thử tải lại.';
    return errorEvent(code, message, `omron-7322u ${label}: ${detail}`, at);
  }

  #readBlock(at: number): DriverOutput {
    if (this.#block < this.#blocks) {
      const address = OMRON_7322U_MEMORY_START + this.#block * OMRON_7322U_BLOCK;
      return this.ask(
        `read 0x${address.toString(16)}`,
        [{ bytes: omron7322uCommand(0x0100, address, OMRON_7322U_BLOCK) }],
        at,
      );
    }
    this.finish();
    const records: BpRecord[] = [];
    for (let u = 0; u < this.#users; u++) {
      for (let i = 0; i < this.#recordsPerUser; i++) {
        const at0 = (u * this.#recordsPerUser + i) * OMRON_RECORD_SIZE;
        const rec = decodeOmron7322uRecord(this.#memory.subarray(at0, at0 + OMRON_RECORD_SIZE), u + 1);
        if (rec) records.push(rec);
      }
    }
    return {
      events: downloadResult(records, records.length, false, at, 'omron-7322u'),
      writes: [{ bytes: OMRON_7322U_END }],
    };
  }
}
