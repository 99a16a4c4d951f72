import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import { microlifeCyclesAnswer, microlifeInputReports, microlifeRecord } from '../simulator/frames.ts';
import { MicrolifeResponder } from '../simulator/responder.ts';
import { errors, readings, runPull, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import {
  decodeMicrolifeRecord,
  MicrolifeMonitor,
  microlifeChecksum,
  parseMicrolifeCycles,
} from './microlife.ts';

const READINGS = [
  { systolic: 128, diastolic: 82, pulse: 70, measuredAt: '2026-11-21T19:05' },
  { systolic: 135, diastolic: 88, pulse: 76, measuredAt: '2026-11-22T08:12' },
];

describe('Microlife BPA-100 protocol', () => {
  it('writes "read cycles" and reads the newest record of the answer (trace)', () => {
    const run = runTrace(new MicrolifeMonitor(), loadTrace('microlife-session.hex'), { start: true });
    expect(run.mismatches).toEqual([]);
    expect(readings(run.events)[0].reading).toEqual({
      kind: 'bp',
      systolic: 135,
      diastolic: 88,
      pulse: 76,
      measuredAt: '2026-11-22T08:12:00',
      flags: [],
      recordsOnDevice: 2,
    });
  });

  it('decodes the 10-bit fields of the record word', () => {
    const rec = microlifeRecord({
      systolic: 301,
      diastolic: 150,
      pulse: 190,
      measuredAt: '2026-02-28T23:59',
    });
    expect(decodeMicrolifeRecord(rec)?.reading).toMatchObject({
      systolic: 301,
      diastolic: 150,
      pulse: 190,
      measuredAt: '2026-02-28T23:59:00',
    });
    expect(decodeMicrolifeRecord('2602301200' + '0'.repeat(22))).toBeNull(); // 30 February
  });

  it('checks the sum checksum', () => {
    const answer = microlifeCyclesAnswer(READINGS);
    expect(parseMicrolifeCycles(answer)).toMatchObject({ count: 2 });
    const bad = Uint8Array.from(answer);
    bad[10] = bad[10] === 0x30 ? 0x31 : 0x30;
    expect(parseMicrolifeCycles(bad)).toMatchObject({ problem: 'checksum' });
    expect(microlifeChecksum('0002')).toBe('C2'); // 0x30+0x30+0x30+0x32 = 194
  });

  it('retries garbled and bad-checksum answers, as the reference client does', () => {
    const run = runPull(new MicrolifeMonitor(), new MicrolifeResponder(READINGS, { corrupt: [0, 30] }));
    expect(run.writes.length).toBe(2);
    expect(readings(run.events)).toHaveLength(1);
  });

  it('ends an answer by silence when it is shorter than its count says, and retries it', () => {
    const d = new MicrolifeMonitor();
    d.start(T0);
    const full = microlifeCyclesAnswer(READINGS);
    const cut = Uint8Array.from([...full.subarray(0, 40)]);
    for (const r of microlifeInputReports(cut)) d.push(r, T0 + 5);
    expect(d.tick(T0 + 200).writes).toEqual([]); // the partial answer fails its checksum…
    const out = d.tick(T0 + 300);
    expect(out.writes).toHaveLength(1); // …and after a quiet moment the command goes again
    for (const r of microlifeInputReports(full)) out.events.push(...d.push(r, T0 + 400).events);
    expect(readings(out.events)).toHaveLength(1);
  });

  it('gives up after 15 garbage answers', () => {
    const run = runPull(new MicrolifeMonitor(), {
      respond: () => [Uint8Array.of(0x03, ...asciiBytes('NAK'))],
    });
    expect(run.writes).toHaveLength(15);
    expect(errors(run.events)).toMatchObject([{ code: 'garbled' }]);
  });

  it('reports an empty memory', () => {
    expect(errors(runPull(new MicrolifeMonitor(), new MicrolifeResponder([])).events)).toMatchObject([
      { code: 'no-records' },
    ]);
  });
});
