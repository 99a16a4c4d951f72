/**
 * Mettler Toledo MT-SICS (ASCII, CR LF). The host sends "S" (stable weight); the balance answers
 *   "S S    72.50 kg" stable   "S D    72.3 kg" dynamic   "S I" busy/not executable
 *   "S +" overload   "S -" underload   "ES"/"ET"/"EL" syntax, transmission, logical error.
 * The same lines arrive unasked in continuous mode (SIR) or on the print key, so unsolicited
 * lines are decoded too. `start()` asks for one stable weight and re-asks while the answer is
 * "S I". (devices-protocols.md §3.3)
 */
import { asciiBytes, asciiOf } from '../bytes.ts';
import type { DriverOutput } from '../driver.ts';
import { errorEvent, MSG, readingEvent, statusEvent, type DriverEvent } from '../events.ts';
import { StableGate, type StableGateOptions } from '../framing/stable-gate.ts';
import { parseScaleNumber, toKg } from '../framing/units.ts';
import { LineDriver } from './line-driver.ts';

export type SicsReply =
  | { kind: 'weight'; stable: boolean; value: number; unit: string }
  | { kind: 'busy' | 'overload' | 'underload' }
  | { kind: 'error'; code: 'ES' | 'ET' | 'EL' }
  | { kind: 'other' };

export function parseSicsLine(text: string): SicsReply | null {
  const t = text.trim();
  const err = /^(ES|ET|EL)$/.exec(t);
  if (err) return { kind: 'error', code: err[1] as 'ES' | 'ET' | 'EL' };
  const m = /^SI?R?\s+([SDI+-])(?:\s+(.*))?$/.exec(t);
  if (!m) return /^[A-Z@][A-Z0-9]*(\s|$)/.test(t) ? { kind: 'other' } : null;
  if (m[1] === 'I') return { kind: 'busy' };
  if (m[1] === '+') return { kind: 'overload' };
  if (m[1] === '-') return { kind: 'underload' };
  const w = /^([+-]?\s*[\d.]+)\s*([a-zA-Z]*)\s*$/.exec(m[2] ?? '');
  const value = w ? parseScaleNumber(w[1]) : null;
  // A weight always carries its unit; without one the line lost bytes.
  if (!w || value === null || !w[2]) return null;
  return { kind: 'weight', stable: m[1] === 'S', value, unit: w[2] };
}

export interface MtSicsOptions extends StableGateOptions {
  /** How many times to re-ask after "S I" or silence. */
  attempts?: number;
  /** Wait for an answer to "S" (ms); the balance itself waits for stability first. */
  answerTimeoutMs?: number;
}

export const SICS_SEND_STABLE = asciiBytes('S\r\n');

export class MtSicsScale extends LineDriver {
  readonly id: string;
  override readonly pull = true;
  /** "ES", "ET", "EL" are complete two-byte replies. */
  protected override readonly minLineLength = 2;
  readonly #gate: StableGate;
  readonly #attempts: number;
  readonly #timeoutMs: number;
  #asking: { deadline: number; attempt: number; busy: boolean } | null = null;

  constructor(options: MtSicsOptions = {}, id = 'scale-mt-sics') {
    super();
    this.id = id;
    this.#gate = new StableGate(options);
    this.#attempts = options.attempts ?? 5;
    this.#timeoutMs = options.answerTimeoutMs ?? 3000;
  }

  /** True while waiting for the answer to "S". */
  get busy(): boolean {
    return this.#asking !== null;
  }

  override start(now: number): DriverOutput {
    this.#asking = { deadline: now + this.#timeoutMs, attempt: 1, busy: false };
    return { events: [], writes: [{ bytes: SICS_SEND_STABLE }] };
  }

  override tick(now: number): DriverOutput {
    const base = super.tick(now);
    const a = this.#asking;
    if (!a || now < a.deadline) return base;
    if (a.attempt >= this.#attempts) {
      this.#asking = null;
      const failure = a.busy
        ? errorEvent(
            'not-ready',
            'Cân chưa cho kết quả ổn định (đang trừ bì hoặc người đứng chưa yên), hãy cân lại.',
            `MT-SICS kept answering "S I" (${a.attempt} attempts)`,
            now,
          )
        : errorEvent('no-response', MSG.noResponse, `no answer to "S" (${a.attempt} attempts)`, now);
      return { events: [...base.events, failure], writes: [] };
    }
    a.attempt++;
    a.deadline = now + this.#timeoutMs;
    return { events: base.events, writes: [{ bytes: SICS_SEND_STABLE }] };
  }

  protected override resetState(): void {
    this.#gate.reset();
    this.#asking = null;
  }

  protected onLine(line: Uint8Array, at: number): DriverEvent[] {
    const r = parseSicsLine(asciiOf(line));
    if (!r) return this.unreadable(line, at, 'not an MT-SICS reply');
    switch (r.kind) {
      case 'other':
        return [];
      case 'overload':
        this.#asking = null;
        return this.errors.pass(errorEvent('overload', MSG.overload, 'MT-SICS "S +"', at, line));
      case 'underload':
        this.#asking = null;
        return this.errors.pass(errorEvent('underload', MSG.underload, 'MT-SICS "S -"', at, line));
      case 'error':
        this.#asking = null;
        return this.errors.pass(
          r.code === 'ET'
            ? errorEvent(
                'garbled',
                MSG.garbled,
                'MT-SICS "ET": the balance received a garbled command',
                at,
                line,
              )
            : errorEvent(
                'refused',
                'Cân không hiểu lệnh được gửi: kiểm tra cân đang ở chế độ MT-SICS.',
                `MT-SICS "${r.code}"`,
                at,
                line,
              ),
        );
      case 'busy':
        // "S I": taring, or no stable weight within the balance's own timeout. Ask again at once.
        if (this.#asking) {
          this.#asking.deadline = Math.min(this.#asking.deadline, at + 500);
          this.#asking.busy = true;
        }
        return this.errors.pass(statusEvent('waiting-stable', MSG.waitingStable, 'MT-SICS "S I"', at));
      case 'weight':
        return this.#weight(r, line, at);
    }
  }

  #weight(r: { stable: boolean; value: number; unit: string }, line: Uint8Array, at: number): DriverEvent[] {
    const kg = toKg(r.value, r.unit);
    if (kg === null) return this.unreadable(line, at, `MT-SICS weight in an unknown unit ("${r.unit}")`);
    this.errors.clear('overload');
    if (!r.stable) {
      this.#gate.offer(kg, false, at);
      return this.errors.pass(statusEvent('waiting-stable', MSG.waitingStable, 'MT-SICS "S D"', at));
    }
    const asked = this.#asking !== null;
    this.#asking = null;
    // An answer to our own request is always delivered, even if it equals the last one.
    if (!this.#gate.offer(kg, true, at) && !(asked && kg > 0)) return [];
    this.errors.clear('waiting-stable');
    return [readingEvent({ kind: 'weight', kg, stable: true }, line, at)];
  }
}
