import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import { MtSicsResponder } from '../simulator/responder.ts';
import { sicsLine } from '../simulator/frames.ts';
import { feed, readings, runPull, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { MtSicsScale, parseSicsLine } from './mt-sics.ts';

describe('Mettler Toledo MT-SICS', () => {
  it('asks "S", re-asks after "S I", and reads the stable weight (trace)', () => {
    const run = runTrace(new MtSicsScale(), loadTrace('mt-sics-session.hex'), { start: true });
    expect(run.mismatches).toEqual([]);
    expect(readings(run.events).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 58.25, stable: true }]);
  });

  it('parses every reply kind', () => {
    expect(parseSicsLine('S S     100.00 g')).toEqual({
      kind: 'weight',
      stable: true,
      value: 100,
      unit: 'g',
    });
    expect(parseSicsLine('S D      72.3 kg')).toEqual({
      kind: 'weight',
      stable: false,
      value: 72.3,
      unit: 'kg',
    });
    expect(parseSicsLine('S I')).toEqual({ kind: 'busy' });
    expect(parseSicsLine('S +')).toEqual({ kind: 'overload' });
    expect(parseSicsLine('S -')).toEqual({ kind: 'underload' });
    expect(parseSicsLine('EL')).toEqual({ kind: 'error', code: 'EL' });
    expect(parseSicsLine('I4 A "0123456789"')).toEqual({ kind: 'other' });
    expect(parseSicsLine('S S  72')).toBeNull(); // lost its unit: truncated
  });

  it('reports overload, underload and a garbled command', () => {
    const ev = feed(new MtSicsScale(), [sicsLine('S +'), sicsLine('S -'), sicsLine('ET'), sicsLine('EL')], {
      stepMs: 10,
    });
    expect(ev.map((e) => e.type === 'error' && e.code)).toEqual([
      'overload',
      'underload',
      'garbled',
      'refused',
    ]);
  });

  it('decodes unsolicited continuous output: dynamic frames wait, the stable one is read once', () => {
    const frames = [
      sicsLine({ stable: false, kg: 70.1 }),
      sicsLine({ stable: false, kg: 71.9 }),
      sicsLine({ stable: true, kg: 72 }),
      sicsLine({ stable: true, kg: 72 }),
    ];
    const ev = feed(new MtSicsScale(), frames, { stepMs: 100 });
    expect(ev.map((e) => e.type)).toEqual(['status', 'reading']);
  });

  it('plays a balance through its responder: busy twice, then stable', () => {
    const responder = new MtSicsResponder(['S I', 'S I', { stable: true, kg: 64.4 }]);
    const run = runPull(new MtSicsScale(), responder);
    expect(readings(run.events).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 64.4, stable: true }]);
    expect(run.writes).toHaveLength(3);
  });

  it('gives up on a silent balance with a clear message', () => {
    const s = new MtSicsScale({ attempts: 2, answerTimeoutMs: 1000 });
    expect(s.start(T0).writes).toHaveLength(1);
    expect(s.tick(T0 + 1100).writes).toHaveLength(1);
    const ev = s.tick(T0 + 2200).events;
    expect(ev).toMatchObject([{ type: 'error', code: 'no-response' }]);
    expect(s.busy).toBe(false);
  });

  it('says "not ready" after a balance keeps answering "S I"', () => {
    const run = runPull(new MtSicsScale({ attempts: 3 }), new MtSicsResponder(['S I']));
    expect(run.events.filter((e) => e.type === 'error')).toMatchObject([{ code: 'not-ready' }]);
  });

  it('ignores responses to other commands and a command echo', () => {
    expect(feed(new MtSicsScale(), [asciiBytes('I4 A "B123"\r\n'), asciiBytes('Z A\r\n')])).toEqual([]);
  });
});
