import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0021_child_supplements', () => {
  const db = stationBefore('0021_child_supplements');
  const before = snapshot(db);
  runStep(db, '0021_child_supplements');
  // Nguyễn Minh Đức, the baby of the representative station (migrations-station.ts).
  const duc = '9e8d7c6b-0000-4000-8000-000000000003';

  it('adds the supplements table without touching any data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('keeps a child’s vitamin A and deworming doses, and refuses an unknown kind, a bad date or a stranger', () => {
    const insert = db.prepare(
      `INSERT INTO child_supplements (id, person_id, kind, given_on, dose, recorded_at) VALUES (?, ?, ?, ?, ?, '2026-06-01T02:00:00Z')`,
    );
    insert.run('s1', duc, 'vitamin_a', '2026-06-01', '100.000 IU');
    insert.run('s2', duc, 'deworming', '2026-06-02', 'Albendazol 400 mg');
    expect(
      db
        .prepare(
          `SELECT kind, given_on, dose, place FROM child_supplements WHERE person_id = ? ORDER BY given_on`,
        )
        .all(duc),
    ).toEqual([
      { kind: 'vitamin_a', given_on: '2026-06-01', dose: '100.000 IU', place: '' },
      { kind: 'deworming', given_on: '2026-06-02', dose: 'Albendazol 400 mg', place: '' },
    ]);
    expect(() => insert.run('s3', duc, 'iron', '2026-06-01', '')).toThrow(/CHECK/);
    expect(() => insert.run('s4', duc, 'vitamin_a', '01/06/2026', '')).toThrow(/CHECK/);
    expect(() =>
      insert.run('s5', '00000000-0000-4000-8000-00000000dead', 'vitamin_a', '2026-06-01', ''),
    ).toThrow(/FOREIGN KEY/);
    expect(healthProblems(db)).toEqual([]);
  });
});
