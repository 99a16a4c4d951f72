import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Parts B, C and D of the 831 record, the NCD registers, and raw device measurements.
 * Part B is one validated JSON document per person (its sections are read and written together).
 * Visits keep the vitals in columns (trends, reports, registers query them) and the rest of the
 * examination in JSON; diagnoses and tests have their own rows (morbidity by ICD-10, lab lists).
 * A signed visit is changed only by amendment, and every version is kept.
 */
export const name = '0003_record';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE person_history (
      person_id  TEXT PRIMARY KEY REFERENCES persons (id),
      data       TEXT NOT NULL CHECK (json_valid(data)),
      version    INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT
    ) STRICT;

    -- The station's vaccine catalogue: seeded from the national programme, then configurable.
    CREATE TABLE vaccines (
      code       TEXT PRIMARY KEY,
      data       TEXT NOT NULL CHECK (json_valid(data)),
      sort       INTEGER NOT NULL,
      active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      regional   INTEGER NOT NULL DEFAULT 0 CHECK (regional IN (0, 1)),
      custom     INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1))
    ) STRICT;

    CREATE TABLE immunizations (
      id              TEXT PRIMARY KEY,
      person_id       TEXT NOT NULL REFERENCES persons (id),
      vaccine_code    TEXT NOT NULL,
      given_on        TEXT NOT NULL,
      place           TEXT NOT NULL DEFAULT '',
      reaction        TEXT NOT NULL DEFAULT '',
      next_on         TEXT,
      pregnancy_month INTEGER,
      batch           TEXT NOT NULL DEFAULT '',
      recorded_at     TEXT NOT NULL,
      recorded_by     TEXT
    ) STRICT;
    CREATE INDEX immunizations_person ON immunizations (person_id, given_on);
    CREATE INDEX immunizations_next ON immunizations (next_on) WHERE next_on IS NOT NULL;

    CREATE TABLE visits (
      id               TEXT PRIMARY KEY,
      person_id        TEXT NOT NULL REFERENCES persons (id),
      visit_on         TEXT NOT NULL,
      status           TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
      version          INTEGER NOT NULL,
      reason           TEXT NOT NULL DEFAULT '',
      pulse            REAL,
      temperature_c    REAL,
      systolic         REAL,
      diastolic        REAL,
      respiratory_rate REAL,
      weight_kg        REAL,
      height_cm        REAL,
      waist_cm         REAL,
      bmi              REAL,
      bp_category      TEXT,
      data             TEXT NOT NULL CHECK (json_valid(data)),
      follow_up_on     TEXT,
      examiner_id      TEXT,
      examiner_name    TEXT NOT NULL DEFAULT '',
      signed_at        TEXT,
      signed_by        TEXT,
      created_at       TEXT NOT NULL,
      created_by       TEXT,
      updated_at       TEXT NOT NULL,
      updated_by       TEXT
    ) STRICT;
    CREATE INDEX visits_person ON visits (person_id, visit_on);
    CREATE INDEX visits_day ON visits (visit_on, status);

    CREATE TABLE visit_diagnoses (
      visit_id TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      seq      INTEGER NOT NULL,
      icd_code TEXT NOT NULL DEFAULT '',
      name     TEXT NOT NULL,
      is_main  INTEGER NOT NULL DEFAULT 0 CHECK (is_main IN (0, 1)),
      note     TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (visit_id, seq)
    ) STRICT;
    CREATE INDEX visit_diagnoses_code ON visit_diagnoses (icd_code);

    CREATE TABLE visit_labs (
      visit_id  TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      seq       INTEGER NOT NULL,
      lab_group TEXT NOT NULL CHECK (lab_group IN ('lab', 'imaging')),
      name      TEXT NOT NULL,
      result    TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (visit_id, seq)
    ) STRICT;

    -- Every signed state a visit has had: amendments never overwrite history.
    CREATE TABLE visit_versions (
      visit_id   TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      version    INTEGER NOT NULL,
      snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
      changed_at TEXT NOT NULL,
      changed_by TEXT,
      reason     TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (visit_id, version)
    ) STRICT;

    CREATE TABLE ncd_registers (
      person_id       TEXT NOT NULL REFERENCES persons (id),
      register        TEXT NOT NULL CHECK (register IN ('hypertension', 'diabetes')),
      registered_on   TEXT NOT NULL,
      source          TEXT NOT NULL,
      interval_months INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (person_id, register)
    ) STRICT;

    -- Raw device readings with provenance: attached to a visit, or waiting in the tray so a reading
    -- that arrives with no visit open never lands on the wrong person.
    CREATE TABLE measurements (
      id          TEXT PRIMARY KEY,
      device      TEXT NOT NULL,
      driver      TEXT NOT NULL,
      kind        TEXT NOT NULL,
      data        TEXT NOT NULL CHECK (json_valid(data)),
      measured_at TEXT,
      received_at TEXT NOT NULL,
      raw         TEXT NOT NULL DEFAULT '',
      status      TEXT NOT NULL CHECK (status IN ('tray', 'attached', 'discarded')),
      visit_id    TEXT REFERENCES visits (id),
      person_id   TEXT REFERENCES persons (id),
      attached_at TEXT
    ) STRICT;
    CREATE INDEX measurements_status ON measurements (status, received_at);
  `);
}
