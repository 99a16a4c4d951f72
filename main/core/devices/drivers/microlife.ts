/**
 * Microlife monitors with the BPA-100 USB protocol (e.g. BP3GX1-5X): HID 04B4:5500
 * (devices-protocols.md §2.6, after joergmlpts/blood-pressure-monitor bpm_usb.py).
 * Reports are 8 bytes; the low nibble of byte 0 counts the valid bytes after it. The command
 * 12 16 18 22 ("read cycles") is answered with ACK (0x06), then ASCII hex:
 *   [0..4) record count · [8..32) patient id · from 32, 32-char records · 2-char checksum
 * The checksum is the byte sum of everything between ACK and the checksum, as "%02X". The answer
 * has no terminator: it ends when its length is reached or the device falls silent. Garbage or a
 * checksum mismatch is retried (the reference client tries up to 15 times).
 * Record: [0..10) yymmddHHMM · [16..24) 32-bit word: sys = w & 0x3FF, dia = w>>10 & 0x3FF, pulse = w>>20 & 0x3FF.
 */
import { asciiOf } from '../bytes.ts';
import type { DriverOutput } from '../driver.ts';
import { errorEvent, MSG, statusEvent, type DeviceErrorCode, type DriverEvent } from '../events.ts';
import { deviceLocalTime } from '../measured-at.ts';
import { downloadResult, type BpRecord } from '../pull/bp-records.ts';
import { PullDriver, type Verdict } from '../pull/pull-driver.ts';

export const MICROLIFE_ACK = 0x06;
export const MICROLIFE_READ_CYCLES = [0x12, 0x16, 0x18, 0x22];
const FIRST_RECORD = 32;
const RECORD_LENGTH = 32;
/** The largest memory of the family is a few hundred records; anything longer is garbage. */
const MAX_RECORDS = 400;

/** One output report: report id 0, count, the bytes, zero padding (9 bytes). */
export function microlifeReport(bytes: readonly number[]): Uint8Array {
  const r = new Uint8Array(9);
  r[1] = bytes.length;
  r.set(bytes, 2);
  return r;
}

export function microlifeChecksum(payload: string): string {
  let s = 0;
  for (let i = 0; i < payload.length; i++) s += payload.charCodeAt(i);
  return (s % 256).toString(16).toUpperCase().padStart(2, '0');
}

export function decodeMicrolifeRecord(record: string): BpRecord | null {
  if (
    record.length < 24 ||
    !/^\d{10}$/.test(record.slice(0, 10)) ||
    !/^[0-9A-Fa-f]{8}$/.test(record.slice(16, 24))
  )
    return null;
  const d = record.slice(0, 10);
  const measuredAt = deviceLocalTime(
    2000 + Number(d.slice(0, 2)),
    Number(d.slice(2, 4)),
    Number(d.slice(4, 6)),
    Number(d.slice(6, 8)),
    Number(d.slice(8, 10)),
  );
  if (!measuredAt) return null; // the reference client skips records whose date does not parse
  const w = parseInt(record.slice(16, 24), 16);
  return {
    reading: {
      kind: 'bp',
      systolic: w & 0x3ff,
      diastolic: (w >>> 10) & 0x3ff,
      pulse: (w >>> 20) & 0x3ff,
      measuredAt,
      flags: [],
    },
    raw: Uint8Array.from(record.slice(0, RECORD_LENGTH), (c) => c.charCodeAt(0)),
  };
}

