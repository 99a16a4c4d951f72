import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * The commune's due list for an immunisation session (issue 14) reads one index: each active
 * resident's open doses (the next dose of each series, as `immunization_due.doses` holds them), one
 * row per dose with its vaccine, the day it falls due, the day it becomes too late and the
 * resident's village. Reading and parsing the JSON of every child's cache row took seconds on
 * 100,000 residents; counting by village and vaccine from this index takes milliseconds.
 * Filled from the existing cache rows (a cache derived from it: nothing is lost).
 */
export const name = '0017_immunization_due_doses';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE immunization_due_doses (
      person_id   TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
      code        TEXT NOT NULL,
      vaccine     TEXT NOT NULL,
      due_on      TEXT NOT NULL,
      too_late_on TEXT,
      village     TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (person_id, code)
    ) STRICT;
    -- By village, each person's doses together: the counts by village and a village's list read
    -- this index alone, in order. By vaccine: the counts by vaccine.
    CREATE INDEX immunization_due_doses_village ON immunization_due_doses (village, person_id, due_on, too_late_on, vaccine, code);
    CREATE INDEX immunization_due_doses_vaccine ON immunization_due_doses (vaccine, village, due_on, too_late_on, code);
    INSERT OR IGNORE INTO immunization_due_doses (person_id, code, vaccine, due_on, too_late_on, village)
      SELECT d.person_id, j.value ->> 'code',
             coalesce((SELECT v.data ->> 'vaccine' FROM vaccines v WHERE v.code = j.value ->> 'code'), j.value ->> 'code'),
             j.value ->> 'due', j.value ->> 'tooLate', p.village
      FROM immunization_due d JOIN persons p ON p.id = d.person_id, json_each(d.doses) j
      WHERE p.status = 'active' AND j.value ->> 'code' IS NOT NULL AND j.value ->> 'due' IS NOT NULL;
  `);
}
