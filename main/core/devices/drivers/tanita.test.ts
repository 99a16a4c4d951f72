import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import { tanitaLine } from '../simulator/frames.ts';
import { feed, readings } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { parseTanitaLine, TanitaScale } from './tanita.ts';

describe('Tanita header,value output', () => {
  it('reads WB-3000 height + weight records and ignores the stray byte after each', () => {
    const run = runTrace(new TanitaScale(), loadTrace('tanita-wb3000.hex'));
    expect(run.events.map((e) => e.type === 'reading' && e.reading)).toEqual([
      { kind: 'weight-height', kg: 52.3, cm: 158.5, bmi: 20.8 },
      { kind: 'weight-height', kg: 80.2, cm: 171, bmi: 27.4 },
    ]);
  });

  it('reads the BD-815U infant scale in grams', () => {
    const run = runTrace(new TanitaScale(), loadTrace('tanita-bd815.hex'));
    expect(run.events.map((e) => e.type === 'reading' && e.reading)).toEqual([
      { kind: 'weight', kg: 3.972, stable: true },
    ]);
  });

  it('parses header/value pairs whatever the number of format tokens, including a CS that looks like a header', () => {
    expect(
      parseTanitaLine(
        '{0,16,~0,1,~1,1,~2,1,MO,"SC-240",SN,"00000002",Bt,0,GE,1,AG,30,Hm,170,Pt,0.0,Wk,82.7,FW,18.6,CS,FD',
      )?.fields,
    ).toMatchObject({
      MO: 'SC-240',
      Hm: '170',
      Wk: '82.7',
      CS: 'FD',
    });
    expect(parseTanitaLine('garbage')).toBeNull();
  });

  it('reads a height-only record and skips weight-gain / recall records', () => {
    expect(
      readings(feed(new TanitaScale(), [asciiBytes('{0,16,~0,1,MO,"HR-001",Hm,104.5\r\n')]))[0].reading,
    ).toEqual({ kind: 'height', cm: 104.5 });
    expect(
      feed(new TanitaScale(), [
        asciiBytes('{0,16,~0,1,MO,"BD-815",Gg,120\r\n'),
        asciiBytes('{0,16,~0,1,MO,"BD-815",Rg,3850\r\n'),
      ]),
    ).toEqual([]);
  });

  it('reports an overload readout and an unreadable value', () => {
    const ev = feed(new TanitaScale(), [
      asciiBytes('{0,16,~0,1,MO,"WB-3000",Hm,170.0,Wk,----\r\n'),
      asciiBytes('{0,16,~0,1,MO,"WB-3000",Hm,17x.0,Wk,60.0\r\n'),
    ]);
    expect(ev.map((e) => e.type === 'error' && e.code)).toEqual(['overload', 'bad-frame']);
  });

  it('handles a long body-composition record split over reads', () => {
    const line = tanitaLine({
      model: 'MC-980',
      heightCm: 165,
      weightKg: 61.4,
      extra: Array.from({ length: 30 }, (_, i) => `X${String.fromCharCode(97 + (i % 26))},${i}.5`).join(','),
    });
    const ev = feed(new TanitaScale(), [line.subarray(0, 100), line.subarray(100, 250), line.subarray(250)]);
    expect(readings(ev)[0].reading).toMatchObject({ kind: 'weight-height', kg: 61.4, cm: 165 });
  });
});
