import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes.ts';
import { baudMismatch, toledoFrame } from '../simulator/frames.ts';
import { feed, label, readings, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { parseToledoFrame, toledoChecksum, ToledoContinuousScale } from './toledo-continuous.ts';

describe('Toledo continuous output', () => {
  it('waits out motion, reads 64.5 kg once, rejects a bad checksum and reports out of range (trace)', () => {
    const run = runTrace(new ToledoContinuousScale(), loadTrace('toledo-continuous-checksum.hex'));
    expect(run.events.map(label)).toEqual([
      'status:waiting-stable',
      { kind: 'weight', kg: 64.5, stable: true },
      'error:checksum',
      'error:overload',
    ]);
  });

  it('decodes decimal position, sign, net and tare', () => {
    const f = toledoFrame({ kg: 3.25, tareKg: 0.5, decimals: 2, net: true });
    expect(parseToledoFrame(f)).toEqual({
      value: 3.25,
      tare: 0.5,
      unit: 'kg',
      net: true,
      motion: false,
      outOfRange: false,
      notZeroed: false,
    });
    expect(parseToledoFrame(toledoFrame({ kg: -1.2 }))?.value).toBe(-1.2);
  });

  it('works without a checksum byte (learns it from the stream) and flushes the last frame by silence', () => {
    const s = new ToledoContinuousScale();
    const f = toledoFrame({ kg: 80.4 });
    expect(readings(feed(s, [f, f], { stepMs: 140 }))).toHaveLength(1);
    const single = new ToledoContinuousScale();
    expect(single.push(f, T0).events).toEqual([]);
    expect(readings(single.tick(T0 + 100).events)).toHaveLength(1);
  });

  it('resynchronises after garbage and a frame split across reads', () => {
    const f = toledoFrame({ kg: 55.5, checksum: true });
    const stream = concatBytes([Uint8Array.of(0x41, 0x02, 0x99, 0x0d), f, f]);
    const ev = feed(new ToledoContinuousScale({ checksum: 'on' }), [
      stream.subarray(0, 9),
      stream.subarray(9, 30),
      stream.subarray(30),
    ]);
    expect(readings(ev).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 55.5, stable: true }]);
  });

  it('computes the 7-bit two’s-complement checksum', () => {
    const f = toledoFrame({ kg: 12.3 });
    let sum = toledoChecksum(f);
    for (const b of f) sum += b;
    expect(sum & 0x7f).toBe(0);
  });

  it('reports a scale not zeroed at power-up, and garbage from a wrong baud rate', () => {
    expect(
      feed(new ToledoContinuousScale(), [
        toledoFrame({ kg: 0.4, notZeroed: true }),
        toledoFrame({ kg: 0.4, notZeroed: true }),
      ]),
    ).toMatchObject([{ type: 'error', code: 'not-ready' }]);
    const wire = baudMismatch(
      concatBytes(Array.from({ length: 12 }, () => toledoFrame({ kg: 64.5 }))),
      9600,
      2400,
    );
    const ev = feed(new ToledoContinuousScale(), [wire, wire, wire, wire]);
    expect(readings(ev)).toEqual([]);
  });
});
