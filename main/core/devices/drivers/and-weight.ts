/**
 * A&D standard format and the many indicators that copy it (DACELL, General Measure, …):
 *   "ST,GS,+0012.34kg"  (indicator)     "ST,+0001.234 kg" (balance)
 * Header 1: ST/QT stable, US unstable, OL/LO out of range, UL under range. Header 2 (optional):
 * GS gross, NT net, TR tare. An optional comparator field (LO/OK/HI/--) may follow. An overload
 * frame has spaces where the digits are: "OL,GS,+    .  kg". (devices-protocols.md §3.1)
 */
import { asciiOf } from '../bytes.ts';
import { errorEvent, MSG, readingEvent, statusEvent, type DriverEvent } from '../events.ts';
import { StableGate, type StableGateOptions } from '../framing/stable-gate.ts';
import { parseScaleNumber, toKg } from '../framing/units.ts';
import { LineDriver } from './line-driver.ts';

const FRAME = /(ST|US|OL|QT|UL|LO),(?:(GS|NT|TR),)?(?:(LO|OK|HI|--),)?\s*([+-]?[\d. ]*)\s*([a-zA-Z%]*)\s*$/;

export interface AndFrame {
  header: 'ST' | 'US' | 'OL' | 'QT' | 'UL' | 'LO';
  kind: 'GS' | 'NT' | 'TR' | null;
  value: number | null;
  unit: string;
}

/** Decodes one line; garbage before the header is skipped (the regex is not anchored at the start). */
export function parseAndLine(text: string): AndFrame | null {
  const m = FRAME.exec(text);
  if (!m) return null;
  // The format pads the number to its full width (6–7 digits): fewer digits means lost bytes,
  // and "ST,GS,+007" must not become 7 kg.
  const digits = (m[4].match(/\d/g) ?? []).length;
  const value = digits >= 6 ? parseScaleNumber(m[4]) : null;
  return { header: m[1] as AndFrame['header'], kind: (m[2] as AndFrame['kind']) ?? null, value, unit: m[5] };
}

export class AndWeightScale extends LineDriver {
  readonly id: string;
  readonly #gate: StableGate;

  constructor(options: StableGateOptions = {}, id = 'scale-and') {
    super();
    this.id = id;
    this.#gate = new StableGate(options);
  }

  protected override resetState(): void {
    this.#gate.reset();
  }

  protected onLine(line: Uint8Array, at: number): DriverEvent[] {
    const f = parseAndLine(asciiOf(line));
    if (!f) return this.unreadable(line, at, 'not an A&D "ST,GS,…" frame');
    if (f.header === 'OL' || f.header === 'LO') {
      return this.errors.pass(errorEvent('overload', MSG.overload, `A&D ${f.header} frame`, at, line));
    }
    if (f.header === 'UL')
      return this.errors.pass(errorEvent('underload', MSG.underload, 'A&D UL frame', at, line));
    // QT is a piece count and TR a tare value: neither is the person's weight.
    if (f.header === 'QT' || f.kind === 'TR') return [];
    const kg = f.value === null ? null : toKg(f.value, f.unit);
    if (kg === null)
      return this.unreadable(line, at, `A&D frame without a weight in a known unit ("${f.unit}")`);
    const stable = f.header === 'ST';
    this.errors.clear('overload');
    if (!stable) {
      this.#gate.offer(kg, false, at);
      return this.errors.pass(statusEvent('waiting-stable', MSG.waitingStable, 'A&D US frame', at));
    }
    if (!this.#gate.offer(kg, true, at)) return [];
    this.errors.clear('waiting-stable');
    return [readingEvent({ kind: 'weight', kg, stable: true }, line, at)];
  }
}
