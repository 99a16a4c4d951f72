import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import { baudMismatch } from './line-noise.ts';

describe('baud mismatch simulation', () => {
  it('is the identity at equal rates and garbage otherwise', () => {
    const frame = asciiBytes('ST,GS,+0072.50kg\r\n');
    expect(baudMismatch(frame, 9600, 9600)).toEqual(frame);
    const slow = baudMismatch(frame, 9600, 2400);
    expect(slow.length).toBeLessThan(frame.length);
    expect(Buffer.from(slow).toString('latin1')).not.toContain('ST,GS');
    expect(baudMismatch(frame, 2400, 9600).length).toBeGreaterThan(frame.length);
  });
});
