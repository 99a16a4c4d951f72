import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Reports (issue 13): the commune's official population per year, as the station enters it (the
 * denominator of record coverage; without it the active registry is used and the screen says so),
 * and the indexes that keep the dashboard off full scans of the large tables on 100,000 residents:
 * - `persons_report`: the residents by village, status, age and last signed visit, read from the
 *   index alone (coverage, age groups, examined in 12 months);
 * - `persons_birth`: the children of an age (under 5, turning one in the period) by birth date;
 * - `person_history_updated`, `immunizations_recorded`, `visits_signed_updated`: what changed in a
 *   period (parts B, C, D), by time;
 * - `visits_signed_on`, `immunizations_given`: the monthly trends of examinations and doses.
 */
export const name = '0018_reports';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE report_population (
      year       INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
      population INTEGER NOT NULL CHECK (population BETWEEN 1 AND 10000000),
      source     TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      updated_by TEXT
    ) STRICT;
    CREATE INDEX persons_report ON persons (village, status, birth_date, birth_year, last_visit_on, id);
    CREATE INDEX persons_birth ON persons (birth_date, status, village, id);
    CREATE INDEX person_history_updated ON person_history (updated_at, person_id);
    CREATE INDEX immunizations_recorded ON immunizations (recorded_at, person_id);
    CREATE INDEX immunizations_given ON immunizations (given_on, person_id);
    CREATE INDEX visits_signed_on ON visits (visit_on, person_id) WHERE status = 'signed';
    CREATE INDEX visits_signed_updated ON visits (updated_at, person_id) WHERE status = 'signed';
  `);
}
