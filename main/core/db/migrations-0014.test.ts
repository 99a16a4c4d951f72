import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0014_upstream_sync', () => {
  const db = stationBefore('0014_upstream_sync');
  const before = snapshot(db);
  const outboxBefore = db.prepare('SELECT * FROM sync_outbox ORDER BY entity_id').all();
  runStep(db, '0014_upstream_sync');

  it('adds the upload tables and records a refusal for the resident whose form said no', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(db.prepare('SELECT person_id, state, decided_on, recorded_by FROM person_consent').all()).toEqual([
      { person_id: IDS.mai, state: 'refused', decided_on: null, recorded_by: 'migration 0014' },
    ]);
  });

  it('leaves the outbox as it was: every waiting record is due for every upstream', () => {
    expect(db.prepare('SELECT * FROM sync_outbox ORDER BY entity_id').all()).toEqual(outboxBefore);
    expect(db.prepare('SELECT count(*) FROM sync_deliveries').pluck().get()).toBe(0);
  });

  it('walks the outbox in first-queued order by index', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT entity_id FROM sync_outbox WHERE entity = 'person' AND (queued_at, entity_id) > (?, ?) ORDER BY queued_at, entity_id LIMIT 50`,
      )
      .all('', '') as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(' ');
    expect(detail).toMatch(/sync_outbox_queued/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
