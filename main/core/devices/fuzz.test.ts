/**
 * Random bytes must never crash or hang a driver: every driver in the registry gets thousands of
 * seeded random chunks (raw noise, ASCII lines, HID-shaped reports, corrupted real frames) with
 * random timing, ticks and restarts. Deterministic: the same seeds every run.
 */
import { describe, expect, it } from 'vitest';
import { parseBhytQr } from './cards/bhyt.ts';
import { parseCccdQr } from './cards/cccd.ts';
import { detectCard } from './cards/detect.ts';
import type { Driver } from './driver.ts';
import { ConfigurableLineDriver } from './drivers/configurable-line.ts';
import { createDriver, listDrivers } from './drivers/index.ts';
import type { DriverEvent } from './events.ts';
import {
  andFrame,
  cas22Frame,
  hidPosReports,
  microlifeCyclesAnswer,
  microlifeInputReports,
  omronItInputReports,
  omronItRecordAnswer,
  sicsLine,
  tanitaLine,
  toledoFrame,
} from './simulator/frames.ts';
import { prng } from './test-support/harness.ts';

const CHUNKS = 5000;
const SAMPLE = { systolic: 128, diastolic: 84, pulse: 70, measuredAt: '2026-11-22T08:00' };
const REAL_FRAMES: Uint8Array[] = [
  andFrame({ kg: 61.5 }),
  cas22Frame({ kg: 13.5 }),
  sicsLine({ stable: true, kg: 58 }),
  toledoFrame({ kg: 64.5, checksum: true }),
  tanitaLine({ model: 'WB-3000', heightCm: 160, weightKg: 55 }),
  ...hidPosReports('089202017098|352576714|Lê Văn Lương|23052002|Nam|X|31122021', { layout: 'A' }),
  ...omronItInputReports(omronItRecordAnswer(SAMPLE)),
  ...microlifeInputReports(microlifeCyclesAnswer([SAMPLE])),
];

function randomChunk(rnd: () => number): Uint8Array {
  const kind = rnd();
  const len = Math.floor(rnd() * 80);
  if (kind < 0.35) return Uint8Array.from({ length: len }, () => Math.floor(rnd() * 256));
  if (kind < 0.55) {
    const alphabet = 'STUSOL,GN+-. 0123456789kg\r\n{}~"MOWkHmS DIES+-|$';
    return Uint8Array.from({ length: len }, () => alphabet.charCodeAt(Math.floor(rnd() * alphabet.length)));
  }
  if (kind < 0.7) {
    const r = Uint8Array.from({ length: 64 }, () => Math.floor(rnd() * 256));
    r[0] = rnd() < 0.8 ? 0x02 : r[0];
    r[63] = rnd() < 0.5 ? 1 : 0;
    return r;
  }
  if (kind < 0.85) return Uint8Array.from({ length: rnd() < 0.5 ? 8 : 9 }, () => Math.floor(rnd() * 256));
  const frame = Uint8Array.from(REAL_FRAMES[Math.floor(rnd() * REAL_FRAMES.length)]);
  for (let i = Math.floor(rnd() * 3); i > 0; i--)
    frame[Math.floor(rnd() * frame.length)] = Math.floor(rnd() * 256);
  return rnd() < 0.5 ? frame : frame.subarray(0, Math.floor(rnd() * frame.length));
}

function checkEvent(e: DriverEvent): void {
  expect(['scan', 'reading', 'error', 'status']).toContain(e.type);
  expect(Number.isFinite(e.receivedAt)).toBe(true);
  if (e.type === 'error' || e.type === 'status') expect(e.message.length).toBeGreaterThan(0);
  if (e.type === 'reading') {
    for (const v of Object.values(e.reading))
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  }
}

function fuzz(driver: Driver, seed: number): { events: number; ms: number } {
  const rnd = prng(seed);
  let t = Date.UTC(2026, 10, 22);
  let events = 0;
  const started = performance.now();
  driver.start(t);
  for (let i = 0; i < CHUNKS; i++) {
    t += Math.floor(rnd() * (rnd() < 0.1 ? 3000 : 60));
    const out = rnd() < 0.15 ? driver.tick(t) : driver.push(randomChunk(rnd), t);
    for (const e of out.events) checkEvent(e);
    for (const w of out.writes) expect(w.bytes).toBeInstanceOf(Uint8Array);
    events += out.events.length;
    if (rnd() < 0.002) driver.start(t);
    if (rnd() < 0.001) driver.reset();
  }
  return { events, ms: performance.now() - started };
}

describe('fuzz: random bytes never throw or hang a driver', () => {
  for (const [i, info] of listDrivers().entries()) {
    it(`${info.id}`, () => {
      const made = createDriver(
        info.id,
        info.id === 'custom-line' ? { pattern: '^(?:(?<stable>ST)|US),GS,(?<weight>[+-]?[\\d.]+)kg$' } : {},
      );
      if (!made.ok) throw new Error(made.error);
      const { ms } = fuzz(made.driver, 1000 + i);
      expect(ms).toBeLessThan(5000);
    });
  }

  it('custom-line with an invalid pattern', () => {
    expect(fuzz(new ConfigurableLineDriver({ pattern: '(?<weight>[' }), 77).ms).toBeLessThan(5000);
  });

  it('card parsers and detection on random text', () => {
    const rnd = prng(4242);
    const alphabet = '0123456789|/$- abcdefABCDEFLêVănĐạtNữNam\0\r\n';
    for (let i = 0; i < 5000; i++) {
      const s = Array.from(
        { length: Math.floor(rnd() * 300) },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join('');
      for (const r of [parseCccdQr(s), parseBhytQr(s)]) {
        expect(r.ok === (r.errors.length === 0)).toBe(true);
        if (!r.ok) expect(r.errors.every((m) => m.length > 0)).toBe(true);
      }
      expect(['cccd', 'bhyt', 'unknown']).toContain(detectCard(s));
    }
  });
});
