/**
 * A streaming device with a problem (wrong baud rate, a scale left overloaded) repeats it at the
 * frame rate. The nurse needs to hear it once, not seven times a second: an error with the same
 * code is passed again only after `quietMs`.
 */
import type { DeviceErrorEvent, DeviceStatusEvent } from '../events.ts';

export class ErrorLimiter {
  readonly #quietMs: number;
  #last = new Map<string, number>();

  constructor(quietMs = 3000) {
    this.#quietMs = quietMs;
  }

  pass<E extends DeviceErrorEvent | DeviceStatusEvent>(event: E): E[] {
    const prev = this.#last.get(event.code);
    if (prev !== undefined && event.receivedAt - prev < this.#quietMs && event.receivedAt >= prev) return [];
    this.#last.set(event.code, event.receivedAt);
    return [event];
  }

  /** Lets the next event with this code through at once (the condition cleared). */
  clear(code: string): void {
    this.#last.delete(code);
  }

  reset(): void {
    this.#last.clear();
  }
}
