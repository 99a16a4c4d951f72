import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The backup schedule (issue 12): one row — the folder backups go to (a second disk, a USB stick;
 * null for the data folder's `backups/`), the daily time (station time, HH:MM), whether the daily
 * and on-exit backups run, and when the last daily one was taken, so a day missed because the PC
 * was off is made up at the next start.
 */
export const name = '0016_backup_settings';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE backup_settings (
      id            INTEGER PRIMARY KEY CHECK (id = 1),
      folder        TEXT,
      daily_time    TEXT NOT NULL DEFAULT '17:30' CHECK (daily_time GLOB '[0-2][0-9]:[0-5][0-9]'),
      enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      last_daily_at TEXT,
      updated_at    TEXT
    ) STRICT;
  `);
}
