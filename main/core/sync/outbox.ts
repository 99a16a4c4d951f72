import type { Store } from '../db/store.ts';

/**
 * The outbox repository, the one writer of `sync_outbox`: one row per resident record (entity
 * 'person', the person's id), not one per edit. Every repository write that changes what the
 * province must see marks the record here, inside the same transaction as the change, so a change
 * that rolls back leaves no mark and a mark never outlives its change.
 *
 * The row's `version` counts the marked writes (it grows by one with each; several writes in one
 * operation may each count). An uploader reads it with the payload it builds from the current data
 * and, when the upstream acknowledges, compares: a record marked again meanwhile is sent again. A
 * record already acknowledged becomes "edited" (edited since upload); anything else is "pending",
 * with its retry state cleared.
 */
export const OUTBOX_ENTITY = 'person';

const MARK = `INSERT INTO sync_outbox (entity, entity_id, op, version, state, queued_at, updated_at)
  VALUES ('${OUTBOX_ENTITY}', ?, ?, 1, 'pending', ?, ?)
  ON CONFLICT (entity, entity_id) DO UPDATE SET
    op = excluded.op,
    version = sync_outbox.version + 1,
    state = CASE WHEN sync_outbox.state = 'acknowledged' THEN 'edited' ELSE 'pending' END,
    attempts = 0,
    next_attempt_at = NULL,
    updated_at = excluded.updated_at`;

function mark(store: Store, personId: string, op: 'upsert' | 'merge', now: string): void {
  // The mark and its change commit or roll back together only inside one transaction.
  if (!store.raw.inTransaction) throw new Error('the outbox is marked inside the transaction of its change');
  store.prepare(MARK).run(personId, op, now, now);
}

/** The resident's record changed in a way the province must see. */
export function markRecord(store: Store, personId: string, now: string): void {
  mark(store, personId, 'upsert', now);
}

/**
 * The record was merged into another and no longer exists here: the upstream must retire it. The
 * survivor is found through the alias the merge leaves (person_identifiers, kind 'alias').
 */
export function markMerged(store: Store, mergedId: string, now: string): void {
  mark(store, mergedId, 'merge', now);
}

/**
 * The record's overall state after an upload answered, if it was not marked again meanwhile (a
 * newer version stays pending: the edit made while in flight is sent again).
 */
export function settleOutbox(
  store: Store,
  personId: string,
  version: number,
  outcome:
    | { state: 'sending' }
    | { state: 'acknowledged'; remoteId: string | null }
    | { state: 'error'; code: string; message: string; attempts: number; nextAttemptAt: string | null },
  now: string,
): void {
  if (!store.raw.inTransaction) throw new Error('the outbox is settled inside a transaction');
  const where = `WHERE entity = '${OUTBOX_ENTITY}' AND entity_id = ? AND version = ?`;
  if (outcome.state === 'sending')
    store.prepare(`UPDATE sync_outbox SET state = 'sending' ${where}`).run(personId, version);
  else if (outcome.state === 'acknowledged')
    store
      .prepare(
        `UPDATE sync_outbox SET state = 'acknowledged', acked_version = version, attempts = 0,
          last_error_code = NULL, last_error_message = NULL, next_attempt_at = NULL,
          remote_id = coalesce(?, remote_id), updated_at = ? ${where}`,
      )
      .run(outcome.remoteId, now, personId, version);
  else
    store
      .prepare(
        `UPDATE sync_outbox SET state = 'error', attempts = ?, last_error_code = ?, last_error_message = ?,
          next_attempt_at = ?, updated_at = ? ${where}`,
      )
      .run(outcome.attempts, outcome.code, outcome.message, outcome.nextAttemptAt, now, personId, version);
}

/** A claim released without an answer: the record is waiting again (unless marked meanwhile). */
export function unsettleOutbox(store: Store, personId: string, version: number): void {
  if (!store.raw.inTransaction) throw new Error('the outbox is settled inside a transaction');
  store
    .prepare(
      `UPDATE sync_outbox SET state = 'pending' WHERE entity = '${OUTBOX_ENTITY}' AND entity_id = ? AND version = ? AND state = 'sending'`,
    )
    .run(personId, version);
}

/** How many residents one slice of `queueUnmarked` looks at: a few ms of work on an old PC. */
export const QUEUE_SLICE = 1000;

/**
 * Residents with no outbox row at all (written before the outbox existed, or by the demo seed)
 * start pending, so the first upload to an upstream sends the whole commune. One slice at a time,
 * in `persons.pk` order after `afterPk`, so queueing a whole commune is many short transactions
 * rather than one long turn of the window's thread. Returns how many it queued and where the next
 * slice starts (null when every resident has been looked at).
 */
export function queueUnmarked(
  store: Store,
  now: string,
  afterPk = 0,
  limit = QUEUE_SLICE,
): { queued: number; nextPk: number | null } {
  if (!store.raw.inTransaction) throw new Error('the outbox is marked inside a transaction');
  const pks = store
    .prepare('SELECT pk FROM persons WHERE pk > ? ORDER BY pk LIMIT ?')
    .pluck()
    .all(afterPk, limit) as number[];
  if (pks.length === 0) return { queued: 0, nextPk: null };
  const last = pks[pks.length - 1];
  const queued = store
    .prepare(
      `INSERT INTO sync_outbox (entity, entity_id, op, version, state, queued_at, updated_at)
       SELECT '${OUTBOX_ENTITY}', p.id, 'upsert', 1, 'pending', coalesce(p.created_at, ?), ?
       FROM persons p
       WHERE p.pk > ? AND p.pk <= ?
         AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.entity = '${OUTBOX_ENTITY}' AND o.entity_id = p.id)`,
    )
    .run(now, now, afterPk, last).changes;
  return { queued, nextPk: pks.length < limit ? null : last };
}