/** Decodes a complete answer (ACK … checksum). Returns why not when it is unusable. */
export function parseMicrolifeCycles(
  answer: Uint8Array,
): { count: number; records: BpRecord[] } | { problem: DeviceErrorCode; detail: string } {
  if (answer.length <= 3 || answer[0] !== MICROLIFE_ACK)
    return { problem: 'garbled', detail: 'answer does not start with ACK' };
  const text = asciiOf(answer.subarray(1, answer.length - 2));
  const sent = asciiOf(answer.subarray(answer.length - 2)).toUpperCase();
  if (microlifeChecksum(text) !== sent)
    return { problem: 'checksum', detail: `checksum ${sent} != ${microlifeChecksum(text)}` };
  if (!/^[0-9A-Fa-f]{4}/.test(text)) return { problem: 'garbled', detail: 'record count is not hex' };
  const count = parseInt(text.slice(0, 4), 16);
  const records: BpRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rec = text.slice(FIRST_RECORD + i * RECORD_LENGTH, FIRST_RECORD + (i + 1) * RECORD_LENGTH);
    if (rec.length < RECORD_LENGTH) break;
    const r = decodeMicrolifeRecord(rec);
    if (r) records.push(r);
  }
  return { count, records };
}

export class MicrolifeMonitor extends PullDriver {
  readonly id: string;
  #reply: number[] = [];

  constructor(id = 'bp-microlife') {
    super();
    this.id = id;
  }

  protected begin(now: number): DriverOutput {
    const out = this.ask('read cycles', [{ bytes: microlifeReport(MICROLIFE_READ_CYCLES) }], now, {
      attempts: 15,
      timeoutMs: 1500,
      quietMs: 150,
    });
    return {
      events: [
        statusEvent('connecting', 'Đang kết nối máy đo Microlife…', 'microlife: read cycles (0x22)', now),
      ],
      writes: out.writes,
    };
  }

  protected clearReply(): void {
    this.#reply = [];
  }

  protected onChunk(_label: string, report: Uint8Array, at: number): Verdict {
    const r = report.length === 9 && report[0] === 0 ? report.subarray(1) : report;
    const n = Math.min(r[0] & 0x0f, r.length - 1);
    for (let i = 1; i <= n; i++) this.#reply.push(r[i]);
    const reply = this.#reply;
    if (reply.length && reply[0] !== MICROLIFE_ACK)
      return { kind: 'retry', code: 'garbled', detail: 'answer does not start with ACK' };
    if (reply.length < 5) return { kind: 'wait' };
    const countText = String.fromCharCode(...reply.slice(1, 5));
    if (!/^[0-9A-Fa-f]{4}$/.test(countText) || parseInt(countText, 16) > MAX_RECORDS)
      return { kind: 'retry', code: 'garbled', detail: `record count "${countText}" is not plausible` };
    const expected = 1 + FIRST_RECORD + parseInt(countText, 16) * RECORD_LENGTH + 2;
    return reply.length >= expected
      ? this.#complete(Uint8Array.from(reply.slice(0, expected)), at)
      : { kind: 'wait' };
  }

  /** Silence ended the answer before its computed length: decode what came (the checksum decides). */
  protected override onQuiet(_label: string, at: number): Verdict {
    return this.#reply.length ? this.#complete(Uint8Array.from(this.#reply), at) : { kind: 'wait' };
  }

  protected failure(_label: string, code: DeviceErrorCode, detail: string, at: number): DriverEvent {
    const message =
      code === 'no-response'
        ? 'Máy đo Microlife không trả lời: kiểm tra cáp USB và bật máy đo ở chế độ kết nối PC.'
        : 'Dữ liệu từ máy đo Microlife bị lỗi sau nhiều lần thử, hãy rút cáp và cắm lại.';
    return errorEvent(code, message, `microlife: ${detail}`, at);
  }

  #complete(answer: Uint8Array, at: number): Verdict {
    const parsed = parseMicrolifeCycles(answer);
    if ('problem' in parsed) return { kind: 'retry', code: parsed.problem, detail: parsed.detail };
    this.finish();
    return {
      kind: 'next',
      out: {
        events: [
          statusEvent('downloading', MSG.downloading, `microlife: ${parsed.count} records`, at, {
            done: parsed.count,
            total: parsed.count,
          }),
          ...downloadResult(parsed.records, parsed.count, false, at, 'microlife'),
        ],
        writes: [],
      },
    };
  }
}
