import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import type { ReadingEvent } from '../events.ts';
import { andFrame, baudMismatch } from '../simulator/frames.ts';
import { feed, label, readings, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { AndWeightScale, parseAndLine } from './and-weight.ts';

describe('A&D "ST,GS,…kg" scales', () => {
  it('decodes the General Measure manual example and a settling stream into one reading per weighing', () => {
    const run = runTrace(new AndWeightScale(), loadTrace('and-stream.hex'));
    expect(run.events.map(label)).toEqual([
      { kind: 'weight', kg: 11.12, stable: true },
      'status:waiting-stable',
      { kind: 'weight', kg: 72.5, stable: true },
      'error:overload',
    ]);
    const r = run.events.find(
      (e): e is ReadingEvent => e.type === 'reading' && e.reading.kind === 'weight' && e.reading.kg === 72.5,
    );
    expect(r?.reading).toEqual({ kind: 'weight', kg: 72.5, stable: true });
    expect(r?.rawHex).toBe('53 54 2c 47 53 2c 2b 30 30 37 32 2e 35 30 6b 67');
  });

  it('parses the header variants and units', () => {
    expect(parseAndLine('ST,+0001.234 kg')).toEqual({ header: 'ST', kind: null, value: 1.234, unit: 'kg' });
    expect(parseAndLine('ST,NT,+01234.5')).toMatchObject({ kind: 'NT', value: 1234.5, unit: '' });
    expect(parseAndLine('US,GS,-0000.20kg')).toMatchObject({ header: 'US', value: -0.2 });
    expect(parseAndLine('OL,GS,+    .  kg')).toMatchObject({ header: 'OL', value: null });
    expect(parseAndLine('ST,GS,OK,+0070.00kg')).toMatchObject({ value: 70 });
    expect(parseAndLine('hello')).toBeNull();
  });

  it('converts grams and pounds, ignores tare and count frames', () => {
    const s = new AndWeightScale();
    const ev = feed(s, [asciiBytes('ST,GS,+0003972  g\r\n')]);
    expect(readings(ev).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 3.972, stable: true }]);
    expect(
      readings(feed(new AndWeightScale(), [asciiBytes('ST,GS,+0154.32lb\r\n')]))[0].reading,
    ).toMatchObject({ kg: 69.99837 });
    expect(
      feed(new AndWeightScale(), [andFrame({ kg: 5, kind: 'TR' }), asciiBytes('QT,+0000012 PC\r\n')]),
    ).toEqual([]);
  });

  it('emits again when the print key is pressed again, but not for a continuous stream', () => {
    const s = new AndWeightScale();
    const frame = andFrame({ kg: 60.2 });
    expect(readings(feed(s, [frame, frame, frame], { stepMs: 200 }))).toHaveLength(1);
    expect(readings(feed(s, [frame], { t0: T0 + 10_000 }))).toHaveLength(1);
  });

  it('needs the scale to empty before the same weight counts for the next person', () => {
    const s = new AndWeightScale();
    const ev = feed(
      s,
      [
        andFrame({ kg: 55 }),
        andFrame({ kg: 55 }),
        andFrame({ kg: 0 }),
        andFrame({ kg: 55, header: 'US' }),
        andFrame({ kg: 55 }),
      ],
      { stepMs: 150 },
    );
    expect(readings(ev)).toHaveLength(2);
  });

  it('reports overload and underload once per burst, not per frame', () => {
    const s = new AndWeightScale();
    const ol = andFrame({ kg: 0, header: 'OL' });
    const ev = feed(s, [ol, ol, ol, ol, andFrame({ kg: 0, header: 'UL' })], { stepMs: 100 });
    expect(ev.map((e) => e.type === 'error' && e.code)).toEqual(['overload', 'underload']);
    expect(ev[0].type === 'error' && ev[0].message).toMatch(/quá tải/);
  });

  it('recognises a wrong baud rate (9600 frames read at 2400) as garbage, never as a weight', () => {
    const wire = baudMismatch(
      new Uint8Array([...andFrame({ kg: 72.5 }), ...andFrame({ kg: 72.5 }), ...andFrame({ kg: 72.5 })]),
      9600,
      2400,
    );
    const s = new AndWeightScale();
    const ev = feed(s, [wire, wire, wire, wire, wire, wire, wire, wire], { stepMs: 100 });
    expect(readings(ev)).toEqual([]);
    expect(ev.some((e) => e.type === 'error' && e.code === 'garbled')).toBe(true);
  });

  it('skips garbage before a header and handles a frame split over several reads', () => {
    const f = andFrame({ kg: 48.3 });
    const ev = feed(new AndWeightScale(), [
      asciiBytes('\x00\x13'),
      f.subarray(0, 4),
      f.subarray(4, 11),
      f.subarray(11),
    ]);
    expect(readings(ev).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 48.3, stable: true }]);
  });

  it('ignores a truncated frame', () => {
    const ev = feed(new AndWeightScale(), [asciiBytes('ST,GS,+007\r\n'), asciiBytes('ST,GS\r\n')]);
    expect(readings(ev)).toEqual([]);
  });
});
