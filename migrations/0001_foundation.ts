import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The skeleton every later step extends: the station's settings, user accounts, households,
 * persons and their identity numbers (part A grows in later steps), the hash-chained audit trail and the upload outbox.
 * Ids are client-generated UUIDs (records are made offline and must stay unique upstream);
 * timestamps are ISO-8601 UTC text.
 */
export const name = '0001_foundation';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE station (
      id            INTEGER PRIMARY KEY CHECK (id = 1),
      code          TEXT NOT NULL,
      name          TEXT NOT NULL,
      province_code TEXT NOT NULL,
      commune_code  TEXT NOT NULL,
      address       TEXT NOT NULL DEFAULT '',
      phone         TEXT NOT NULL DEFAULT '',
      settings      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id            TEXT PRIMARY KEY,
      username      TEXT NOT NULL UNIQUE,
      full_name     TEXT NOT NULL,
      role          TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'clerk', 'viewer')),
      password_hash TEXT NOT NULL,
      active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until  TEXT,
      last_login_at TEXT,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;

    CREATE TABLE households (
      id             TEXT PRIMARY KEY,
      code           TEXT NOT NULL UNIQUE,
      head_person_id TEXT,
      village        TEXT NOT NULL DEFAULT '',
      address        TEXT NOT NULL DEFAULT '',
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    ) STRICT;

    -- pk is an explicit INTEGER PRIMARY KEY so rowids never change (VACUUM renumbers implicit ones),
    -- which the full-text index relies on; id is the UUID every other table and upstream use.
    CREATE TABLE persons (
      pk           INTEGER PRIMARY KEY,
      id           TEXT NOT NULL UNIQUE,
      household_id TEXT REFERENCES households (id),
      full_name    TEXT NOT NULL,
      -- NFD, marks stripped, đ→d, lower case: feeds search (SQLite's own folding keeps đ).
      name_folded  TEXT NOT NULL,
      sex          TEXT NOT NULL CHECK (sex IN ('M', 'F')),
      -- 'yyyy' when only the year is known, else 'yyyy-mm-dd'.
      birth_date   TEXT NOT NULL CHECK (length(birth_date) IN (4, 10)),
      birth_year   INTEGER NOT NULL,
      village      TEXT NOT NULL DEFAULT '',
      status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved', 'deceased')),
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      version      INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX persons_household ON persons (household_id);

    -- A person may hold several numbers (CCCD, old CMND, BHYT, passport, ids of merged records).
    CREATE TABLE person_identifiers (
      person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
      kind       TEXT NOT NULL CHECK (kind IN ('cccd', 'cmnd', 'bhyt', 'bhxh', 'passport', 'alias')),
      value      TEXT NOT NULL,
      issued_on  TEXT,
      issued_by  TEXT,
      valid_from TEXT,
      valid_to   TEXT,
      extra      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
      created_at TEXT NOT NULL,
      PRIMARY KEY (kind, value)
    ) STRICT;
    -- Covering: a person's cards are read in lists and exports without touching the table.
    CREATE INDEX person_identifiers_person ON person_identifiers (person_id, kind, value, valid_to);

    -- Append-only, hash-chained: hash = sha256(prev_hash + canonical entry). Triggers refuse edits.
    CREATE TABLE audit_log (
      seq       INTEGER PRIMARY KEY AUTOINCREMENT,
      at        TEXT NOT NULL,
      user_id   TEXT,
      username  TEXT,
      action    TEXT NOT NULL,
      entity    TEXT,
      entity_id TEXT,
      details   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
      prev_hash TEXT NOT NULL,
      hash      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_entity ON audit_log (entity_id, seq);
    CREATE INDEX audit_log_user ON audit_log (user_id, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

    -- One row per record the province must learn about, written in the same transaction as the change.
    CREATE TABLE sync_outbox (
      entity             TEXT NOT NULL,
      entity_id          TEXT NOT NULL,
      op                 TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'merge')),
      version            INTEGER NOT NULL,
      state              TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'acknowledged', 'error', 'edited')),
      attempts           INTEGER NOT NULL DEFAULT 0,
      last_error_code    TEXT,
      last_error_message TEXT,
      next_attempt_at    TEXT,
      acked_version      INTEGER,
      remote_id          TEXT,
      queued_at          TEXT NOT NULL,
      updated_at         TEXT NOT NULL,
      PRIMARY KEY (entity, entity_id)
    ) STRICT;
    CREATE INDEX sync_outbox_state ON sync_outbox (state, next_attempt_at);
  `);
}
