/**
 * The skeleton every "download the memory" driver shares: write a request, collect the answer,
 * resend on a garbled answer or silence, give up after a few attempts. Subclasses describe one
 * request at a time (`ask`) and judge the bytes that come back (`onChunk`); this class owns the
 * deadlines and retry counts, driven by the caller's `tick(now)`.
 *
 * A bad answer is not resent at once: the rest of it may still be on its way, and would be taken
 * for the start of the next answer. The line must first be quiet for `drainMs`.
 */
import type { Driver, DriverOutput, DriverWrite } from '../driver.ts';
import { noOutput } from '../driver.ts';
import type { DeviceErrorCode, DriverEvent } from '../events.ts';

export type Verdict =
  /** Not complete yet: keep collecting. */
  | { kind: 'wait' }
  /** The answer is unusable: send the same request again (counts as an attempt). */
  | { kind: 'retry'; code: DeviceErrorCode; detail: string }
  /** Handled: the subclass has asked the next request or finished; pass these on. */
  | { kind: 'next'; out: DriverOutput };

export interface AskOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Complete the answer after this much silence (devices that send no length: Microlife). */
  quietMs?: number;
}

interface Pending {
  label: string;
  writes: DriverWrite[];
  deadline: number;
  attempt: number;
  attempts: number;
  timeoutMs: number;
  quietMs?: number;
  lastByteAt: number | null;
  /** Set while waiting for the line to go quiet before resending. */
  resendAt: number | null;
  lastFailure: { code: DeviceErrorCode; detail: string } | null;
}

export abstract class PullDriver implements Driver {
  abstract readonly id: string;
  readonly pull = true;
  readonly tickIntervalMs: number = 50;
  /** Quiet time before a request is resent after a bad answer (ms). */
  protected readonly drainMs: number = 80;
  #pending: Pending | null = null;

  /** Starts a session: reset state and return the first request (via `ask`). */
  protected abstract begin(now: number): DriverOutput;
  /** Judges bytes that arrived for request `label`. */
  protected abstract onChunk(label: string, chunk: Uint8Array, at: number): Verdict;
  /** Called before a request is (re)sent: drop the partial answer. */
  protected abstract clearReply(): void;
  /** The answer to `label` ended by silence (only for requests asked with `quietMs`). */
  protected onQuiet(_label: string, _at: number): Verdict {
    return { kind: 'wait' };
  }
  /** The event when request `label` failed for good. */
  protected abstract failure(label: string, code: DeviceErrorCode, detail: string, at: number): DriverEvent;

  start(now: number): DriverOutput {
    this.#pending = null;
    this.clearReply();
    return this.begin(now);
  }

  /** True while a session is waiting for the device. */
  get busy(): boolean {
    return this.#pending !== null;
  }

  protected ask(label: string, writes: DriverWrite[], now: number, options: AskOptions = {}): DriverOutput {
    const timeoutMs = options.timeoutMs ?? 1000;
    this.clearReply();
    this.#pending = {
      label,
      writes,
      deadline: now + timeoutMs,
      attempt: 1,
      attempts: options.attempts ?? 3,
      timeoutMs,
      quietMs: options.quietMs,
      lastByteAt: null,
      resendAt: null,
      lastFailure: null,
    };
    return { events: [], writes };
  }

  /** Ends the session (success or failure); later bytes are ignored until `start`. */
  protected finish(): void {
    this.#pending = null;
  }

  push(chunk: Uint8Array, receivedAt: number): DriverOutput {
    const p = this.#pending;
    if (!p || !chunk.length) return noOutput();
    if (p.resendAt !== null) {
      p.resendAt = receivedAt + this.drainMs; // the rest of a bad answer: drop it, wait longer
      return noOutput();
    }
    p.lastByteAt = receivedAt;
    return this.#apply(p, this.onChunk(p.label, chunk, receivedAt), receivedAt);
  }

  tick(now: number): DriverOutput {
    const p = this.#pending;
    if (!p) return noOutput();
    if (p.resendAt !== null) return now >= p.resendAt ? this.#resend(p, now) : noOutput();
    if (p.quietMs !== undefined && p.lastByteAt !== null && now - p.lastByteAt >= p.quietMs) {
      p.lastByteAt = null;
      const out = this.#apply(p, this.onQuiet(p.label, now), now);
      if (out.events.length || out.writes.length || this.#pending !== p || p.resendAt !== null) return out;
    }
    if (now < p.deadline) return noOutput();
    // Silence: nothing is in flight, so resend at once.
    const final = this.#fail(
      p,
      p.lastFailure ?? { code: 'no-response', detail: `no answer to ${p.label} within ${p.timeoutMs} ms` },
      now,
    );
    return final ? { events: [final], writes: [] } : this.#resend(p, now);
  }

  reset(): void {
    this.#pending = null;
    this.clearReply();
  }

  #apply(p: Pending, verdict: Verdict, at: number): DriverOutput {
    if (verdict.kind === 'wait') return noOutput();
    if (verdict.kind === 'next') return verdict.out;
    const final = this.#fail(p, { code: verdict.code, detail: verdict.detail }, at);
    if (final) return { events: [final], writes: [] };
    p.resendAt = at + this.drainMs;
    this.clearReply();
    return noOutput();
  }

  /** Counts a failed attempt; after the last one the session ends and this returns its failure event. */
  #fail(p: Pending, why: { code: DeviceErrorCode; detail: string }, at: number): DriverEvent | null {
    p.lastFailure = why;
    if (p.attempt < p.attempts) return null;
    this.#pending = null;
    this.clearReply();
    return this.failure(p.label, why.code, `${why.detail} (after ${p.attempt} attempts)`, at);
  }

  #resend(p: Pending, now: number): DriverOutput {
    p.attempt++;
    p.resendAt = null;
    p.lastByteAt = null;
    p.deadline = now + p.timeoutMs;
    this.clearReply();
    return { events: [], writes: p.writes };
  }
}
