import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Treatment and referral in part D (issue 14 point 6), which the A1 consultation register of
 * TT 23/2025 (Sổ khám bệnh, column "phương pháp điều trị") needs, and the indexes the registers read.
 * - On the visit: the treatment method (a short code, '' when not recorded), a note on it, and the
 *   referral (where to, why; '' when not referred). Columns, not the JSON document: the registers
 *   read them for every visit of a month.
 * - `visit_medicines`: the medicines given at the visit (name, dose, days), one row each, written
 *   with the visit like its diagnoses and tests.
 * - `visits_signed_day`: the signed visits of a date range in the register's order (day, time of
 *   signing) with their id, resident and referral, so a register page and the monthly counts walk
 *   an index, never the visits table (a month's visits are scattered over ten years of rows).
 * - `visit_diagnoses_main` and `persons_id_sex_birth`: each visit's main code, and each resident's
 *   status, sex and birth date, read from narrow indexes that stay in the page cache (on the
 *   100,000-resident commune, fetching those rows from the tables took most of a second a month).
 * - `immunizations_given_day`: the doses given in a month by vaccine (the only index on doses was
 *   by person, so a month's doses were a scan of every dose ever given).
 * - `persons_active_last_visit`: record coverage (active residents, those examined by a day)
 *   counted from an index instead of reading every resident's row.
 * Existing visits get '' (nothing recorded): nothing is lost or rewritten.
 */
export const name = '0019_visit_treatment';

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE visits ADD COLUMN treatment_method TEXT NOT NULL DEFAULT '';
    ALTER TABLE visits ADD COLUMN treatment_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE visits ADD COLUMN referral_to TEXT NOT NULL DEFAULT '';
    ALTER TABLE visits ADD COLUMN referral_reason TEXT NOT NULL DEFAULT '';

    CREATE TABLE visit_medicines (
      visit_id TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      seq      INTEGER NOT NULL,
      name     TEXT NOT NULL,
      dose     TEXT NOT NULL DEFAULT '',
      days     INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 365),
      PRIMARY KEY (visit_id, seq)
    ) STRICT;

    CREATE INDEX visits_signed_day ON visits (visit_on, signed_at, id, person_id, referral_to) WHERE status = 'signed';
    CREATE INDEX visit_diagnoses_main ON visit_diagnoses (visit_id, is_main, icd_code);
    CREATE INDEX persons_id_sex_birth ON persons (id, status, sex, birth_date);
    CREATE INDEX immunizations_given_day ON immunizations (given_on, vaccine_code, person_id);
    CREATE INDEX persons_active_last_visit ON persons (status, last_visit_on);
  `);
}
