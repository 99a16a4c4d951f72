import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { baudMismatch, beurerRecord, type SimBpReading } from '../simulator/frames.ts';
import { BeurerHidResponder, BeurerSerialResponder } from '../simulator/responder.ts';
import { errors, readings, runPull, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { BeurerHidMonitor, beurerHidReport, BeurerSerialMonitor, decodeBeurerRecord } from './beurer.ts';

const HISTORY: SimBpReading[] = [
  { systolic: 120, diastolic: 78, pulse: 66, measuredAt: '2026-11-20T18:02' },
  { systolic: 142, diastolic: 91, pulse: 80, measuredAt: '2026-11-22T07:40', flags: ['irregular-heartbeat'] },
  { systolic: 133, diastolic: 84, pulse: 71, measuredAt: '2026-11-21T07:15', flags: ['user-2'] },
];

describe('Beurer BM55/58/65', () => {
  it('decodes the record and its high-bit flags (MediPi layout)', () => {
    expect(toHex(beurerRecord(HISTORY[1]))).toBe('75 42 50 0b 16 07 28 9a');
    expect(decodeBeurerRecord(beurerRecord(HISTORY[1]))?.reading).toEqual({
      kind: 'bp',
      systolic: 142,
      diastolic: 91,
      pulse: 80,
      measuredAt: '2026-11-22T07:40:00',
      flags: ['irregular-heartbeat'],
    });
  });

  it('HID: init, count, every record, end; newest by time', () => {
    const run = runPull(new BeurerHidMonitor(), new BeurerHidResponder(HISTORY));
    expect(run.writes.map((w) => w.bytes[1])).toEqual([
      0xaa, 0xa4, 0xa5, 0xa6, 0xa7, 0xa2, 0xa3, 0xa3, 0xa3, 0xf7, 0xf6,
    ]);
    expect(toHex(run.writes[6].bytes)).toBe(toHex(beurerHidReport([0xa3, 1])));
    expect(toHex(run.writes[6].bytes)).toBe('00 a3 01 f4 f4 f4 f4 f4 f4');
    expect(readings(run.events)[0].reading).toMatchObject({
      systolic: 142,
      measuredAt: '2026-11-22T07:40:00',
      recordsOnDevice: 3,
    });
  });

  it('serial: the BM65 session byte for byte (trace, answer split across reads)', () => {
    const run = runTrace(new BeurerSerialMonitor(), loadTrace('beurer-serial-session.hex'), { start: true });
    expect(run.mismatches).toEqual([]);
    expect(readings(run.events)[0].reading).toMatchObject({
      systolic: 142,
      diastolic: 91,
      pulse: 80,
      measuredAt: '2026-11-22T07:40:00',
    });
  });

  it('serial: a wrong baud rate fails the ping and says to check 4800 baud', () => {
    const d = new BeurerSerialMonitor();
    d.start(T0);
    const garbage = baudMismatch(Uint8Array.of(0x55), 4800, 9600);
    expect(garbage).not.toEqual(Uint8Array.of(0x55));
    const events = [];
    for (let i = 0; i < 3; i++) {
      const at = T0 + i * 200;
      events.push(...d.push(garbage, at).events, ...d.tick(at + 100).events); // each ping answered with noise
    }
    expect(events).toMatchObject([{ type: 'error', code: 'garbled' }]);
    expect(events[0].type === 'error' && events[0].message).toMatch(/4800/);
  });

  it('serial: plays the responder end to end, and an empty memory', () => {
    expect(
      readings(runPull(new BeurerSerialMonitor(), new BeurerSerialResponder(HISTORY)).events)[0].reading,
    ).toMatchObject({ systolic: 142 });
    expect(errors(runPull(new BeurerSerialMonitor(), new BeurerSerialResponder([])).events)).toMatchObject([
      { code: 'no-records' },
    ]);
  });

  it('HID: a silent monitor ends with "no response"', () => {
    expect(errors(runPull(new BeurerHidMonitor(), { respond: () => [] }).events)).toMatchObject([
      { code: 'no-response' },
    ]);
  });
});
