import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0006_reading_context', () => {
  const db = stationBefore('0006_reading_context');
  const before = snapshot(db);
  runStep(db, '0006_reading_context');

  it('keeps every reading with its values, times, raw frame, status and visit', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('marks the readings stored before it as having arrived with no exam open', () => {
    const rows = db
      .prepare('SELECT id, status, arrived_during_visit_id FROM measurements ORDER BY received_at')
      .all() as { id: string; status: string; arrived_during_visit_id: string | null }[];
    expect(rows.map((r) => r.status)).toEqual(['discarded', 'attached', 'tray', 'tray']);
    expect(rows.every((r) => r.arrived_during_visit_id === null)).toBe(true);
  });

  it('lets a reading name an exam that has since been discarded (no foreign key)', () => {
    db.exec(`INSERT INTO measurements (id, device, driver, kind, data, received_at, status, arrived_during_visit_id)
             VALUES ('m-new', 'omron', 'omron-hem', 'bp', '{}', '2026-03-01T00:00:00Z', 'tray', 'a-discarded-draft')`);
    expect(healthProblems(db)).toEqual([]);
  });
});
