import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The forms module's job list and settings. `print_jobs` keeps every print and batch (status,
 * progress, the printer's last word, the file kept to print again), so a print that failed on an
 * offline printer is not lost: it is printed again from the list. `forms_settings` is one row:
 * which visits the full record prints, printing straight to the default printer, the slip's paper.
 */
export const name = '0012_print_jobs';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE print_jobs (
      id           TEXT PRIMARY KEY,
      kind         TEXT NOT NULL CHECK (kind IN ('print', 'batch')),
      form         TEXT NOT NULL,
      title        TEXT NOT NULL,
      person_id    TEXT,
      selection    TEXT NOT NULL DEFAULT '{}',
      output       TEXT,
      printer      TEXT,
      copies       INTEGER NOT NULL DEFAULT 1,
      status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      done         INTEGER NOT NULL DEFAULT 0,
      total        INTEGER NOT NULL DEFAULT 0,
      message      TEXT NOT NULL DEFAULT '',
      file_path    TEXT,
      file_name    TEXT,
      file_bytes   INTEGER,
      created_at   TEXT NOT NULL,
      finished_at  TEXT,
      created_by   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX print_jobs_created ON print_jobs (created_at DESC);
    CREATE TABLE forms_settings (
      id       INTEGER PRIMARY KEY CHECK (id = 1),
      settings TEXT NOT NULL
    ) STRICT;
  `);
}
