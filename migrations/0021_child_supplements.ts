import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * A child's vitamin A and deworming doses (issue 14): one row per dose given, with its date, so the
 * exam and the record can say when the next one is due (vitamin A every 6 months from 6 to 59
 * months, deworming every 6 months from 24 months). Part of the record the province receives.
 */
export const name = '0021_child_supplements';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE child_supplements (
      id          TEXT PRIMARY KEY,
      person_id   TEXT NOT NULL REFERENCES persons (id),
      kind        TEXT NOT NULL CHECK (kind IN ('vitamin_a', 'deworming')),
      given_on    TEXT NOT NULL CHECK (given_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      dose        TEXT NOT NULL DEFAULT '',
      place       TEXT NOT NULL DEFAULT '',
      recorded_at TEXT NOT NULL,
      recorded_by TEXT
    ) STRICT;
    CREATE INDEX child_supplements_person ON child_supplements (person_id, kind, given_on);
  `);
}
