/**
 * Shared plumbing for devices that print ASCII lines (scales, indicators, the configurable
 * driver): CR/LF framing with a bounded buffer, silence-based flushing, recognising wrong-baud
 * garbage, and rate-limited errors. Subclasses decode one line at a time.
 */
import type { Driver, DriverOutput } from '../driver.ts';
import { eventsOnly, noOutput } from '../driver.ts';
import { errorEvent, MSG, type DriverEvent } from '../events.ts';
import { ErrorLimiter } from '../framing/error-limiter.ts';
import { looksGarbled } from '../framing/garbage.ts';
import { LineFramer, type LineFramerOptions } from '../framing/line-framer.ts';

/** Unfinished lines at least this long are checked for noise. */
const GARBAGE_CHECK_BYTES = 48;

export abstract class LineDriver implements Driver {
  abstract readonly id: string;
  readonly pull: boolean = false;
  readonly tickIntervalMs: number = 50;
  protected readonly errors = new ErrorLimiter(3000);
  /** Shorter lines are noise between frames (Tanita WB-3000 sends a stray byte after each). */
  protected readonly minLineLength: number = 3;
  readonly #framer: LineFramer;
  readonly #maxLength: number;

  constructor(framing: LineFramerOptions = {}) {
    this.#maxLength = framing.maxLength ?? 256;
    this.#framer = new LineFramer({ ...framing, maxLength: this.#maxLength });
  }

  /** Decodes one line (delimiter removed). Return [] to ignore it. */
  protected abstract onLine(line: Uint8Array, at: number): DriverEvent[];

  /** Bytes that are legitimately non-printable in this protocol (see looksGarbled). */
  protected allowedNonPrintable(_byte: number, _index: number): boolean {
    return false;
  }

  start(_now: number): DriverOutput {
    return noOutput();
  }

  push(chunk: Uint8Array, at: number): DriverOutput {
    const { lines, overflow } = this.#framer.push(chunk, at);
    const events = lines.flatMap((l) => this.#line(l, at));
    if (overflow)
      events.push(
        ...this.errors.pass(
          errorEvent(
            'garbled',
            MSG.garbled,
            `no line delimiter within ${this.#maxLength} bytes`,
            at,
            overflow,
          ),
        ),
      );
    // At the wrong baud rate delimiters rarely survive: judge a long unfinished line early
    // rather than waiting for the buffer limit.
    if (this.#framer.pending >= GARBAGE_CHECK_BYTES) {
      const pending = this.#framer.peek();
      if (looksGarbled(pending, (b, i) => this.allowedNonPrintable(b, i))) {
        this.#framer.reset();
        events.push(
          ...this.errors.pass(
            errorEvent('garbled', MSG.garbled, 'unfinished line of noise', at, pending.subarray(0, 64)),
          ),
        );
      }
    }
    return eventsOnly(events);
  }

  tick(now: number): DriverOutput {
    const line = this.#framer.flushIfIdle(now);
    return line ? eventsOnly(this.#line(line, now)) : noOutput();
  }

  reset(): void {
    this.#framer.reset();
    this.errors.reset();
    this.resetState();
  }

  protected resetState(): void {}

  /** A rate-limited "could not decode" event: garbage (baud) or a malformed frame. */
  protected unreadable(line: Uint8Array, at: number, detail: string): DriverEvent[] {
    const garbled = looksGarbled(line, (b, i) => this.allowedNonPrintable(b, i));
    return this.errors.pass(
      garbled
        ? errorEvent('garbled', MSG.garbled, `garbage line: ${detail}`, at, line)
        : errorEvent('bad-frame', MSG.badFrame, detail, at, line),
    );
  }

  #line(line: Uint8Array, at: number): DriverEvent[] {
    if (line.length < this.minLineLength) return [];
    return this.onLine(line, at);
  }
}
