import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addSpan, completedMonths, dayNumber, daysBetween } from './dates.ts';

describe('calendar arithmetic across month ends and leap years', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2025-01-31', 1, '2025-02-28'],
    ['2100-01-31', 1, '2100-02-28'], // divisible by 100, not by 400: not leap
    ['2000-01-31', 1, '2000-02-29'], // divisible by 400: leap
    ['2025-01-31', 3, '2025-04-30'], // one step from the original date, not 31 → 28 → 28
    ['2025-12-31', 2, '2026-02-28'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-05-15', 0, '2025-05-15'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it('adds days across February and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addSpan('2024-01-31', { months: 1, days: 28 })).toBe('2024-03-28');
    expect(addSpan('2025-01-10', { weeks: 6 })).toBe('2025-02-21');
    expect(addSpan('2024-02-29', { years: 1 })).toBe('2025-02-28');
  });

  it('counts days and completed months', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
    expect(completedMonths('2025-01-31', '2025-02-27')).toBe(0);
    expect(completedMonths('2025-01-31', '2025-02-28')).toBe(1);
    expect(completedMonths('2024-01-31', '2024-02-29')).toBe(1);
    expect(completedMonths('2025-01-31', '2025-03-30')).toBe(1);
    expect(completedMonths('2025-01-31', '2025-03-31')).toBe(2);
    expect(completedMonths('2025-06-01', '2025-05-01')).toBeUndefined();
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    expect(dayNumber('2025-02-29')).toBeUndefined();
    expect(dayNumber('2024-02-29')).toBeDefined();
    expect(dayNumber('2025-13-01')).toBeUndefined();
    expect(dayNumber('2025-1-01')).toBeUndefined();
    expect(addMonths('2025-02-30', 1)).toBeUndefined();
    expect(addMonths('2025-01-31', 1.5)).toBeUndefined();
    expect(dayNumber(undefined as never)).toBeUndefined();
  });
});
