import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0019_visit_treatment', () => {
  const db = stationBefore('0019_visit_treatment');
  const before = snapshot(db);
  runStep(db, '0019_visit_treatment');

  it('keeps every visit, its diagnoses and tests; existing visits have no treatment or referral recorded', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    const an = db
      .prepare(
        'SELECT visit_on, systolic, treatment_method, treatment_note, referral_to, referral_reason FROM visits WHERE id = ?',
      )
      .get(IDS.visitAn);
    expect(an).toEqual({
      visit_on: '2026-01-15',
      systolic: 150,
      treatment_method: '',
      treatment_note: '',
      referral_to: '',
      referral_reason: '',
    });
    expect(
      db
        .prepare('SELECT icd_code FROM visit_diagnoses WHERE visit_id = ? ORDER BY seq')
        .pluck()
        .all(IDS.visitAn),
    ).toEqual(['I10', 'E78.5']);
  });

  it('keeps a visit’s medicines with it, refuses an impossible number of days, and drops them with a discarded draft', () => {
    db.prepare(
      `INSERT INTO visit_medicines (visit_id, seq, name, dose, days) VALUES (?, 0, 'Amlodipin 5 mg', '1 viên/ngày', 30)`,
    ).run(IDS.visitAn);
    expect(
      db.prepare('SELECT name, dose, days FROM visit_medicines WHERE visit_id = ?').all(IDS.visitAn),
    ).toEqual([{ name: 'Amlodipin 5 mg', dose: '1 viên/ngày', days: 30 }]);
    expect(() =>
      db
        .prepare(`INSERT INTO visit_medicines (visit_id, seq, name, days) VALUES (?, 1, 'X', 400)`)
        .run(IDS.visitAn),
    ).toThrow(/CHECK/);
    db.prepare(`INSERT INTO visit_medicines (visit_id, seq, name) VALUES (?, 0, 'Paracetamol')`).run(
      IDS.visitDao,
    );
    db.prepare(`DELETE FROM visits WHERE id = ?`).run(IDS.visitDao);
    expect(
      db.prepare('SELECT count(*) FROM visit_medicines WHERE visit_id = ?').pluck().get(IDS.visitDao),
    ).toBe(0);
  });

  it('reads a month’s signed visits and a month’s doses from indexes, never the tables themselves', () => {
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-01-01', '2026-01-31') as { detail: string }[])
        .map((p) => p.detail)
        .join(' | ');
    const visits = plan(`SELECT count(*) FROM visits WHERE status = 'signed' AND visit_on BETWEEN ? AND ?`);
    // Either partial index of signed visits covers a count (0018's visits_signed_on is narrower).
    expect(visits).toMatch(/COVERING INDEX visits_signed_(day|on)/);
    const doses = plan(
      'SELECT vaccine_code, count(*) FROM immunizations WHERE given_on BETWEEN ? AND ? GROUP BY vaccine_code',
    );
    expect(doses).toMatch(/COVERING INDEX immunizations_given_day/);
  });
});
