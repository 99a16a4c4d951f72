import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0017_immunization_due_doses', () => {
  const db = stationBefore('0017_immunization_due_doses');
  // The programme dose the baby's cache names, as the catalogue holds it (its vaccine is read from there).
  db.prepare(
    `INSERT INTO vaccines (code, data, sort, active, regional, custom) VALUES (?, ?, 3, 1, 0, 0)`,
  ).run(
    'DPT-VGB-HIB-2',
    JSON.stringify({
      code: 'DPT-VGB-HIB-2',
      vaccine: 'DPT-VGB-HIB',
      name: 'DPT-VGB-Hib mũi 2',
      group: 1,
      dose: 2,
    }),
  );
  // A cache row of someone who moved away: nobody's invitation.
  db.prepare(
    `INSERT INTO immunization_due (person_id, next_due_on, doses, computed_at) VALUES (?, '2026-01-01', ?, '2026-03-12T00:00:00Z')`,
  ).run(
    IDS.hoa,
    JSON.stringify([{ code: 'BCG', name: 'Lao (BCG)', due: '2026-01-01', tooLate: '2027-01-01' }]),
  );
  const village = db.prepare('SELECT village FROM persons WHERE id = ?').pluck().get(IDS.duc) as string;
  const before = snapshot(db);
  runStep(db, '0017_immunization_due_doses');

  it('adds one row per open dose of each active resident, from the cache rows, and changes nothing else', () => {
    const rows = db
      .prepare(
        'SELECT person_id, code, vaccine, due_on, too_late_on, village FROM immunization_due_doses ORDER BY code',
      )
      .all();
    expect(rows).toEqual([
      {
        person_id: IDS.duc,
        code: 'DPT-VGB-HIB-2',
        vaccine: 'DPT-VGB-HIB',
        due_on: '2025-12-05',
        too_late_on: null,
        village,
      },
      // Not in this catalogue: the code stands for its vaccine.
      {
        person_id: IDS.duc,
        code: 'IPV-1',
        vaccine: 'IPV-1',
        due_on: '2026-04-03',
        too_late_on: null,
        village,
      },
    ]);
    expect(dataChanges(before, snapshot(db)).filter((c) => !c.startsWith('immunization_due_doses'))).toEqual(
      [],
    );
    expect(healthProblems(db)).toEqual([]);
  });

  it('counts who is due by a day by village, and doses by vaccine, from its indexes alone', () => {
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-03-31', '2026-03-31') as { detail: string }[])
        .map((p) => p.detail)
        .join(' ');
    const due = 'due_on <= ? AND (too_late_on IS NULL OR too_late_on > ?)';
    const byVillage = plan(
      `SELECT village, count(DISTINCT person_id) FROM immunization_due_doses WHERE ${due} GROUP BY village`,
    );
    expect(byVillage).toMatch(/COVERING INDEX immunization_due_doses_village/);
    expect(byVillage).not.toMatch(/TEMP B-TREE/);
    const byVaccine = plan(
      `SELECT vaccine, count(*) FROM immunization_due_doses WHERE ${due} GROUP BY vaccine`,
    );
    expect(byVaccine).toMatch(/COVERING INDEX immunization_due_doses_vaccine/);
    expect(byVaccine).not.toMatch(/TEMP B-TREE/);
  });
});
