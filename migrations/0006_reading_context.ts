import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * A device reading remembers which exam was open on screen when it arrived
 * (`arrived_during_visit_id`, NULL when none was), so it is offered to that exam only and never to
 * the next patient's. Readings stored before this step have no such memory: they are treated as
 * having arrived with no exam open (offered only with their time and an explicit choice).
 * No foreign key: a discarded draft is deleted, and its readings must still never reach another exam.
 */
export const name = '0006_reading_context';

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE measurements ADD COLUMN arrived_during_visit_id TEXT;
  `);
}
