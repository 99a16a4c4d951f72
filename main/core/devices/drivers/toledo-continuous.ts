/**
 * "Toledo continuous" output (Mettler Toledo indicators and the many clones), streamed at the
 * display rate:
 *   STX SWA SWB SWC <6 digits weight> <6 digits tare> CR [CHK]
 * SWA bits 0–2: decimal point position. SWB: bit0 net, bit1 negative, bit2 out of range,
 * bit3 motion, bit4 kg (else lb), bit6 not zeroed at power-up. SWC bits 0–2: extended unit
 * (1 = g, 2 = t). Bit 5 of every status byte is always 1. CHK (optional) makes the 7-bit sum of
 * STX…CR…CHK zero. Clones move bits around: confirm per model (devices-protocols.md §3.3).
 */
import { asciiOf } from '../bytes.ts';
import type { Driver, DriverOutput } from '../driver.ts';
import { eventsOnly, noOutput } from '../driver.ts';
import { errorEvent, MSG, readingEvent, statusEvent, type DriverEvent } from '../events.ts';
import { ErrorLimiter } from '../framing/error-limiter.ts';
import { StableGate, type StableGateOptions } from '../framing/stable-gate.ts';
import { roundKg, toKg } from '../framing/units.ts';

const STX = 0x02;
const CR = 0x0d;
const LF = 0x0a;
const FRAME_LENGTH = 17;

export const TOLEDO_SWB = {
  net: 0x01,
  negative: 0x02,
  outOfRange: 0x04,
  motion: 0x08,
  kg: 0x10,
  notZeroed: 0x40,
} as const;

/** Power of ten applied to the six digits, indexed by SWA bits 0–2 (XX00 … .XXXXX). */
const DECIMAL_FACTOR = [100, 10, 1, 0.1, 0.01, 0.001, 0.0001, 0.00001];

export interface ToledoFrame {
  value: number;
  tare: number;
  unit: 'kg' | 'lb' | 'g' | 't';
  net: boolean;
  motion: boolean;
  outOfRange: boolean;
  notZeroed: boolean;
}

/** Decodes a 17-byte frame (STX … CR); null if its status bytes or digits are not Toledo's. */
export function parseToledoFrame(f: Uint8Array): ToledoFrame | null {
  if (f.length < FRAME_LENGTH || f[0] !== STX || f[16] !== CR) return null;
  const [swa, swb, swc] = [f[1], f[2], f[3]];
  if ((swa & swb & swc & 0x20) === 0 || (swa | swb | swc) & 0x80) return null;
  const digits = asciiOf(f.subarray(4, 16));
  if (!/^[\d ]{12}$/.test(digits)) return null;
  const factor = DECIMAL_FACTOR[swa & 0x07];
  const ext = swc & 0x07;
  const unit = ext === 1 ? 'g' : ext === 2 ? 't' : ext === 0 ? (swb & TOLEDO_SWB.kg ? 'kg' : 'lb') : null;
  if (!unit) return null;
  const sign = swb & TOLEDO_SWB.negative ? -1 : 1;
  return {
    value: roundKg(sign * Number(digits.slice(0, 6).trim() || '0') * factor),
    tare: roundKg(Number(digits.slice(6).trim() || '0') * factor),
    unit,
    net: (swb & TOLEDO_SWB.net) !== 0,
    motion: (swb & TOLEDO_SWB.motion) !== 0,
    outOfRange: (swb & TOLEDO_SWB.outOfRange) !== 0,
    notZeroed: (swb & TOLEDO_SWB.notZeroed) !== 0,
  };
}

export function toledoChecksum(frame: Uint8Array): number {
  let sum = 0;
  for (const b of frame) sum += b;
  return -sum & 0x7f;
}

export interface ToledoOptions extends StableGateOptions {
  /** Whether a checksum byte follows CR. 'auto' learns it from the stream. */
  checksum?: 'auto' | 'on' | 'off';
}

export class ToledoContinuousScale implements Driver {
  readonly id: string;
  readonly pull = false;
  readonly tickIntervalMs = 50;
  readonly #gate: StableGate;
  readonly #errors = new ErrorLimiter(3000);
  #checksum: 'auto' | 'on' | 'off';
  readonly #configuredChecksum: 'auto' | 'on' | 'off';
  #buf: number[] = [];
  #skipped = 0;
  #lastByteAt = 0;

