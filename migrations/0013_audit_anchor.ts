import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The audit trail's hash chain proved an entry unchanged only if everything after it was left alone:
 * deleting the tail left a valid chain, and an edit whose following hashes were recomputed passed.
 * Each entry now carries a MAC of its hash keyed with a secret derived from the database key (so a
 * chain recomputed without the key fails at the first entry touched), and the chain's head (how many
 * entries, the last one's seq and hash, MAC'd the same way) is kept in its own one-row table, so a
 * missing tail is found. Entries written before this step have no MAC: they are checked by the chain
 * and the anchor only.
 */
export const name = '0013_audit_anchor';

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN mac TEXT;
    CREATE TABLE audit_anchor (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      entries    INTEGER NOT NULL,
      head_seq   INTEGER NOT NULL,
      head_hash  TEXT NOT NULL,
      mac        TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
