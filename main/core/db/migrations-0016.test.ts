import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0016_backup_settings', () => {
  const db = stationBefore('0016_backup_settings');
  const before = snapshot(db);
  runStep(db, '0016_backup_settings');

  it('adds the backup schedule without touching any data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('defaults to a daily backup at 17:30, holds one row, and refuses a time that is not HH:MM', () => {
    db.prepare(`INSERT INTO backup_settings (id) VALUES (1)`).run();
    expect(db.prepare(`SELECT folder, daily_time, enabled FROM backup_settings`).get()).toEqual({
      folder: null,
      daily_time: '17:30',
      enabled: 1,
    });
    expect(() => db.prepare(`INSERT INTO backup_settings (id) VALUES (2)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE backup_settings SET daily_time = '5pm'`).run()).toThrow(/CHECK/);
  });
});
