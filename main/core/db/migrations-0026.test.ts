import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

const HELD = `SELECT o.entity_id FROM sync_outbox o INDEXED BY sync_outbox_acknowledged
  WHERE o.entity = 'person' AND o.op = 'upsert' AND o.acked_version >= o.version`;

describe('0026_outbox_acknowledged', () => {
  const db = stationBefore('0026_outbox_acknowledged');
  const before = snapshot(db);
  runStep(db, '0026_outbox_acknowledged');

  it('adds the partial index without touching any data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('holds exactly the records acknowledged at their version, and the count reads it alone', () => {
    // Đào: acknowledged at version 1, her version. An: pending (never acknowledged). Hoa: refused.
    expect(db.prepare(HELD).pluck().all()).toEqual([IDS.dao]);
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM (${HELD})`).all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX sync_outbox_acknowledged/);
    // An edit after the acknowledgement takes the record out of it.
    db.prepare(`UPDATE sync_outbox SET version = version + 1, state = 'edited' WHERE entity_id = ?`).run(
      IDS.dao,
    );
    expect(db.prepare(HELD).pluck().all()).toEqual([]);
  });
});
