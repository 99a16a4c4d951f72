import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Who is due for a vaccine, kept ready for "Hôm nay" (and the coming due lists): computing a
 * child's schedule takes ~0.2 ms, too slow to do for every child of a 100,000-resident commune on
 * each visit to the screen. One row per person whose schedule was computed: the doses that can be
 * given next with their due date and the day they become too late (JSON), and the earliest due
 * date (indexed). A row older than its person's last change is recomputed (dose writes recompute
 * at once, in their transaction). Rows go with their person.
 */
export const name = '0008_immunization_due';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE immunization_due (
      person_id   TEXT PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
      next_due_on TEXT,
      doses       TEXT NOT NULL CHECK (json_valid(doses)),
      computed_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX immunization_due_next ON immunization_due (next_due_on) WHERE next_due_on IS NOT NULL;
  `);
}
