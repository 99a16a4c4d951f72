import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0011_person_changes', () => {
  const db = stationBefore('0011_person_changes');
  // One row cached under 0008 (no answer yet), one worked out under 0010 (answer kept).
  db.prepare(
    `INSERT OR REPLACE INTO immunization_due (person_id, next_due_on, doses, computed_at) VALUES (?, '2026-04-03', '[]', '2026-03-12T00:00:00Z')`,
  ).run(IDS.duc);
  db.prepare(
    `INSERT OR REPLACE INTO immunization_due (person_id, next_due_on, doses, computed_at, computed_on, due_now, first_due, next_change_on)
     VALUES (?, '2026-12-20', '[]', '2026-12-01T00:00:00Z', '2026-12-01', 0, NULL, '2026-12-20')`,
  ).run(IDS.an);
  const before = snapshot(db);
  runStep(db, '0011_person_changes');

  it('changes nothing but the expiry of cache rows that had no answer', () => {
    expect(dataChanges(before, snapshot(db))).toEqual(["immunization_due rowid 2: next_change_on NULL → ''"]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('marks the row without an answer expired, so the refresher finds it by index, and keeps the other', () => {
    const expired = db
      .prepare(`SELECT person_id FROM immunization_due WHERE next_change_on <= ? OR computed_on > ?`)
      .pluck()
      .all('2026-12-07', '2026-12-07');
    expect(expired).toEqual([IDS.duc]);
  });

  it('finds residents changed since a moment by index, ties by id', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM persons WHERE (updated_at, id) > (?, ?) ORDER BY updated_at, id LIMIT 500`,
      )
      .all('2026-01-01', '') as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(' ');
    expect(detail).toMatch(/persons_updated/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
