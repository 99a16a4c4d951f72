import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0018_reports', () => {
  const db = stationBefore('0018_reports');
  const before = snapshot(db);
  runStep(db, '0018_reports');

  it('adds the population table and the report indexes without touching any data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    const indexes = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name IN
        ('persons_report', 'persons_birth', 'person_history_updated', 'immunizations_recorded',
         'immunizations_given', 'visits_signed_on', 'visits_signed_updated') ORDER BY name`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      'immunizations_given',
      'immunizations_recorded',
      'person_history_updated',
      'persons_birth',
      'persons_report',
      'visits_signed_on',
      'visits_signed_updated',
    ]);
  });

  it('keeps one figure per year and refuses an impossible one', () => {
    db.prepare(
      `INSERT INTO report_population (year, population, updated_at) VALUES (2026, 12500, '2026-01-05T02:00:00Z')`,
    ).run();
    expect(db.prepare(`SELECT year, population, source FROM report_population`).all()).toEqual([
      { year: 2026, population: 12500, source: '' },
    ]);
    expect(() =>
      db.prepare(`INSERT INTO report_population (year, population, updated_at) VALUES (2026, 1, 'x')`).run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.prepare(`INSERT INTO report_population (year, population, updated_at) VALUES (2027, 0, 'x')`).run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO report_population (year, population, updated_at) VALUES (1800, 10, 'x')`).run(),
    ).toThrow(/CHECK/);
  });

  it('lets the period queries find signed exams by day through the partial index', () => {
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT person_id FROM visits WHERE status = 'signed' AND visit_on >= '2026-01-01' AND visit_on <= '2026-03-31'`,
        )
        .all() as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH visits USING COVERING INDEX visits_signed_on/);
  });
});
