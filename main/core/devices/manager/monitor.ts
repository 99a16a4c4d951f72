/**
 * The live monitor on the "Thiết bị" screen: raw bytes as hex, and what the driver made of them.
 * A scale streams ten frames a second, so chunks are gathered for a tenth of a second per device
 * before one `device.frame` event goes out.
 */
import type { EventBus } from '../../events.ts';
import { toHex } from '../bytes.ts';

const GATHER_MS = 100;
/** A frame shown in the monitor never grows beyond this (a long scan is cut, not the log). */
const MAX_BYTES = 512;

interface Pending {
  bytes: number[];
  decoded: string[];
  at: number;
  timer: ReturnType<typeof setTimeout>;
}

export class FrameMonitor {
  readonly #pending = new Map<string, Pending>();
  readonly #events: EventBus;

  constructor(events: EventBus) {
    this.#events = events;
  }

  #entry(id: string, at: number): Pending {
    let p = this.#pending.get(id);
    if (!p) {
      p = { bytes: [], decoded: [], at, timer: setTimeout(() => this.#flush(id), GATHER_MS) };
      p.timer.unref?.();
      this.#pending.set(id, p);
    }
    return p;
  }

  bytes(id: string, chunk: Uint8Array, at: number): void {
    const p = this.#entry(id, at);
    for (const b of chunk) if (p.bytes.length < MAX_BYTES) p.bytes.push(b);
  }

  decoded(id: string, text: string, at: number): void {
    this.#entry(id, at).decoded.push(text);
  }

  #flush(id: string): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    this.#events.emit('device.frame', {
      id,
      hex: toHex(Uint8Array.from(p.bytes)),
      decoded: p.decoded.join(' · '),
      at: new Date(p.at).toISOString(),
    });
  }

  stop(): void {
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    this.#pending.clear();
  }
}
