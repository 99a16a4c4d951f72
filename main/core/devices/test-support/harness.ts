/** Helpers that run drivers synchronously in unit tests: feed chunks, or play a pull device end to end. */
import type { Driver, DriverWrite } from '../driver.ts';
import type { DriverEvent, ReadingEvent } from '../events.ts';
import type { Responder } from '../simulator/responder.ts';

export const T0 = Date.UTC(2026, 10, 22, 1, 30, 0); // 08:30 in Vietnam

/** Pushes chunks `stepMs` apart, ticking in between; returns every event. */
export function feed(
  driver: Driver,
  chunks: readonly Uint8Array[],
  options: { t0?: number; stepMs?: number; settleMs?: number } = {},
): DriverEvent[] {
  let t = options.t0 ?? T0;
  const step = options.stepMs ?? 5;
  const events: DriverEvent[] = [];
  for (const c of chunks) {
    events.push(...driver.push(c, t).events);
    t += step;
    events.push(...driver.tick(t).events);
  }
  if (options.settleMs) events.push(...driver.tick(t + options.settleMs).events);
  return events;
}

export interface PullRun {
  events: DriverEvent[];
  writes: DriverWrite[];
  /** Simulated ms until the session ended. */
  elapsedMs: number;
}

/**
 * Plays a download: the driver's writes go to the responder, its answers come back after
 * `latencyMs`; time advances by ticks when nothing is in flight, until the driver has nothing
 * left to do or `maxMs` passes.
 */
export function runPull(
  driver: Driver,
  responder: Responder,
  options: { t0?: number; latencyMs?: number; maxMs?: number; beforeStart?: () => void } = {},
): PullRun {
  const t0 = options.t0 ?? T0;
  const latency = options.latencyMs ?? 3;
  const maxMs = options.maxMs ?? 120_000;
  let t = t0;
  const events: DriverEvent[] = [];
  const writes: DriverWrite[] = [];
  const inbox: { at: number; bytes: Uint8Array }[] = [];
  const handle = (out: { events: DriverEvent[]; writes: DriverWrite[] }) => {
    events.push(...out.events);
    for (const w of out.writes) {
      writes.push(w);
      for (const a of responder.respond(w.bytes, w.report ?? 'output'))
        inbox.push({ at: t + latency, bytes: a });
    }
  };
  options.beforeStart?.();
  handle(driver.start(t));
  let idleTicks = 0;
  const busy = () => (driver as Partial<{ busy: boolean }>).busy;
  while (t - t0 < maxMs) {
    const next = inbox.shift();
    if (next) {
      t = Math.max(t, next.at);
      handle(driver.push(next.bytes, t));
      idleTicks = 0;
      continue;
    }
    if (busy() === false) break;
    t += driver.tickIntervalMs;
    const before = events.length + writes.length;
    handle(driver.tick(t));
    idleTicks = events.length + writes.length === before ? idleTicks + 1 : 0;
    if (idleTicks * driver.tickIntervalMs > 60_000) break;
  }
  return { events, writes, elapsedMs: t - t0 };
}

export const readings = (events: readonly DriverEvent[]) =>
  events.filter((e): e is ReadingEvent => e.type === 'reading');
export const errors = (events: readonly DriverEvent[]) => events.filter((e) => e.type === 'error');

/** A seeded PRNG (mulberry32): the same seed gives the same fuzz run on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A short label per event for compact assertions: the reading itself, "scan", or "error:overload". */
export function label(e: DriverEvent): unknown {
  if (e.type === 'reading') return e.reading;
  if (e.type === 'scan') return 'scan';
  return `${e.type}:${e.code}`;
}
