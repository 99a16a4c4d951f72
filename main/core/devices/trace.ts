/**
 * Byte traces as text — how captured device traffic is kept for driver tests, and what district IT
 * feeds to `hssk devices decode --file`:
 *
 *   # a comment (also after data)
 *   @120 < 02 1c 5d 51 31 …     device → host chunk (one serial read or one HID report) at t = 120 ms
 *   > 00 04 12 16 18 22          host → device write the driver is expected to make
 *   < 53 54 2c …                 no @: 10 ms after the previous step
 *   tick 600                     let 600 ms pass (inter-byte timeouts, retries)
 */
import { fromHex, toHex } from './bytes.ts';
import type { Driver, DriverWrite } from './driver.ts';
import type { DriverEvent } from './events.ts';

export type TraceStep = { kind: 'in' | 'out'; at: number; bytes: Uint8Array } | { kind: 'tick'; at: number };

export function parseTrace(text: string): TraceStep[] {
  const steps: TraceStep[] = [];
  let at = 0;
  for (const [n, rawLine] of text.split('\n').entries()) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const tick = /^tick\s+(\d+)$/.exec(line);
    if (tick) {
      at += Number(tick[1]);
      steps.push({ kind: 'tick', at });
      continue;
    }
    const m = /^(?:@(\d+)\s+)?([<>])\s*([0-9a-fA-F\s]*)$/.exec(line);
    if (!m) throw new Error(`trace line ${n + 1}: cannot read "${rawLine}"`);
    at = m[1] !== undefined ? Number(m[1]) : at + 10;
    steps.push({ kind: m[2] === '<' ? 'in' : 'out', at, bytes: fromHex(m[3]) });
  }
  return steps;
}

export interface TraceRun {
  events: DriverEvent[];
  writes: DriverWrite[];
  /** `>` steps whose bytes differ from what the driver wrote at that point. */
  mismatches: string[];
}

/**
 * Feeds a trace to a driver starting at absolute time `t0`. `>` steps are compared with the
 * driver's writes in order. With `start`, `driver.start()` runs first (pull devices).
 */
export function runTrace(
  driver: Driver,
  steps: readonly TraceStep[],
  options: { t0?: number; start?: boolean } = {},
): TraceRun {
  const t0 = options.t0 ?? Date.UTC(2026, 10, 22, 1, 0, 0);
  const events: DriverEvent[] = [];
  const writes: DriverWrite[] = [];
  if (options.start) {
    const out = driver.start(t0);
    events.push(...out.events);
    writes.push(...out.writes);
  }
  let checked = 0;
  const mismatches: string[] = [];
  for (const s of steps) {
    const t = t0 + s.at;
    if (s.kind === 'out') {
      const w = writes[checked++];
      if (!w || toHex(w.bytes) !== toHex(s.bytes))
        mismatches.push(
          `write #${checked}: expected ${toHex(s.bytes)}, driver wrote ${w ? toHex(w.bytes) : 'nothing'}`,
        );
      continue;
    }
    const out = s.kind === 'in' ? driver.push(s.bytes, t) : driver.tick(t);
    events.push(...out.events);
    writes.push(...out.writes);
  }
  return { events, writes, mismatches };
}
