import { describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/audit.ts';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';
import { Store } from './store.ts';
import type { SqliteDatabase } from './sqlite.ts';

const STEP = '0009_outbox_per_record';
const at = '2026-03-12T02:00:00.000Z';
const later = '2026-03-13T02:00:00.000Z';

/** Ids of records the app no longer holds, or never held. */
const GONE = {
  removedDose: '8a7b6c5d-0000-4000-8000-000000000099',
  mergedAway: '9e8d7c6b-0000-4000-8000-000000000099',
  unknownVisit: '3c4d5e6f-0000-4000-8000-000000000099',
};

function queue(db: SqliteDatabase, entity: string, id: string, more: Record<string, unknown> = {}): void {
  const row = {
    entity,
    entity_id: id,
    op: 'upsert',
    version: 1,
    state: 'pending',
    queued_at: at,
    updated_at: at,
    ...more,
  };
  const cols = Object.keys(row);
  db.prepare(
    `INSERT INTO sync_outbox (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
}

const outbox = (db: SqliteDatabase) =>
  db
    .prepare(
      'SELECT entity, entity_id, op, version, state, attempts, next_attempt_at, queued_at, updated_at FROM sync_outbox ORDER BY entity_id',
    )
    .all();

/**
 * A station at 0008 whose outbox holds the rows the app wrote before 0009: a signed visit (the
 * representative station's own), a dose recorded, a dose since removed, part B of an acknowledged
 * resident, part B of a resident since merged away, an acknowledged visit, and a visit the station
 * no longer has.
 */
function stationWithOldOutbox(): SqliteDatabase {
  const db = stationBefore(STEP);
  const dose = db
    .prepare('SELECT id FROM immunizations WHERE person_id = ? ORDER BY given_on')
    .pluck()
    .get(IDS.duc);
  queue(db, 'immunization', dose as string, { version: 2, updated_at: later });
  // Removed: the dose row is gone; only the audit entry of its removal names the resident.
  appendAudit(
    new Store(db),
    { userId: IDS.doctor, username: 'bs.lan' },
    {
      action: 'immunization.remove',
      entity: 'person',
      entityId: IDS.hung,
      details: { doseId: GONE.removedDose, reason: 'Ghi nhầm người' },
    },
    at,
  );
  queue(db, 'immunization', GONE.removedDose, { op: 'delete', version: 2 });
  // Đào was acknowledged upstream; her part B changed since.
  queue(db, 'history', IDS.dao, { updated_at: later });
  // A duplicate of Hưng merged into him: its old id is his alias now.
  db.prepare(
    `INSERT INTO person_identifiers (person_id, kind, value, created_at) VALUES (?, 'alias', ?, ?)`,
  ).run(IDS.hung, GONE.mergedAway, at);
  queue(db, 'history', GONE.mergedAway, { state: 'error', attempts: 2, next_attempt_at: later });
  // Already sent and acknowledged: nothing left to send.
  queue(db, 'visit', IDS.visitDuc, { state: 'acknowledged', acked_version: 1 });
  queue(db, 'visit', GONE.unknownVisit);
  return db;
}

describe('0009_outbox_per_record', () => {
  const db = stationWithOldOutbox();
  const before = snapshot(db);
  const rowsBefore = outbox(db);
  runStep(db, STEP);

  it('leaves one row per resident record, and no row per visit, dose or part B', () => {
    expect(db.prepare(`SELECT count(*) FROM sync_outbox WHERE entity <> 'person'`).pluck().get()).toBe(0);
    expect(healthProblems(db)).toEqual([]);
  });

  it('marks the resident of each waiting change as the outbox repository would', () => {
    const after = outbox(db);
    const row = (id: string) => after.find((r) => (r as { entity_id: string }).entity_id === id);
    // Nguyễn Văn An: his own row (version 2, pending) and his signed visit's: one more version.
    expect(row(IDS.an)).toMatchObject({ op: 'upsert', version: 3, state: 'pending' });
    // Đức had no row of his own: his recorded dose starts one, waiting since the dose did.
    expect(row(IDS.duc)).toMatchObject({
      entity: 'person',
      op: 'upsert',
      version: 1,
      state: 'pending',
      queued_at: at,
      updated_at: later,
    });
    // Hưng: the dose removed (found through the audit) and the merged duplicate's part B (through the
    // alias) make one row, retry state cleared.
    expect(row(IDS.hung)).toMatchObject({ version: 1, state: 'pending', attempts: 0, next_attempt_at: null });
    // Đào was acknowledged: her part B edited since makes her record "edited since upload".
    expect(row(IDS.dao)).toMatchObject({ version: 2, state: 'edited', updated_at: later });
  });

  it('drops what has nothing left to send, and keeps every other resident row as it was', () => {
    const after = outbox(db);
    const ids = after.map((r) => (r as { entity_id: string }).entity_id);
    expect(ids).not.toContain(IDS.visitDuc);
    expect(ids).not.toContain(GONE.unknownVisit);
    expect(ids).not.toContain(GONE.mergedAway);
    // Hoà's failed upload and the others untouched by any old row stay exactly as they were.
    const untouched = [IDS.hoa, IDS.mai, IDS.thu];
    const pick = (rows: unknown[]) =>
      rows.filter((r) => untouched.includes((r as { entity_id: string }).entity_id));
    expect(pick(after)).toEqual(pick(rowsBefore));
    expect(pick(after)).toHaveLength(3);
  });

  it('changes nothing but the outbox', () => {
    const changed = dataChanges(before, snapshot(db), 100);
    expect(changed.filter((c) => !c.startsWith('sync_outbox '))).toEqual([]);
  });

  it('does nothing on a station whose outbox has only resident rows', () => {
    const fresh = stationBefore(STEP);
    fresh.prepare(`DELETE FROM sync_outbox WHERE entity <> 'person'`).run();
    const was = snapshot(fresh);
    runStep(fresh, STEP);
    expect(dataChanges(was, snapshot(fresh))).toEqual([]);
  });
});
