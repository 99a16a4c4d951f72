import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0012_print_jobs', () => {
  const db = stationBefore('0012_print_jobs');
  const before = snapshot(db);
  runStep(db, '0012_print_jobs');

  it('adds the job list and the forms settings without touching any data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('keeps a failed print with its message, and refuses a status the app does not know', () => {
    const insert = db.prepare(
      `INSERT INTO print_jobs (id, kind, form, title, status, message, created_at, created_by) VALUES (?, 'print', 'record', 'Hồ sơ', ?, ?, '2026-12-07T00:00:00Z', 'hoa')`,
    );
    insert.run('j1', 'failed', 'Máy in hết giấy');
    expect(db.prepare(`SELECT status, message FROM print_jobs WHERE id = 'j1'`).get()).toEqual({
      status: 'failed',
      message: 'Máy in hết giấy',
    });
    expect(() => insert.run('j2', 'lost', '')).toThrow(/CHECK/);
  });

  it('holds one settings row only', () => {
    db.prepare(`INSERT INTO forms_settings (id, settings) VALUES (1, '{}')`).run();
    expect(() => db.prepare(`INSERT INTO forms_settings (id, settings) VALUES (2, '{}')`).run()).toThrow(
      /CHECK/,
    );
  });
});
