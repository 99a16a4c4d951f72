/**
 * The driver contract. A driver is a pure state machine: bytes in, events (and, for devices that
 * must be asked, bytes to write) out. It owns no port, no timer and no clock — the caller passes
 * the time — so the same code runs against hardware, a socat pty, a fake transport or a hex trace.
 */
import type { DriverEvent } from './events.ts';

/** Bytes for the transport to send. HID devices distinguish output and feature reports. */
export interface DriverWrite {
  bytes: Uint8Array;
  /** Default 'output'. 'feature' only on HID (e.g. the Omron mode report). */
  report?: 'output' | 'feature';
}

export interface DriverOutput {
  events: DriverEvent[];
  /** Write these in order, before feeding the device's next bytes back through `push`. */
  writes: DriverWrite[];
}

export interface Driver {
  /** Registry id (drivers/index.ts). */
  readonly id: string;
  /**
   * True for devices that only answer (BP monitors downloading memory, MT-SICS): call `start()`
   * to begin a download; false for devices that stream or print on their own.
   */
  readonly pull: boolean;
  /** How often the caller should call `tick` (ms) — inter-byte timeouts, retries. */
  readonly tickIntervalMs: number;
  /** Begins (or restarts) a session: for pull devices the first commands to write. */
  start(now: number): DriverOutput;
  /** Feeds bytes exactly as the transport delivered them (a serial chunk or one HID report). */
  push(chunk: Uint8Array, receivedAt: number): DriverOutput;
  /** Lets time pass: flushes frames ended by silence, retries or gives up on a silent device. */
  tick(now: number): DriverOutput;
  /** Drops partial frames and any session in progress (after a reconnect). */
  reset(): void;
}

export const noOutput = (): DriverOutput => ({ events: [], writes: [] });

export const eventsOnly = (events: DriverEvent[]): DriverOutput => ({ events, writes: [] });
