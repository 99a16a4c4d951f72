import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Reports, fourth pass: on a station that has uploaded its commune the dashboard counted the records
 * an upstream holds at their current version by checking each of 100,000 deliveries against the
 * outbox (64 ms, and ~12 MB of index pages pushed through the page cache on every first open). The
 * upload engine writes a delivery's acknowledgement of a version and the outbox's `acked_version`
 * in one transaction, so where every upstream that ever acknowledged is switched on, the outbox
 * alone answers: this partial index holds exactly its records acknowledged at their version (with
 * the columns its condition reads, so SQLite counts them without a row).
 */
export const name = '0026_outbox_acknowledged';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE INDEX sync_outbox_acknowledged ON sync_outbox (entity, entity_id, op, version, acked_version)
      WHERE op = 'upsert' AND acked_version >= version;
  `);
}
