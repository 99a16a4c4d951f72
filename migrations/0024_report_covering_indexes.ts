import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Reports, second pass (the dashboard over its budget on 100,000 residents): two covering indexes so
 * the dashboard reads no table row for its two costliest figures.
 * - `visits_last_measured`: each child's signed exams that carry a weight or a length/height, in the
 *   order "last measurement" means (visit day, then signing time), with the values scored and how the
 *   length was taken (lying or standing, from the exam's document): finding a child's last
 *   measurement is one index seek and no visit row read (large: they hold the exam's document).
 *   SQLite takes the indexed `json_extract` from the index and never seeks the row (its plan says
 *   "USING INDEX", not "COVERING", but the row seek is deferred and never made).
 * - `persons_care`: a resident's status, village and last signed exam by id, for the NCD registers'
 *   join (one index seek per patient instead of a persons row read).
 */
export const name = '0024_report_covering_indexes';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE INDEX visits_last_measured
      ON visits (person_id, visit_on, signed_at, weight_kg, height_cm, id, json_extract(data, '$.position'))
      WHERE status = 'signed' AND (weight_kg IS NOT NULL OR height_cm IS NOT NULL);
    CREATE INDEX persons_care ON persons (id, status, village, last_visit_on);
  `);
}
