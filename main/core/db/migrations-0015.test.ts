import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0015_sync_sent_resources', () => {
  const db = stationBefore('0015_sync_sent_resources');
  // A record the FHIR server acknowledged before the step: what it was sent is not known.
  db.prepare(
    `INSERT INTO sync_deliveries (upstream, person_id, state, sending_version, acked_version, attempts, acked_at, updated_at)
     VALUES ('fhir', ?, 'acknowledged', 1, 1, 0, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')`,
  ).run(IDS.an);
  const before = snapshot(db);
  runStep(db, '0015_sync_sent_resources');

  it('adds the column and changes no data', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('leaves an earlier acknowledgement without a list: its next send deletes nothing, only replaces', () => {
    expect(
      db
        .prepare('SELECT state, acked_version, sent_refs FROM sync_deliveries WHERE person_id = ?')
        .get(IDS.an),
    ).toEqual({ state: 'acknowledged', acked_version: 1, sent_refs: null });
  });
});
