import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * What each upstream was last sent for a record, so a later send can remove what the record no
 * longer has (a dose deleted, a diagnosis or lab result corrected away, an allergy cleared): a FHIR
 * server keeps every resource it was given until it is told to delete it, and the record's next
 * version alone cannot say which ones are gone.
 *
 * `sync_deliveries.sent_refs`: the resources ("Immunization/<id>", one a line) the acknowledged
 * version put upstream. NULL: not known (acknowledged before this step, or an upstream that replaces
 * the whole record, like the provincial 831 XML): nothing is deleted on the next send, only replaced.
 */
export const name = '0015_sync_sent_resources';

export function up(db: SqliteDatabase): void {
  db.exec(`ALTER TABLE sync_deliveries ADD COLUMN sent_refs TEXT;`);
}
