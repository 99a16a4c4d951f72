import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

const plan = (db: ReturnType<typeof stationBefore>, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');

const LAST_MEASURED = `SELECT id, visit_on, weight_kg, height_cm, json_extract(data, '$.position') AS position FROM visits
  WHERE person_id = ? AND status = 'signed' AND (weight_kg IS NOT NULL OR height_cm IS NOT NULL)
  ORDER BY visit_on DESC, signed_at DESC, rowid DESC LIMIT 1`;

describe('0024_report_covering_indexes', () => {
  const db = stationBefore('0024_report_covering_indexes');
  const before = snapshot(db);
  runStep(db, '0024_report_covering_indexes');

  it('adds the two covering indexes without touching any data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('visits_last_measured', 'persons_care') ORDER BY name`,
        )
        .pluck()
        .all(),
    ).toEqual(['persons_care', 'visits_last_measured']);
  });

  it("finds a child's last measurement from the index alone, and the station's rows are in it", () => {
    expect(plan(db, LAST_MEASURED, IDS.duc)).toMatch(/SEARCH visits USING INDEX visits_last_measured/);
    // The position comes from the index: the row's seek is deferred and never made.
    const program = (db.prepare(`EXPLAIN ${LAST_MEASURED}`).all(IDS.duc) as { opcode: string }[]).map(
      (r) => r.opcode,
    );
    expect(program).toContain('DeferredSeek');
    expect(program.filter((op) => op === 'Function' || op === 'PureFunc')).toEqual([]);
    // The era rows: Đức's signed exam of 10 January (6.9 kg, 63.5 cm, lying); Đào's draft is not a measurement.
    expect(db.prepare(LAST_MEASURED).get(IDS.duc)).toEqual({
      id: IDS.visitDuc,
      visit_on: '2026-01-10',
      weight_kg: 6.9,
      height_cm: 63.5,
      position: 'lying',
    });
    expect(db.prepare(LAST_MEASURED).get(IDS.dao)).toBeUndefined();
  });

  it("reads an NCD patient's status, village and last exam by id from the index alone", () => {
    const sql = `SELECT r.person_id, p.status, p.village, p.last_visit_on FROM ncd_registers r
      CROSS JOIN persons p INDEXED BY persons_care ON p.id = r.person_id`;
    expect(plan(db, sql)).toMatch(/SEARCH p USING COVERING INDEX persons_care/);
    expect(db.prepare(sql).all()).toMatchObject([
      { person_id: IDS.an, status: 'active', last_visit_on: '2026-01-15' },
    ]);
  });
});
