/**
 * Splits a serial byte stream into lines. A line ends at CR or LF (a CR LF pair yields one line),
 * or — when `idleMs` is set — after that much silence, for devices configured without a suffix.
 * The buffer is bounded: a device at the wrong baud rate never sends a delimiter, and without a
 * bound that garbage would grow forever.
 */
export interface LineFramerOptions {
  /** Which bytes end a line. Default CR and LF. Empty: silence alone ends a line. */
  delimiters?: readonly number[];
  /** Longest line kept; longer input is dropped and reported as overflow. Default 512. */
  maxLength?: number;
  /** End a line after this much silence (ms). Default: never. */
  idleMs?: number;
}

export interface FramedLines {
  lines: Uint8Array[];
  /** Bytes were dropped because no delimiter came within `maxLength`. */
  overflow: Uint8Array | null;
}

export class LineFramer {
  readonly #delimiters: Set<number>;
  readonly #maxLength: number;
  readonly #idleMs: number | undefined;
  #buf: number[] = [];
  #lastByteAt = 0;

  constructor(options: LineFramerOptions = {}) {
    this.#delimiters = new Set(options.delimiters ?? [0x0d, 0x0a]);
    this.#maxLength = options.maxLength ?? 512;
    this.#idleMs = options.idleMs;
  }

  push(chunk: Uint8Array, at: number): FramedLines {
    const lines: Uint8Array[] = [];
    let overflow: Uint8Array | null = null;
    // Silence since the last chunk ends the pending line before the new bytes start another.
    const idle = this.flushIfIdle(at);
    if (idle) lines.push(idle);
    for (const b of chunk) {
      if (this.#delimiters.has(b)) {
        if (this.#buf.length) lines.push(Uint8Array.from(this.#buf));
        this.#buf = [];
        continue;
      }
      this.#buf.push(b);
      if (this.#buf.length > this.#maxLength) {
        overflow = Uint8Array.from(this.#buf.slice(0, 64));
        this.#buf = [];
      }
    }
    if (chunk.length) this.#lastByteAt = at;
    return { lines, overflow };
  }

  /** The pending line if `idleMs` of silence have passed, else null. */
  flushIfIdle(now: number): Uint8Array | null {
    if (this.#idleMs === undefined || !this.#buf.length || now - this.#lastByteAt < this.#idleMs) return null;
    const line = Uint8Array.from(this.#buf);
    this.#buf = [];
    return line;
  }

  get pending(): number {
    return this.#buf.length;
  }

  /** A copy of the unfinished line (to judge whether it is noise). */
  peek(): Uint8Array {
    return Uint8Array.from(this.#buf);
  }

  reset(): void {
    this.#buf = [];
  }
}
