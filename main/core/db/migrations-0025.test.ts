import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

const visit = (
  id: string,
  personId: string,
  day: string,
  signedAt: string,
  more: Record<string, unknown>,
) => ({
  id,
  person_id: personId,
  visit_on: day,
  status: 'signed',
  version: 2,
  reason: 'Cân đo',
  data: JSON.stringify({ position: '' }),
  examiner_id: IDS.doctor,
  examiner_name: 'Lê Thị Lan',
  signed_at: signedAt,
  signed_by: IDS.doctor,
  created_at: signedAt,
  updated_at: signedAt,
  ...more,
});

describe('0025_last_measurements', () => {
  const db = stationBefore('0025_last_measurements');
  const insert = (row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO visits (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(
      row,
    );
  };
  // Đức: an older weighing, and one of the same day signed an hour before the era's exam (it loses).
  insert(
    visit('aaaa0000-0000-4000-8000-000000000001', IDS.duc, '2025-12-01', '2025-12-01T03:00:00.000Z', {
      weight_kg: 6.0,
    }),
  );
  insert(
    visit('aaaa0000-0000-4000-8000-000000000002', IDS.duc, '2026-01-10', '2026-01-10T02:00:00.000Z', {
      weight_kg: 6.5,
    }),
  );
  // Đào: a signed exam with a temperature only is not a measurement (her draft is not either).
  insert(
    visit('aaaa0000-0000-4000-8000-000000000003', IDS.dao, '2026-01-20', '2026-01-20T03:00:00.000Z', {
      temperature_c: 37.2,
    }),
  );
  const before = snapshot(db);
  runStep(db, '0025_last_measurements');

  it('keeps every row and adds the cache filled from the signed visits', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(
      db
        .prepare(
          `SELECT person_id, visit_id, visit_on, weight_kg, height_cm, position FROM last_measurements ORDER BY visit_on`,
        )
        .all(),
    ).toEqual([
      // Đức's exam of 10 January signed at 03:00, not the one signed at 02:00 nor December's.
      {
        person_id: IDS.duc,
        visit_id: IDS.visitDuc,
        visit_on: '2026-01-10',
        weight_kg: 6.9,
        height_cm: 63.5,
        position: 'lying',
      },
      {
        person_id: IDS.an,
        visit_id: IDS.visitAn,
        visit_on: '2026-01-15',
        weight_kg: 62,
        height_cm: 165,
        position: 'sitting',
      },
    ]);
  });

  it("reads a child's sex, birth day and last measurement from indexes alone", () => {
    const sql = `SELECT p.id, p.sex, p.birth_date, m.visit_on, m.weight_kg, m.height_cm, m.position
      FROM persons p INDEXED BY persons_birth LEFT JOIN last_measurements m ON m.person_id = p.id
      WHERE p.birth_date > ? AND p.birth_date <= ? AND p.status = 'active'`;
    const detail = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2021-06-10', '2026-06-10') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(detail).toMatch(/SEARCH p USING COVERING INDEX persons_birth/);
    expect(detail).toMatch(/SEARCH m USING PRIMARY KEY \(person_id=\?\)/);
    // Thu (born 30 June 2024) was never weighed; Đức's exam of 10 January is his last.
    expect(db.prepare(sql).all('2021-06-10', '2026-06-10')).toEqual([
      {
        id: IDS.thu,
        sex: 'F',
        birth_date: '2024-06-30',
        visit_on: null,
        weight_kg: null,
        height_cm: null,
        position: null,
      },
      {
        id: IDS.duc,
        sex: 'M',
        birth_date: '2025-09-03',
        visit_on: '2026-01-10',
        weight_kg: 6.9,
        height_cm: 63.5,
        position: 'lying',
      },
    ]);
  });
});
