import { describe, expect, it } from 'vitest';
import { assessReadingAge, deviceLocalTime, deviceTimeToEpoch, isStaleReading } from './measured-at.ts';

describe('reading times', () => {
  const received = Date.parse('2026-11-22T01:30:00Z'); // 08:30 in Vietnam

  it('builds device wall-clock times and rejects impossible ones', () => {
    expect(deviceLocalTime(2026, 11, 22, 8, 5)).toBe('2026-11-22T08:05:00');
    expect(deviceLocalTime(2026, 2, 29, 8, 5)).toBeNull();
    expect(deviceLocalTime(2026, 13, 1, 0, 0)).toBeNull();
    expect(deviceLocalTime(2026, 1, 1, 24, 0)).toBeNull();
  });

  it('converts a Vietnam wall-clock time to an instant', () => {
    expect(deviceTimeToEpoch('2026-11-22T08:30:00')).toBe(received);
    expect(deviceTimeToEpoch('2026-11-22T01:30', 0)).toBe(received);
    expect(deviceTimeToEpoch('yesterday')).toBeNull();
  });

  it('flags old readings, future readings (wrong device clock) and readings without a time', () => {
    expect(isStaleReading('2026-11-22T08:25:00', received, 15)).toBe(false);
    expect(isStaleReading('2026-11-22T08:00:00', received, 15)).toBe(true);
    expect(isStaleReading('2026-11-21T08:25:00', received, 15)).toBe(true);
    expect(isStaleReading(undefined, received, 15)).toBe(true);
    expect(assessReadingAge('2026-11-22T09:30:00', new Date(received), 15)).toEqual({
      ageMinutes: -60,
      stale: true,
      clockAhead: true,
    });
    expect(assessReadingAge('2026-11-22T08:32:00', received, 15)).toMatchObject({
      stale: false,
      clockAhead: false,
    });
  });
});
