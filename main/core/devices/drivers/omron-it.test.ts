import { describe, expect, it } from 'vitest';
import type { BpReading } from '../events.ts';
import {
  omronItInputReports,
  omronItRecord,
  omronItRecordAnswer,
  type SimBpReading,
} from '../simulator/frames.ts';
import { OmronItResponder } from '../simulator/responder.ts';
import { errors, readings, runPull, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { decodeOmronItRecord, OmronItMonitor } from './omron-it.ts';

const NEWEST: SimBpReading = { systolic: 118, diastolic: 76, pulse: 64, measuredAt: '2026-11-22T08:20:05' };
const OLDER: SimBpReading = { systolic: 160, diastolic: 95, pulse: 88, measuredAt: '2026-11-21T20:00:00' };

describe('Omron HEM-790IT family (libomron protocol)', () => {
  it('decodes the record from the libomron protocol notes', () => {
    const trace = loadTrace('omron-it-gme-doc.hex');
    const bytes: number[] = [];
    for (const s of trace) if (s.kind === 'in') bytes.push(...s.bytes.subarray(1, 1 + s.bytes[0]));
    expect(bytes.slice(0, 3)).toEqual([0x4f, 0x4b, 0x00]);
    const rec = decodeOmronItRecord(Uint8Array.from(bytes.slice(3)));
    expect(rec?.reading).toEqual({
      kind: 'bp',
      systolic: 112,
      diastolic: 75,
      pulse: 71,
      measuredAt: '2007-01-03T00:06:51',
      flags: [],
    });
  });

  it('runs a whole session byte for byte and reports the newest record (trace)', () => {
    const run = runTrace(new OmronItMonitor(), loadTrace('omron-it-session.hex'), { start: true });
    expect(run.mismatches).toEqual([]);
    expect(run.writes[0]).toEqual({ bytes: Uint8Array.of(0x00, 0x74, 0xbc), report: 'feature' });
    const [r] = readings(run.events);
    expect(r.reading).toEqual({
      kind: 'bp',
      systolic: 118,
      diastolic: 76,
      pulse: 64,
      measuredAt: '2026-11-22T08:20:05',
      flags: [],
      recordsOnDevice: 2,
    });
    expect(r.rawHex).toBe('1a 0b 16 08 14 05 00 00 76 4c 40 00 00 64');
  });

  it('reads SYS above 255 through the high byte, and the flag word', () => {
    const rec = decodeOmronItRecord(
      omronItRecord({
        systolic: 262,
        diastolic: 120,
        pulse: 90,
        measuredAt: '2026-01-02T03:04',
        flags: ['irregular-heartbeat', 'body-movement'],
      }),
    );
    expect(rec?.reading).toMatchObject({ systolic: 262, flags: ['irregular-heartbeat', 'body-movement'] });
  });

  it('retries a "NO" and a corrupted answer, then succeeds', () => {
    const responder = new OmronItResponder([[NEWEST, OLDER]], { refuse: 1, corrupt: [3] });
    const run = runPull(new OmronItMonitor(), responder);
    expect(readings(run.events).map((r) => (r.reading as BpReading).measuredAt)).toEqual([
      '2026-11-22T08:20:05',
    ]);
    expect(errors(run.events)).toEqual([]);
  });

  it('picks the newest by time even when the device order says otherwise, across both banks', () => {
    const responder = new OmronItResponder([[OLDER], [NEWEST]]);
    const run = runPull(new OmronItMonitor({ banks: [0, 1] }), responder);
    expect(readings(run.events)[0].reading).toMatchObject({
      systolic: 118,
      flags: ['user-2'],
      recordsOnDevice: 2,
    });
  });

  it('reports an empty memory', () => {
    const run = runPull(new OmronItMonitor(), new OmronItResponder([[]]));
    expect(errors(run.events)).toMatchObject([{ code: 'no-records' }]);
  });

  it('gives up on a silent monitor after its attempts, with a Vietnamese message', () => {
    const run = runPull(new OmronItMonitor(), { respond: () => [] });
    const [e] = errors(run.events);
    expect(e).toMatchObject({ code: 'no-response' });
    expect(e.type === 'error' && e.message).toMatch(/không trả lời/);
    expect(run.writes.length).toBe(5 * 5); // feature + 4 clear reports, five attempts
  });

  it('treats an answer whose checksum never matches as a failure, not a reading', () => {
    const bad = omronItRecordAnswer(NEWEST);
    bad[bad.length - 1] ^= 1;
    const d = new OmronItMonitor();
    d.start(T0);
    // Walk the session by hand: OK to the clear block, a count of 1, then the same bad record three times.
    expect(d.push(omronItInputReports(Uint8Array.of(0x4f, 0x4b))[0], T0 + 5).writes).toHaveLength(2); // GDC
    d.push(omronItInputReports(Uint8Array.of(0x4f, 0x4b, 0, 0, 0, 0, 1, 1))[0], T0 + 10);
    const count = d.push(omronItInputReports(Uint8Array.of(0x4f, 0x4b, 0, 0, 0, 0, 1, 1))[1], T0 + 11);
    expect(count.writes).toHaveLength(2); // GME #0
    const events = [];
    for (let i = 0; i < 3; i++) {
      const at = T0 + 20 + i * 200;
      for (const r of omronItInputReports(bad)) events.push(...d.push(r, at).events);
      // The request is resent only after the line has been quiet for a moment.
      const resent = d.tick(at + 100);
      events.push(...resent.events);
      expect(resent.writes).toHaveLength(i < 2 ? 2 : 0);
    }
    expect(events).toMatchObject([{ type: 'error', code: 'checksum' }]);
  });
});
