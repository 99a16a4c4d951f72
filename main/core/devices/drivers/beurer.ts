/**
 * Beurer BM55 / BM58 / BM65 blood-pressure monitors, two cable variants (devices-protocols.md §2.7):
 *  - HID (0C45:7406): one-byte commands padded with F4 to 8 bytes; each answer is one 8-byte
 *    report. Init AA A4 A5 A6 A7 (the answers spell an identifier), A2 → count in byte 0,
 *    A3 n → record n (1-based), then F7 F6 to end.
 *  - USB-serial (BM65, older BM58), 4800 8N1: AA → 55 (ping), A4 → 32-byte name, A2 → count
 *    byte, A3 n → 9 bytes (a header byte, then the record).
 * Record (after MediPi's BM55 decoder): sys−25, dia−25, pulse, month (bit 7: resting indicator),
 * day (bit 7: user B), hour, minute, year−2000 (bit 7: arrhythmia). The serial variant is read
 * the same way after its header byte — verify the high bits on a real BM65.
 */
import type { DriverOutput, DriverWrite } from '../driver.ts';
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

export const BEURER_PAD = 0xf4;
export const BEURER_INIT = [0xaa, 0xa4, 0xa5, 0xa6, 0xa7];
export const BEURER_COUNT = 0xa2;
export const BEURER_RECORD = 0xa3;
export const BEURER_END = [0xf7, 0xf6];

/** An 8-byte record (sys, dia, pulse, month, day, hour, minute, year). */
export function decodeBeurerRecord(b: Uint8Array): BpRecord | null {
  if (b.length < 8) return null;
  const flags: BpFlag[] = [];
  if (b[3] & 0x80) flags.push('resting-indicator');
  if (b[4] & 0x80) flags.push('user-2');
  if (b[7] & 0x80) flags.push('irregular-heartbeat');
  const measuredAt = deviceLocalTime(2000 + (b[7] & 0x7f), b[3] & 0x7f, b[4] & 0x7f, b[5], b[6]);
  return {
    reading: {
      kind: 'bp',
      systolic: b[0] + 25,
      diastolic: b[1] + 25,
      pulse: b[2],
      ...(measuredAt ? { measuredAt } : {}),
      flags,
    },
    raw: Uint8Array.from(b.subarray(0, 8)),
  };
}

/** One HID output report: report id 0, the command bytes, F4 padding to 8 data bytes. */
export function beurerHidReport(command: readonly number[]): Uint8Array {
  const r = new Uint8Array(9).fill(BEURER_PAD);
  r[0] = 0;
  r.set(command, 1);
  return r;
}

function beurerFailure(
  variant: string,
  label: string,
  code: DeviceErrorCode,
  detail: string,
  at: number,
): DriverEvent {
  const message =
    code === 'no-response'
      ? 'Máy đo Beurer không trả lời: bật máy đo, cắm cáp rồi bấm tải lại.'
      : code === 'garbled'
        ? `${MSG.garbled} (máy Beurer dùng 4800 baud, 8N1)`
        : 'Dữ liệu từ máy đo Beurer bị lỗi, hãy thử tải lại.';
  return errorEvent(code, message, `beurer-${variant} ${label}: ${detail}`, at);
}

