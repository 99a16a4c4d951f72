import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0005_query_indexes', () => {
  const db = stationBefore('0005_query_indexes');
  const DRAFTS = `SELECT id FROM visits WHERE status = 'draft' ORDER BY updated_at`;
  const NAME_YEAR = `SELECT id FROM persons WHERE birth_year = ? AND name_folded >= ? AND name_folded < ?`;
  const plan = (sql: string, ...args: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
  const draftsBefore = db.prepare(DRAFTS).pluck().all();
  const plansBefore = [plan(DRAFTS), plan(NAME_YEAR, 1962, 'nguyen', 'nguyeo')];
  const before = snapshot(db);
  runStep(db, '0005_query_indexes');

  it('keeps every row as it was', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('finds the unfinished drafts through their own index, the same drafts as before', () => {
    expect(plansBefore[0]).not.toMatch(/visits_drafts/);
    expect(plan(DRAFTS)).toMatch(/USING INDEX visits_drafts/);
    expect(db.prepare(DRAFTS).pluck().all()).toEqual(draftsBefore);
    expect(draftsBefore).toEqual([IDS.visitDao]);
  });

  it('finds "an 1962" by birth year and name through the new index', () => {
    expect(plansBefore[1]).not.toMatch(/persons_year_name/);
    expect(plan(NAME_YEAR, 1962, 'nguyen', 'nguyeo')).toMatch(/persons_year_name/);
    expect(db.prepare(NAME_YEAR).pluck().all(1962, 'nguyen', 'nguyeo')).toEqual([IDS.an]);
  });
});
