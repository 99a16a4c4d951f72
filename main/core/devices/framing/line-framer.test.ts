import { describe, expect, it } from 'vitest';
import { asciiBytes, asciiOf } from '../bytes.ts';
import { LineFramer } from './line-framer.ts';

describe('LineFramer', () => {
  it('splits on CR, LF and CR LF, across chunks, skipping empty lines', () => {
    const f = new LineFramer();
    const a = f.push(asciiBytes('AB\r\nC'), 0).lines;
    const b = f.push(asciiBytes('D\rEF\n\n'), 1).lines;
    expect([...a, ...b].map(asciiOf)).toEqual(['AB', 'CD', 'EF']);
  });

  it('bounds the buffer and reports what it dropped', () => {
    const f = new LineFramer({ maxLength: 8 });
    const r = f.push(asciiBytes('0123456789AB'), 0);
    expect(r.overflow).not.toBeNull();
    expect(f.pending).toBeLessThanOrEqual(8);
  });

  it('ends a line by silence when asked', () => {
    const f = new LineFramer({ delimiters: [], idleMs: 50 });
    f.push(asciiBytes('XYZ'), 0);
    expect(f.flushIfIdle(40)).toBeNull();
    expect(asciiOf(f.flushIfIdle(60) as Uint8Array)).toBe('XYZ');
  });
});
