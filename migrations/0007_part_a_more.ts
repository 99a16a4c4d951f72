import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Part A item A.23 asks for a landline and a mobile for the mother, the father and the main
 * caregiver; 0002 kept one number each. The existing `*_phone` columns stay the mobile (what
 * stations typed there is a mobile number almost always), so no data moves: only the landlines are
 * added, empty. Also an index to find households by their head (the registration form's household
 * search by the head's name).
 */
export const name = '0007_part_a_more';

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE persons ADD COLUMN mother_landline TEXT NOT NULL DEFAULT '';
    ALTER TABLE persons ADD COLUMN father_landline TEXT NOT NULL DEFAULT '';
    ALTER TABLE persons ADD COLUMN caregiver_landline TEXT NOT NULL DEFAULT '';
    CREATE INDEX households_head ON households (head_person_id);
  `);
}
