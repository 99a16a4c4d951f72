import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { omron7322uRecord, type SimBpReading } from '../simulator/frames.ts';
import { Omron7322uResponder } from '../simulator/responder.ts';
import { errors, readings, runPull } from '../test-support/harness.ts';
import {
  decodeOmron7322uRecord,
  Omron7322uMonitor,
  omron7322uCommand,
  OMRON_7322U_END,
  OMRON_7322U_START,
  parseOmron7322uAnswer,
} from './omron-7322u.ts';

const history = (n: number, lastDay: number): SimBpReading[] =>
  Array.from({ length: n }, (_, i) => ({
    systolic: 120 + (i % 20),
    diastolic: 70 + (i % 10),
    pulse: 60 + (i % 30),
    measuredAt: `2026-11-${String(lastDay - ((n - 1 - i) % 20)).padStart(2, '0')}T${String(7 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
  }));

describe('Omron HEM-7322U / HEM-7131U (obpm protocol)', () => {
  it('builds the commands obpm sends, checksums included', () => {
    expect(toHex(OMRON_7322U_START)).toBe('02 08 00 00 00 00 10 00 18');
    expect(toHex(omron7322uCommand(0x0100, 0x02ac, 0x28))).toBe('02 08 01 00 02 ac 28 00 8f');
    expect(toHex(OMRON_7322U_END)).toBe('02 08 0f 00 00 00 00 00 07');
  });

  it('decodes the record bit fields (obpm layout)', () => {
    const r = decodeOmron7322uRecord(
      omron7322uRecord({ systolic: 147, diastolic: 93, pulse: 81, measuredAt: '2026-12-31T23:59' }),
    );
    expect(r?.reading).toEqual({
      kind: 'bp',
      systolic: 147,
      diastolic: 93,
      pulse: 81,
      measuredAt: '2026-12-31T23:59:00',
      flags: [],
    });
    expect(decodeOmron7322uRecord(new Uint8Array(14).fill(0xff))).toBeNull();
  });

  it('reads both users’ memory in 40-byte blocks and reports the newest of all records', () => {
    const user1 = history(37, 20);
    const user2: SimBpReading[] = [
      { systolic: 131, diastolic: 85, pulse: 77, measuredAt: '2026-11-22T08:45' },
    ];
    const run = runPull(new Omron7322uMonitor(), new Omron7322uResponder([user1, user2], 100));
    expect(run.writes).toHaveLength(1 + 70 + 1);
    expect(readings(run.events)[0].reading).toEqual({
      kind: 'bp',
      systolic: 131,
      diastolic: 85,
      pulse: 77,
      measuredAt: '2026-11-22T08:45:00',
      flags: ['user-2'],
      recordsOnDevice: 38,
    });
  });

  it('reads the 7131U’s smaller memory', () => {
    const run = runPull(
      new Omron7322uMonitor({ recordsPerUser: 60 }),
      new Omron7322uResponder([history(60, 22), []], 60),
    );
    expect(run.writes).toHaveLength(1 + 42 + 1);
    expect(readings(run.events)[0].reading).toMatchObject({ recordsOnDevice: 60 });
  });

  it('asks the nurse to press START/STOP when the monitor does not answer', () => {
    const responder = new Omron7322uResponder([history(3, 10)], 100, { needsArming: true });
    const run = runPull(new Omron7322uMonitor(), responder);
    const [e] = errors(run.events);
    expect(e.type === 'error' && e.message).toMatch(/START\/STOP/);
  });

  it('re-reads a block whose answer fails its XOR check', () => {
    const run = runPull(
      new Omron7322uMonitor(),
      new Omron7322uResponder([history(5, 12)], 100, { corrupt: [4, 9] }),
    );
    expect(errors(run.events)).toEqual([]);
    expect(run.writes).toHaveLength(1 + 70 + 2 + 1);
    expect(readings(run.events)).toHaveLength(1);
  });

  it('accepts answers with or without the report id, and rejects a broken one', () => {
    const ok = Uint8Array.of(0x02, 0x08, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x88);
    expect(parseOmron7322uAnswer(ok)).toMatchObject({ type: 0x8000 });
    expect(parseOmron7322uAnswer(ok.subarray(1))).toMatchObject({ type: 0x8000 });
    expect(
      parseOmron7322uAnswer(Uint8Array.of(0x02, 0x08, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00)),
    ).toBeNull();
    expect(parseOmron7322uAnswer(Uint8Array.of(0x02, 0x30, 1, 2))).toBeNull();
  });
});