  constructor(options: ToledoOptions = {}, id = 'scale-toledo-continuous') {
    this.id = id;
    this.#gate = new StableGate(options);
    this.#configuredChecksum = this.#checksum = options.checksum ?? 'auto';
  }

  start(): DriverOutput {
    return noOutput();
  }

  push(chunk: Uint8Array, at: number): DriverOutput {
    for (const b of chunk) this.#buf.push(b);
    if (chunk.length) this.#lastByteAt = at;
    return eventsOnly(this.#drain(at, false));
  }

  tick(now: number): DriverOutput {
    // A frame whose next byte never came: the stream stopped, so there is no checksum byte.
    if (this.#buf.length === FRAME_LENGTH && now - this.#lastByteAt > 40)
      return eventsOnly(this.#drain(now, true));
    return noOutput();
  }

  reset(): void {
    this.#buf = [];
    this.#skipped = 0;
    this.#checksum = this.#configuredChecksum;
    this.#gate.reset();
    this.#errors.reset();
  }

  #drain(at: number, streamStopped: boolean): DriverEvent[] {
    const events: DriverEvent[] = [];
    for (;;) {
      const stx = this.#buf.indexOf(STX);
      const skip = stx < 0 ? this.#buf.length : stx;
      if (skip) {
        this.#skipped += skip;
        this.#buf.splice(0, skip);
      }
      if (this.#skipped > 64) {
        events.push(
          ...this.#errors.pass(
            errorEvent('garbled', MSG.garbled, `${this.#skipped} bytes without a Toledo STX`, at),
          ),
        );
        this.#skipped = 0;
      }
      if (this.#buf.length < FRAME_LENGTH) return events;
      if (this.#buf[16] !== CR) {
        this.#buf.shift(); // not a frame start after all: resynchronise on the next STX
        this.#skipped++;
        continue;
      }
      const frame = Uint8Array.from(this.#buf.slice(0, FRAME_LENGTH));
      const next = this.#buf[FRAME_LENGTH];
      let mode = this.#checksum;
      if (mode === 'auto') {
        if (next === undefined && !streamStopped) return events;
        mode = next === undefined || next === STX || next === LF ? 'off' : 'on';
      }
      if (mode === 'on' && next === undefined) return events;
      this.#skipped = 0;
      this.#buf.splice(0, mode === 'on' ? FRAME_LENGTH + 1 : FRAME_LENGTH);
      if (mode === 'off' && next === LF) this.#buf.shift();
      if (mode === 'on' && next !== toledoChecksum(frame)) {
        events.push(
          ...this.#errors.pass(
            errorEvent(
              'checksum',
              MSG.checksum,
              `Toledo checksum ${next} != ${toledoChecksum(frame)}`,
              at,
              frame,
            ),
          ),
        );
        continue;
      }
      if (this.#checksum === 'auto') this.#checksum = mode;
      events.push(...this.#frame(frame, at));
    }
  }

  #frame(raw: Uint8Array, at: number): DriverEvent[] {
    const f = parseToledoFrame(raw);
    if (!f)
      return this.#errors.pass(
        errorEvent('bad-frame', MSG.badFrame, 'Toledo frame with invalid status bytes or digits', at, raw),
      );
    if (f.outOfRange) {
      return this.#errors.pass(
        f.value < 0
          ? errorEvent('underload', MSG.underload, 'Toledo out of range (negative)', at, raw)
          : errorEvent('overload', MSG.overload, 'Toledo out of range', at, raw),
      );
    }
    if (f.notZeroed) {
      return this.#errors.pass(
        errorEvent(
          'not-ready',
          'Cân chưa về 0 sau khi bật: để trống bàn cân và nhấn ZERO.',
          'Toledo SWB bit 6: power-up not zeroed',
          at,
          raw,
        ),
      );
    }
    const kg = toKg(f.value, f.unit) as number;
    this.#errors.clear('overload');
    if (f.motion) {
      this.#gate.offer(kg, false, at);
      return this.#errors.pass(statusEvent('waiting-stable', MSG.waitingStable, 'Toledo motion bit', at));
    }
    if (!this.#gate.offer(kg, true, at)) return [];
    this.#errors.clear('waiting-stable');
    return [readingEvent({ kind: 'weight', kg, stable: true }, raw, at)];
  }
}
