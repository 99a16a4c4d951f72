import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The outbox becomes one row per resident record (entity 'person', the resident's id) instead of
 * one per edited thing: a payload is built at upload time from the whole record, so the province
 * needs to know which records changed, not which visit or dose. Until now signing a visit, saving
 * part B and writing a dose each queued their own row ('visit', 'history', 'immunization').
 *
 * Each such row still waiting (anything but 'acknowledged') becomes a mark on its resident's row,
 * exactly as the outbox repository marks one today (sync/outbox.ts, markRecord): a new row starts
 * pending at version 1; an existing one counts one more version, turns 'edited' if it was
 * acknowledged and 'pending' otherwise, with its retry state cleared. The resident is found through
 * the visit, the dose, or — for a dose since removed — the audit entry of its removal; a resident
 * since merged away through the alias the merge left. Rows already acknowledged have nothing left
 * to send and go; so does a row whose resident cannot be found (nothing of it is left to send).
 */
export const name = '0009_outbox_per_record';

export const dataMigration =
  "sync_outbox rows of entity 'visit', 'history' and 'immunization' are folded into one 'person' row per resident (waiting ones mark it, acknowledged or orphaned ones are dropped); see main/core/db/migrations-0009.test.ts";

interface OutboxRow {
  entity: string;
  entity_id: string;
  state: string;
  queued_at: string;
  updated_at: string;
}

export function up(db: SqliteDatabase): void {
  const rows = db
    .prepare(
      `SELECT entity, entity_id, state, queued_at, updated_at FROM sync_outbox WHERE entity <> 'person'`,
    )
    .all() as OutboxRow[];
  if (rows.length === 0) return;

  const visitOwner = db.prepare('SELECT person_id FROM visits WHERE id = ?').pluck();
  const doseOwner = db.prepare('SELECT person_id FROM immunizations WHERE id = ?').pluck();
  const removedDoseOwner = db
    .prepare(
      `SELECT entity_id FROM audit_log WHERE action = 'immunization.remove' AND json_extract(details, '$.doseId') = ?
       ORDER BY seq DESC LIMIT 1`,
    )
    .pluck();
  const exists = db.prepare('SELECT 1 FROM persons WHERE id = ?').pluck();
  const survivorOf = db
    .prepare(`SELECT person_id FROM person_identifiers WHERE kind = 'alias' AND value = ?`)
    .pluck();

  const ownerOf = (r: OutboxRow): string | null => {
    const id =
      r.entity === 'history'
        ? r.entity_id
        : r.entity === 'visit'
          ? (visitOwner.get(r.entity_id) as string | undefined)
          : r.entity === 'immunization'
            ? ((doseOwner.get(r.entity_id) ?? removedDoseOwner.get(r.entity_id)) as string | undefined)
            : undefined;
    if (!id) return null;
    if (exists.get(id)) return id;
    return (survivorOf.get(id) as string | undefined) ?? null;
  };

  // Per resident: since when their oldest waiting change waited, and the latest change.
  const waiting = new Map<string, { queuedAt: string; updatedAt: string }>();
  for (const r of rows) {
    if (r.state === 'acknowledged') continue;
    const owner = ownerOf(r);
    if (!owner) continue;
    const seen = waiting.get(owner);
    waiting.set(owner, {
      queuedAt: seen && seen.queuedAt < r.queued_at ? seen.queuedAt : r.queued_at,
      updatedAt: seen && seen.updatedAt > r.updated_at ? seen.updatedAt : r.updated_at,
    });
  }

  const mark = db.prepare(
    `INSERT INTO sync_outbox (entity, entity_id, op, version, state, queued_at, updated_at)
     VALUES ('person', ?, 'upsert', 1, 'pending', ?, ?)
     ON CONFLICT (entity, entity_id) DO UPDATE SET
       op = 'upsert',
       version = sync_outbox.version + 1,
       state = CASE WHEN sync_outbox.state = 'acknowledged' THEN 'edited' ELSE 'pending' END,
       attempts = 0,
       next_attempt_at = NULL,
       updated_at = max(sync_outbox.updated_at, excluded.updated_at)`,
  );
  for (const [personId, w] of waiting) mark.run(personId, w.queuedAt, w.updatedAt);
  db.exec(`DELETE FROM sync_outbox WHERE entity <> 'person'`);
}
