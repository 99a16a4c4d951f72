import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Remembered devices: what each one is for, which driver reads it, how to find it again after a
 * replug (vendor/product id, serial number, location, path — tried in that order), and its port
 * settings. Measurements already name their device by this id.
 */
export const name = '0004_devices';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE devices (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      role       TEXT NOT NULL CHECK (role IN ('scanner', 'bp', 'scale', 'height', 'scale-height')),
      driver     TEXT NOT NULL,
      transport  TEXT NOT NULL CHECK (transport IN ('serial', 'hid')),
      match      TEXT NOT NULL CHECK (json_valid(match)),
      port       TEXT NOT NULL CHECK (json_valid(port)),
      pattern    TEXT,
      enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX measurements_tray ON measurements (status, received_at) WHERE status = 'tray';
  `);
}
