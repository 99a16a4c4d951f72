import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The audit trail's MAC secret gets a home of its own, inside the encrypted database. Until now it
 * was derived from the database key each time the database opened, so changing that key
 * (`hssk db rekey`, PRAGMA rekey) would have made every MAC written so far fail. Kept here, it
 * travels with the database and every backup of it, and a rekey leaves it alone.
 *
 * The step only makes the table: a migration is never given the database key. The audit module
 * fills the one row as the database opens, right after migrating (`adoptAuditSecret`), with the
 * very value it derived from the key until now — so no existing entry or anchor changes and every
 * MAC written before this step keeps verifying.
 */
export const name = '0023_audit_secret';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE audit_secret (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      mac_key    BLOB NOT NULL CHECK (length(mac_key) = 32),
      created_at TEXT NOT NULL
    ) STRICT;
  `);
}
