import type { Store } from '../db/store.ts';

/**
 * Records that the province must learn about a change, in the same transaction as the change.
 * A record already acknowledged upstream becomes "edited" (edited since sync); anything else stays
 * or becomes "pending". The version lets the uploader send the newest state exactly once.
 */
export function queueOutbox(
  store: Store,
  entity: string,
  entityId: string,
  version: number,
  op: 'upsert' | 'delete' | 'merge',
  now: string,
): void {
  store
    .prepare(
      `INSERT INTO sync_outbox (entity, entity_id, op, version, state, queued_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?)
       ON CONFLICT (entity, entity_id) DO UPDATE SET
         op = excluded.op,
         version = excluded.version,
         state = CASE WHEN sync_outbox.state = 'acknowledged' THEN 'edited' ELSE 'pending' END,
         attempts = 0,
         next_attempt_at = NULL,
         updated_at = excluded.updated_at`,
    )
    .run(entity, entityId, op, version, now, now);
}
