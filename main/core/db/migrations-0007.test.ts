import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0007_part_a_more', () => {
  const db = stationBefore('0007_part_a_more');
  const before = snapshot(db);
  runStep(db, '0007_part_a_more');

  it('keeps every resident as they were', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it("keeps the parents' and caregiver's numbers as their mobiles and adds empty landlines", () => {
    expect(
      db
        .prepare(
          `SELECT mother_phone, mother_landline, father_phone, father_landline, caregiver_phone, caregiver_landline
           FROM persons WHERE id = ?`,
        )
        .get(IDS.duc),
    ).toEqual({
      mother_phone: '0912111222',
      mother_landline: '',
      father_phone: '0987333444',
      father_landline: '',
      caregiver_phone: '0977555666',
      caregiver_landline: '',
    });
    expect(
      db
        .prepare(
          `SELECT count(*) FROM persons WHERE mother_landline || father_landline || caregiver_landline <> ''`,
        )
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('finds a household by its head through the new index', () => {
    const sql = 'SELECT code FROM households WHERE head_person_id = ?';
    expect(
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(IDS.an) as { detail: string }[])
        .map((r) => r.detail)
        .join(),
    ).toMatch(/households_head/);
    expect(db.prepare(sql).pluck().all(IDS.an)).toEqual(['HGD-00004-0001']);
  });
});
