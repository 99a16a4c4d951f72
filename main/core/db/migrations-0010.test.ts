import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0010_immunization_due_today', () => {
  const db = stationBefore('0010_immunization_due_today');
  // A row cached before this step, as the refresher wrote it under 0008.
  db.prepare(
    `INSERT OR REPLACE INTO immunization_due (person_id, next_due_on, doses, computed_at) VALUES (?, '2026-04-03', '[]', '2026-03-12T00:00:00Z')`,
  ).run(IDS.duc);
  const before = snapshot(db);
  runStep(db, '0010_immunization_due_today');

  it('keeps every row and value it had, adding only the answer columns', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('leaves the cached row without an answer, so the refresher works it out again', () => {
    expect(
      db
        .prepare(
          'SELECT computed_on, due_now, first_due, next_change_on FROM immunization_due WHERE person_id = ?',
        )
        .get(IDS.duc),
    ).toEqual({
      computed_on: null,
      due_now: 0,
      first_due: null,
      next_change_on: null,
    });
    // The condition for "answer expired or missing" here; 0011 marks such rows expired (next_change_on = "").
    expect(
      db
        .prepare(
          `SELECT person_id FROM immunization_due WHERE computed_on IS NULL OR computed_on > ? OR next_change_on <= ?`,
        )
        .pluck()
        .all('2026-12-07', '2026-12-07'),
    ).toEqual([IDS.duc]);
  });

  it('counts who is due by index', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT person_id FROM immunization_due WHERE due_now = 1 ORDER BY first_due LIMIT 100`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/immunization_due_now/);
  });
});
