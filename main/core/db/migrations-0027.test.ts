import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

/** The era's rows were all written at this instant (migrations-station.ts). */
const ERA = '2026-01-15T02:10:00.000Z';

describe('0027_record_changed', () => {
  const db = stationBefore('0027_record_changed');
  const before = snapshot(db);
  runStep(db, '0027_record_changed');
  const latest = (personId: string) =>
    db.prepare('SELECT changed_at FROM record_changed WHERE person_id = ?').pluck().get(personId) ?? null;

  it('keeps every row and fills each resident latest part B, C or D change', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    // An: part B and an exam signed at the era's instant. Đức: an exam of 10 January, doses recorded
    // on the 15th (the later wins). Mai: a dose. Đào: a draft exam only, which is no change.
    expect(latest(IDS.an)).toBe(ERA);
    expect(latest(IDS.duc)).toBe(ERA);
    expect(latest(IDS.mai)).toBe(ERA);
    expect(latest(IDS.dao)).toBeNull();
  });

  it('follows part B, doses and signed exams through its triggers, keeping the latest', () => {
    db.prepare(`UPDATE person_history SET updated_at = '2026-02-01T01:00:00.000Z' WHERE person_id = ?`).run(
      IDS.an,
    );
    expect(latest(IDS.an)).toBe('2026-02-01T01:00:00.000Z');
    // A dose recorded late with an earlier time does not move the latest change back.
    db.prepare(
      `INSERT INTO immunizations (id, person_id, vaccine_code, given_on, place, reaction, next_on, recorded_at, recorded_by)
       VALUES ('dddd0000-0000-4000-8000-000000000001', ?, 'BCG', '2025-12-01', 'Trạm y tế', '', NULL, '2026-01-01T00:00:00.000Z', NULL)`,
    ).run(IDS.an);
    expect(latest(IDS.an)).toBe('2026-02-01T01:00:00.000Z');
    // Đào's draft saved again: still nothing. Signed: her change.
    db.prepare(`UPDATE visits SET updated_at = '2026-02-02T02:00:00.000Z' WHERE person_id = ?`).run(IDS.dao);
    expect(latest(IDS.dao)).toBeNull();
    db.prepare(
      `UPDATE visits SET status = 'signed', signed_at = '2026-02-02T03:00:00.000Z', signed_by = ?,
       updated_at = '2026-02-02T03:00:00.000Z' WHERE person_id = ?`,
    ).run(IDS.doctor, IDS.dao);
    expect(latest(IDS.dao)).toBe('2026-02-02T03:00:00.000Z');
    // A merge moves Đào's exam to Hoa, and its time with it.
    db.prepare(`UPDATE visits SET person_id = ? WHERE person_id = ?`).run(IDS.hoa, IDS.dao);
    expect(latest(IDS.hoa)).toBe('2026-02-02T03:00:00.000Z');
    expect(healthProblems(db)).toEqual([]);
  });

  it('counts the residents changed since a day from its index alone', () => {
    const plan = (
      db
        .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM record_changed WHERE changed_at >= ?`)
        .all('2026-01-01') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX record_changed_at/);
  });
});
