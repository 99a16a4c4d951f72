import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * "Hôm nay" counted the children due for a vaccine by reading every cached schedule (0.9 s on a
 * 100,000-resident commune, where ~17,000 children have a missed dose). Each cached row now also
 * holds the answer for the day it was worked out (`computed_on`): whether a dose can be given that
 * day (`due_now`), the earliest such dose's due date (`first_due`, for "most overdue first"), and
 * the next day the answer changes (`next_change_on`: a dose falls due or becomes too late). The
 * screen then counts and sorts by index; a row whose answer has expired is worked out again.
 * Rows cached before this step have no `computed_on` and are worked out again by the background
 * refresher (a cache: nothing is lost).
 */
export const name = '0010_immunization_due_today';

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE immunization_due ADD COLUMN computed_on TEXT;
    ALTER TABLE immunization_due ADD COLUMN due_now INTEGER NOT NULL DEFAULT 0 CHECK (due_now IN (0, 1));
    ALTER TABLE immunization_due ADD COLUMN first_due TEXT;
    ALTER TABLE immunization_due ADD COLUMN next_change_on TEXT;
    CREATE INDEX immunization_due_now ON immunization_due (first_due) WHERE due_now = 1;
    CREATE INDEX immunization_due_change ON immunization_due (next_change_on);
  `);
}
