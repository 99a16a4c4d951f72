import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import { baudMismatch, cas22Frame } from '../simulator/frames.ts';
import { feed, label, readings } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { Cas22Scale, parseCas22 } from './cas22.ts';

describe('CAS 22-byte scales', () => {
  it('waits for the lamp stable bit, reads 13.5 kg once, then reports the overload', () => {
    const run = runTrace(new Cas22Scale(), loadTrace('cas22-stream.hex'));
    expect(run.events.map(label)).toEqual([
      'status:waiting-stable',
      { kind: 'weight', kg: 13.5, stable: true },
      'error:overload',
    ]);
  });

  it('decodes the frame fields, and the 22-byte length', () => {
    const f = cas22Frame({ kg: 13.5, deviceId: 2 });
    expect(f.length).toBe(22);
    expect(parseCas22(f.subarray(0, 20))).toMatchObject({
      header: 'ST',
      kind: 'GS',
      deviceId: 2,
      value: 13.5,
      unit: 'kg',
    });
  });

  it('does not trust a stable header when the lamp says motion', () => {
    const f = Uint8Array.from(cas22Frame({ kg: 20 }));
    f[7] &= ~0x40;
    expect(readings(feed(new Cas22Scale(), [f, f, f]))).toEqual([]);
  });

  it('rejects a lamp byte without its always-set bit 7 (not this format)', () => {
    const f = Uint8Array.from(cas22Frame({ kg: 20 }));
    f[7] = 0x44;
    const ev = feed(new Cas22Scale(), [f]);
    expect(readings(ev)).toEqual([]);
    expect(ev).toMatchObject([{ type: 'error', code: 'bad-frame' }]);
  });

  it('skips noise before the header and treats a negative weight as under range', () => {
    const ev = feed(new Cas22Scale(), [asciiBytes('#!'), cas22Frame({ kg: 9.1 }), cas22Frame({ kg: -0.5 })], {
      stepMs: 2000,
    });
    expect(ev.map(label)).toEqual([{ kind: 'weight', kg: 9.1, stable: true }, 'error:underload']);
  });

  it('turns wrong-baud garbage into a "check the port settings" error', () => {
    const wire = baudMismatch(
      Uint8Array.from([...cas22Frame({ kg: 13.5 }), ...cas22Frame({ kg: 13.5 })]),
      9600,
      4800,
    );
    const ev = feed(new Cas22Scale(), [wire, wire, wire, wire, wire, wire, wire, wire, wire, wire], {
      stepMs: 50,
    });
    expect(readings(ev)).toEqual([]);
    expect(ev.some((e) => e.type === 'error' && (e.code === 'garbled' || e.code === 'bad-frame'))).toBe(true);
  });
});
