import { describe, expect, it } from 'vitest';
import { dayText, isStale } from './format.ts';

describe('the upload badge', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  it('warns once the last successful upload is more than 24 hours old', () => {
    expect(isStale('2026-12-06T10:30:00Z', now)).toBe(false);
    expect(isStale('2026-12-06T09:30:00Z', now)).toBe(true);
  });
  it('does not call a station that never uploaded "24 hours late"', () => {
    expect(isStale(null, now)).toBe(false);
  });
  it('writes the chart days as dd/mm', () => {
    expect(dayText('2026-12-07')).toBe('07/12');
  });
});