/** The shared download sequence; the variants differ in framing only. */
abstract class BeurerMonitor extends PullDriver {
  #step: { name: 'init'; i: number } | { name: 'count' } | { name: 'record'; n: number; count: number } = {
    name: 'init',
    i: 0,
  };
  #records: BpRecord[] = [];

  protected abstract command(bytes: readonly number[]): DriverWrite[];
  protected abstract initSteps(): readonly number[];
  /** Bytes in a complete answer to the current step. */
  protected abstract answerLength(step: 'init' | 'count' | 'record', initByte: number): number;
  protected abstract collect(chunk: Uint8Array): Uint8Array;
  protected abstract recordFrom(answer: Uint8Array): Uint8Array;
  protected abstract validInit(initByte: number, answer: Uint8Array): boolean;

  protected begin(now: number): DriverOutput {
    this.#records = [];
    const out = this.#askInit(0, now);
    return {
      events: [statusEvent('connecting', 'Đang kết nối máy đo Beurer…', `${this.id}: init`, now)],
      writes: out.writes,
    };
  }

  protected onChunk(label: string, chunk: Uint8Array, at: number): Verdict {
    const answer = this.collect(chunk);
    const step = this.#step;
    const init = step.name === 'init' ? this.initSteps()[step.i] : 0;
    if (step.name === 'init' && answer.length && !this.validInit(init, answer))
      return { kind: 'retry', code: 'garbled', detail: `unexpected answer to ${label}` };
    if (answer.length < this.answerLength(step.name, init)) return { kind: 'wait' };
    if (step.name === 'init') return { kind: 'next', out: this.#askInit(step.i + 1, at) };
    if (step.name === 'count') {
      const count = answer[0];
      return { kind: 'next', out: this.#withProgress(count, this.#askRecord(1, count, at), at) };
    }
    const rec = decodeBeurerRecord(this.recordFrom(answer));
    if (rec) this.#records.push(rec);
    return { kind: 'next', out: this.#askRecord(step.n + 1, step.count, at) };
  }

  #askInit(i: number, at: number): DriverOutput {
    const steps = this.initSteps();
    if (i < steps.length) {
      this.#step = { name: 'init', i };
      return this.ask(`init ${steps[i].toString(16)}`, this.command([steps[i]]), at);
    }
    this.#step = { name: 'count' };
    return this.ask('count (a2)', this.command([BEURER_COUNT]), at);
  }

  #askRecord(n: number, count: number, at: number): DriverOutput {
    if (n <= count) {
      this.#step = { name: 'record', n, count };
      return this.ask(`record ${n}`, this.command([BEURER_RECORD, n]), at);
    }
    this.finish();
    return { events: downloadResult(this.#records, count, false, at, this.id), writes: this.endWrites() };
  }

  protected endWrites(): DriverWrite[] {
    return [];
  }

  #withProgress(count: number, out: DriverOutput, at: number): DriverOutput {
    return {
      events: [
        statusEvent('downloading', MSG.downloading, `${this.id}: ${count} records`, at, {
          done: 0,
          total: count,
        }),
        ...out.events,
      ],
      writes: out.writes,
    };
  }
}

export class BeurerHidMonitor extends BeurerMonitor {
  readonly id: string;
  #answer: Uint8Array = new Uint8Array(0);

  constructor(id = 'bp-beurer-hid') {
    super();
    this.id = id;
  }

  protected command(bytes: readonly number[]): DriverWrite[] {
    return [{ bytes: beurerHidReport(bytes) }];
  }
  protected initSteps(): readonly number[] {
    return BEURER_INIT;
  }
  protected answerLength(): number {
    return 8;
  }
  protected collect(report: Uint8Array): Uint8Array {
    // One report is one answer; a 9-byte report kept its (zero) report id.
    this.#answer = report.length === 9 && report[0] === 0 ? report.subarray(1) : report;
    return this.#answer;
  }
  protected recordFrom(answer: Uint8Array): Uint8Array {
    return answer;
  }
  protected validInit(): boolean {
    return true;
  }
  protected clearReply(): void {
    this.#answer = new Uint8Array(0);
  }
  protected override endWrites(): DriverWrite[] {
    return BEURER_END.map((b) => ({ bytes: beurerHidReport([b]) }));
  }
  protected failure(label: string, code: DeviceErrorCode, detail: string, at: number): DriverEvent {
    return beurerFailure('hid', label, code, detail, at);
  }
}

export class BeurerSerialMonitor extends BeurerMonitor {
  readonly id: string;
  #answer: number[] = [];

  constructor(id = 'bp-beurer-serial') {
    super();
    this.id = id;
  }

  protected command(bytes: readonly number[]): DriverWrite[] {
    return [{ bytes: Uint8Array.from(bytes) }];
  }
  protected initSteps(): readonly number[] {
    return [0xaa, 0xa4];
  }
  protected answerLength(step: 'init' | 'count' | 'record', initByte: number): number {
    if (step === 'init') return initByte === 0xaa ? 1 : 32;
    return step === 'count' ? 1 : 9;
  }
  protected collect(chunk: Uint8Array): Uint8Array {
    for (const b of chunk) if (this.#answer.length < 64) this.#answer.push(b);
    return Uint8Array.from(this.#answer);
  }
  protected recordFrom(answer: Uint8Array): Uint8Array {
    return answer.subarray(1, 9);
  }
  /** The ping must be answered 0x55: at the wrong baud rate it is not. The name is not checked. */
  protected validInit(initByte: number, answer: Uint8Array): boolean {
    return initByte !== 0xaa || answer[0] === 0x55;
  }
  protected clearReply(): void {
    this.#answer = [];
  }
  protected failure(label: string, code: DeviceErrorCode, detail: string, at: number): DriverEvent {
    return beurerFailure('serial', label, code, detail, at);
  }
}
