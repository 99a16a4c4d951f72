/**
 * 2D scanners in USB serial / CDC ("USB COM") mode. Bytes arrive in arbitrary chunks; a scan ends
 * at the configured suffix (CR, LF or CR LF) or, for scanners set to send no suffix, after a short
 * silence. Bytes are joined before UTF-8 decoding, so a Vietnamese letter split across chunks
 * survives.
 */
import type { Driver, DriverOutput } from '../driver.ts';
import { eventsOnly, noOutput } from '../driver.ts';
import { errorEvent, type DriverEvent } from '../events.ts';
import { LineFramer } from '../framing/line-framer.ts';
import { scanEvent } from './scan-event.ts';
import { leadingAim, symbologyFromAim } from './symbology.ts';

export interface SerialScannerOptions {
  /** 'auto' = CR or LF; 'none' = silence only. */
  suffix?: 'auto' | 'cr' | 'lf' | 'none';
  /** Silence that ends a scan (ms). Also ends a scan whose suffix never came. */
  interByteTimeoutMs?: number;
  /** Strip a leading AIM id ("]Q1") into the event's `aim`. Default true. */
  parseAim?: boolean;
}

const SUFFIX_BYTES: Record<NonNullable<SerialScannerOptions['suffix']>, number[]> = {
  auto: [0x0d, 0x0a],
  cr: [0x0d],
  lf: [0x0a],
  none: [],
};

export class SerialScanner implements Driver {
  readonly id: string;
  readonly pull = false;
  readonly tickIntervalMs = 20;
  readonly #framer: LineFramer;
  readonly #parseAim: boolean;

  constructor(options: SerialScannerOptions = {}, id = 'scanner-serial') {
    this.id = id;
    this.#framer = new LineFramer({
      delimiters: SUFFIX_BYTES[options.suffix ?? 'auto'],
      idleMs: options.interByteTimeoutMs ?? 60,
      maxLength: 4096,
    });
    this.#parseAim = options.parseAim ?? true;
  }

  start(): DriverOutput {
    return noOutput();
  }

  push(chunk: Uint8Array, at: number): DriverOutput {
    const { lines, overflow } = this.#framer.push(chunk, at);
    const events: DriverEvent[] = lines.map((l) => this.#scan(l, at));
    if (overflow)
      events.push(
        errorEvent(
          'truncated',
          'Mã quét quá dài, hãy quét lại.',
          'serial scan exceeded 4096 bytes without a suffix',
          at,
          overflow,
        ),
      );
    return eventsOnly(events);
  }

  tick(now: number): DriverOutput {
    const line = this.#framer.flushIfIdle(now);
    return line ? eventsOnly([this.#scan(line, now)]) : noOutput();
  }

  reset(): void {
    this.#framer.reset();
  }

  #scan(line: Uint8Array, at: number): DriverEvent {
    const aim = this.#parseAim ? leadingAim(line) : undefined;
    return aim
      ? scanEvent(line.subarray(3), at, { aim, symbology: symbologyFromAim(aim) })
      : scanEvent(line, at);
  }
}
