import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0008_immunization_due', () => {
  const db = stationBefore('0008_immunization_due');
  const before = snapshot(db);
  runStep(db, '0008_immunization_due');

  it('keeps every dose, visit and resident as they were', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('starts the due-dose cache empty, so every child counts as stale for the background refresher', () => {
    expect(db.prepare('SELECT count(*) FROM immunization_due').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM immunizations WHERE person_id = ?').pluck().get(IDS.duc)).toBe(3);
    // The refresher's "missing row" condition (record/immunization-due.ts, staleDue) picks the children.
    expect(
      db
        .prepare(
          `SELECT p.id FROM persons p LEFT JOIN immunization_due d ON d.person_id = p.id
           WHERE d.person_id IS NULL AND p.birth_year >= 2011 AND length(p.birth_date) = 10 AND p.status = 'active'
           ORDER BY p.pk`,
        )
        .pluck()
        .all(),
    ).toEqual([IDS.duc, IDS.thu]);
  });

  it('lets a row go with its person', () => {
    db.prepare(
      `INSERT INTO immunization_due (person_id, next_due_on, doses, computed_at) VALUES (?, '2026-04-03', '[]', '2026-03-12T00:00:00Z')`,
    ).run(IDS.hung);
    db.prepare('DELETE FROM persons WHERE id = ?').run(IDS.hung);
    expect(db.prepare('SELECT count(*) FROM immunization_due').pluck().get()).toBe(0);
    expect(healthProblems(db)).toEqual([]);
  });
});
