/**
 * CAS indicators, "22 byte" stream (CI-series, NT-200, PDI …; common in Vietnam):
 *   S T , G S , <ID> <LAMP> , D D D D D D D D ' ' k g CR LF
 * ID is the device number as ASCII ('1' = 0x31). LAMP has bit 7 always set, bit 6 = stable,
 * bit 4 hold, bit 2 gross, bit 1 tare, bit 0 zero. The eight data bytes are the displayed weight,
 * e.g. "000013.5". (devices-protocols.md §3.2)
 */
import { asciiOf } from '../bytes.ts';
import { errorEvent, MSG, readingEvent, statusEvent, type DriverEvent } from '../events.ts';
import { StableGate, type StableGateOptions } from '../framing/stable-gate.ts';
import { parseScaleNumber, toKg } from '../framing/units.ts';
import { LineDriver } from './line-driver.ts';

export const CAS_LAMP = {
  stable: 0x40,
  hold: 0x10,
  gross: 0x04,
  tare: 0x02,
  zero: 0x01,
  alwaysSet: 0x80,
} as const;

export interface Cas22Frame {
  header: 'ST' | 'US' | 'OL';
  kind: 'GS' | 'NT';
  deviceId: number;
  lamp: number;
  value: number | null;
  unit: string;
}

/** Finds and decodes the frame in a line (bytes before the header are skipped). */
export function parseCas22(line: Uint8Array): Cas22Frame | null {
  // The lamp byte is ≥ 0x80, so work on a byte-per-char string and match positions, not text.
  const s = asciiOf(line);
  const m = /(ST|US|OL),(GS|NT),([\s\S])([\s\S]),([ +\-\d.]{8})\s*([a-zA-Z]{0,2})\s*$/.exec(s);
  if (!m) return null;
  const lamp = m[4].charCodeAt(0);
  if ((lamp & CAS_LAMP.alwaysSet) === 0) return null;
  return {
    header: m[1] as Cas22Frame['header'],
    kind: m[2] as Cas22Frame['kind'],
    deviceId: m[3].charCodeAt(0) - 0x30,
    lamp,
    value: parseScaleNumber(m[5]),
    unit: m[6],
  };
}

export class Cas22Scale extends LineDriver {
  readonly id: string;
  readonly #gate: StableGate;

  constructor(options: StableGateOptions = {}, id = 'scale-cas22') {
    super({ delimiters: [0x0a, 0x0d] });
    this.id = id;
    this.#gate = new StableGate(options);
  }

  /** The lamp byte (offset 7 of a frame) is the one byte above 0x7f. */
  protected override allowedNonPrintable(byte: number, index: number): boolean {
    return byte >= 0x80 && index === 7;
  }

  protected override resetState(): void {
    this.#gate.reset();
  }

  protected onLine(line: Uint8Array, at: number): DriverEvent[] {
    const f = parseCas22(line);
    if (!f) return this.unreadable(line, at, 'not a CAS 22-byte frame');
    if (f.header === 'OL')
      return this.errors.pass(errorEvent('overload', MSG.overload, 'CAS OL frame', at, line));
    const kg = f.value === null ? null : toKg(f.value, f.unit);
    if (kg === null)
      return this.unreadable(line, at, `CAS frame without a weight in a known unit ("${f.unit}")`);
    if (kg < 0)
      return this.errors.pass(errorEvent('underload', MSG.underload, 'CAS negative weight', at, line));
    this.errors.clear('overload');
    // The lamp's stable bit is the device's own judgement; a "US" header overrides it.
    const stable = (f.lamp & CAS_LAMP.stable) !== 0 && f.header === 'ST';
    if (!stable) {
      this.#gate.offer(kg, false, at);
      return this.errors.pass(statusEvent('waiting-stable', MSG.waitingStable, 'CAS lamp: motion', at));
    }
    if (!this.#gate.offer(kg, true, at)) return [];
    this.errors.clear('waiting-stable');
    return [readingEvent({ kind: 'weight', kg, stable: true }, line, at)];
  }
}
