import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Part A of the 831 form in full, name search, and import mapping templates.
 * Addresses keep the text as written plus structured codes of the 2025 two-level units
 * (province 2 digits, commune 5 digits); village/hamlet and street stay text. The existing
 * `persons.village` is the village of the current address.
 */
export const name = '0002_registry';

const PERSON_COLUMNS = [
  `relation_to_head TEXT NOT NULL DEFAULT ''`,
  `blood_abo TEXT NOT NULL DEFAULT '' CHECK (blood_abo IN ('', 'A', 'B', 'AB', 'O'))`,
  `blood_rh TEXT NOT NULL DEFAULT '' CHECK (blood_rh IN ('', '+', '-'))`,
  `birth_province_code TEXT NOT NULL DEFAULT ''`,
  `ethnicity_code TEXT NOT NULL DEFAULT ''`,
  `nationality TEXT NOT NULL DEFAULT 'VN'`,
  `religion TEXT NOT NULL DEFAULT ''`,
  `occupation TEXT NOT NULL DEFAULT ''`,
  `perm_text TEXT NOT NULL DEFAULT ''`,
  `perm_province_code TEXT NOT NULL DEFAULT ''`,
  `perm_commune_code TEXT NOT NULL DEFAULT ''`,
  `perm_village TEXT NOT NULL DEFAULT ''`,
  `perm_street TEXT NOT NULL DEFAULT ''`,
  `cur_text TEXT NOT NULL DEFAULT ''`,
  `cur_province_code TEXT NOT NULL DEFAULT ''`,
  `cur_commune_code TEXT NOT NULL DEFAULT ''`,
  `cur_street TEXT NOT NULL DEFAULT ''`,
  `phone_mobile TEXT NOT NULL DEFAULT ''`,
  `phone_landline TEXT NOT NULL DEFAULT ''`,
  `email TEXT NOT NULL DEFAULT ''`,
  `mother_name TEXT NOT NULL DEFAULT ''`,
  `mother_phone TEXT NOT NULL DEFAULT ''`,
  `father_name TEXT NOT NULL DEFAULT ''`,
  `father_phone TEXT NOT NULL DEFAULT ''`,
  `caregiver_name TEXT NOT NULL DEFAULT ''`,
  `caregiver_relation TEXT NOT NULL DEFAULT ''`,
  `caregiver_phone TEXT NOT NULL DEFAULT ''`,
  // Lifecycle: moved out or deceased residents leave coverage denominators.
  `status_date TEXT`,
  `status_note TEXT NOT NULL DEFAULT ''`,
  // The resident's consent to share the record upstream (sync respects it).
  `share_consent INTEGER NOT NULL DEFAULT 1 CHECK (share_consent IN (0, 1))`,
  // Denormalised from visits for lists and search results ("examined this year").
  `last_visit_on TEXT`,
  `created_by TEXT`,
  `updated_by TEXT`,
];

export function up(db: SqliteDatabase): void {
  for (const column of PERSON_COLUMNS) db.exec(`ALTER TABLE persons ADD COLUMN ${column}`);
  db.exec(`
    -- Covering indexes for the resident list (name order, or one village), so paging through
    -- 100,000 encrypted rows with any filter never has to read the table itself.
    CREATE INDEX persons_list_name ON persons (name_folded, status, sex, birth_year, village, last_visit_on);
    CREATE INDEX persons_list_village ON persons (village, name_folded, status, sex, birth_year, last_visit_on);
    CREATE INDEX persons_phone ON persons (phone_mobile) WHERE phone_mobile <> '';
    CREATE INDEX persons_dedupe ON persons (name_folded, birth_date, sex);
    CREATE INDEX person_identifiers_value ON person_identifiers (value);

    -- The folded name (and birth year, for "nguyen van an 1962") in a full-text index with short
    -- prefix indexes, so "hoa nguyen" and "duc" answer in milliseconds on 100,000 residents. The index
    -- stores its own copy of the folded name so ranking never has to touch the persons table.
    CREATE VIRTUAL TABLE persons_fts USING fts5(
      name_folded, birth_year UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
    );
    INSERT INTO persons_fts (rowid, name_folded, birth_year) SELECT pk, name_folded, birth_year FROM persons;
    CREATE TRIGGER persons_fts_insert AFTER INSERT ON persons BEGIN
      INSERT INTO persons_fts (rowid, name_folded, birth_year) VALUES (new.pk, new.name_folded, new.birth_year);
    END;
    CREATE TRIGGER persons_fts_delete AFTER DELETE ON persons BEGIN
      DELETE FROM persons_fts WHERE rowid = old.pk;
    END;
    CREATE TRIGGER persons_fts_update AFTER UPDATE OF name_folded, birth_year ON persons BEGIN
      UPDATE persons_fts SET name_folded = new.name_folded, birth_year = new.birth_year WHERE rowid = old.pk;
    END;

    -- Column mappings a station saved for its recurring import files.
    CREATE TABLE import_templates (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
