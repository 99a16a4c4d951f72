import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

const CAMPAIGN = 'c0a1b2c3-0000-4000-8000-000000000001';

describe('0022_campaigns', () => {
  const db = stationBefore('0022_campaigns');
  const before = snapshot(db);
  runStep(db, '0022_campaigns');

  it('keeps every visit as it was: made at the station, in no campaign', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(db.prepare(`SELECT id, campaign_id, exam_place FROM visits ORDER BY id`).all()).toEqual([
      { id: IDS.visitAn, campaign_id: null, exam_place: '' },
      { id: IDS.visitDao, campaign_id: null, exam_place: '' },
      { id: IDS.visitDuc, campaign_id: null, exam_place: '' },
    ]);
  });

  it('holds a school campaign, its roster in order, and the exam linked to it', () => {
    db.prepare(
      `INSERT INTO campaigns (id, kind, name, place, starts_on, ends_on, measures, classes, created_at)
       VALUES (?, 'school', 'Khám học sinh 2026', 'Trường Tiểu học Đông', '2026-09-10', '2026-09-12',
               '["anthropometry","vision"]', '["1A","1B"]', '2026-09-01T01:00:00.000Z')`,
    ).run(CAMPAIGN);
    const add = db.prepare(
      `INSERT INTO campaign_roster (campaign_id, person_id, seq, class_name, added_at) VALUES (?, ?, ?, ?, '2026-09-01T01:00:00.000Z')`,
    );
    add.run(CAMPAIGN, IDS.duc, 1, '1A');
    add.run(CAMPAIGN, IDS.thu, 2, '1B');
    db.prepare(`UPDATE visits SET campaign_id = ?, exam_place = 'Trạm Y tế phường Ba Đình' WHERE id = ?`).run(
      CAMPAIGN,
      IDS.visitDuc,
    );
    db.prepare(`UPDATE campaign_roster SET visit_id = ? WHERE person_id = ?`).run(IDS.visitDuc, IDS.duc);

    const next = `SELECT person_id FROM campaign_roster WHERE campaign_id = ? AND visit_id IS NULL ORDER BY seq LIMIT 1`;
    expect(db.prepare(next).pluck().get(CAMPAIGN)).toBe(IDS.thu);
    expect(
      (db.prepare(`EXPLAIN QUERY PLAN ${next}`).all(CAMPAIGN) as { detail: string }[])
        .map((r) => r.detail)
        .join(),
    ).toMatch(/campaign_roster_todo/);
    expect(healthProblems(db)).toEqual([]);
  });

  it('refuses a campaign that ends before it starts, an unknown kind, or a resident twice on one roster', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO campaigns (id, kind, name, starts_on, ends_on, measures, created_at)
           VALUES ('x', 'village', 'Khám thôn', '2026-09-10', '2026-09-01', '[]', '2026-09-01')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO campaigns (id, kind, name, starts_on, ends_on, measures, created_at)
           VALUES ('y', 'market', 'Khám chợ', '2026-09-10', '2026-09-10', '[]', '2026-09-01')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO campaign_roster (campaign_id, person_id, seq, added_at) VALUES (?, ?, 9, '2026-09-01')`,
        )
        .run(CAMPAIGN, IDS.duc),
    ).toThrow(/UNIQUE/);
  });
});
