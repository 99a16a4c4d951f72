import { describe, expect, it } from 'vitest';
import { backupsToKeep, type BackupStamp } from './rotation.ts';

/** One backup a day at 17:30 in Vietnam (10:30 UTC) for `days` days ending on `last`. */
function daily(last: string, days: number): BackupStamp[] {
  const end = new Date(`${last}T10:30:00Z`).getTime();
  return Array.from({ length: days }, (_, i) => {
    const takenAt = new Date(end - i * 86_400_000);
    return { name: takenAt.toISOString().slice(0, 10), takenAt };
  });
}

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps everything while there are fewer than 7 days of backups', () => {
    const b = daily('2026-12-07', 5);
    expect(backupsToKeep(b).size).toBe(5);
  });

  it('after two years of daily backups keeps the last 7 days, 4 weeks and 12 months, reaching back a year', () => {
    const b = daily('2026-12-07', 730);
    const kept = [...backupsToKeep(b)].sort();
    // 7 days (1–7 Dec; 7 Dec is a Monday, week 50), the last day of weeks 49, 48 and 47 (the
    // Sundays 6, 29 and 22), and the last day of each of the 11 months before December.
    expect(kept.slice(-7)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ]);
    expect(kept).toContain('2026-11-30'); // November's last
    expect(kept).toContain('2026-11-29'); // the Sunday closing week 48
    expect(kept).toContain('2026-11-22'); // week 47
    expect(kept).not.toContain('2026-11-15'); // week 46: a fifth week back
    expect(kept).toContain('2026-01-31'); // January's last
    expect(kept).not.toContain('2025-12-31'); // thirteen months back
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept[0]).toBe('2026-01-31');
  });

  it('judges days by the clock in Vietnam: 23:30 UTC is already the next day there', () => {
    const late = { name: 'late', takenAt: new Date('2026-12-06T23:30:00Z') }; // 06:30 on 7 Dec in VN
    const early = { name: 'early', takenAt: new Date('2026-12-07T01:00:00Z') }; // 08:00 on 7 Dec
    // The same day in Vietnam (and so the same week and month): only the newer one is kept.
    expect([...backupsToKeep([late, early])]).toEqual(['early']);
  });

  it('always keeps the newest one, even when many were taken the same day', () => {
    const base = new Date('2026-12-07T03:00:00Z').getTime();
    const b = Array.from({ length: 20 }, (_, i) => ({ name: `n${i}`, takenAt: new Date(base + i * 60_000) }));
    expect([...backupsToKeep(b)]).toEqual(['n19']);
  });
});
