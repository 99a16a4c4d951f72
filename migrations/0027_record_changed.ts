import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Reports, fifth pass: "records updated in the period" was the dashboard's largest part (75–85 ms of
 * ~190 on 100,000 residents) — a distinct count over every part B save, dose recorded and exam signed
 * or amended in the year, ~50,000 residents deduplicated from the three time indexes on each open.
 *
 * Each resident's latest change is now kept in `record_changed`. For a period that reaches the newest
 * change (the dashboard's usual one, this year up to today) "changed in the period" is "latest change
 * on or after its first day": a range of one small index. A period that ended before a later change
 * is still counted from the three sources.
 *
 * Written by triggers, like `persons_fts`: the three sources have three writers (part B, doses,
 * exams), and a derived table written from each would have had three. A change keeps counting when
 * what it wrote is later taken back (a dose deleted, a part B moved by a merge): the record was
 * changed that day. A merge's moved rows carry their times to the survivor.
 */
export const name = '0027_record_changed';

const KEEP_LATEST = `ON CONFLICT (person_id) DO UPDATE SET changed_at = excluded.changed_at
      WHERE excluded.changed_at > record_changed.changed_at`;

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE record_changed (
      person_id  TEXT PRIMARY KEY,
      changed_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX record_changed_at ON record_changed (changed_at);

    INSERT INTO record_changed (person_id, changed_at)
    SELECT person_id, max(at) FROM (
      SELECT person_id, updated_at AS at FROM person_history
      UNION ALL SELECT person_id, recorded_at FROM immunizations
      UNION ALL SELECT person_id, updated_at FROM visits WHERE status = 'signed'
    ) GROUP BY person_id;

    CREATE TRIGGER record_changed_history_insert AFTER INSERT ON person_history BEGIN
      INSERT INTO record_changed (person_id, changed_at) VALUES (new.person_id, new.updated_at) ${KEEP_LATEST};
    END;
    CREATE TRIGGER record_changed_history_update AFTER UPDATE OF person_id, updated_at ON person_history BEGIN
      INSERT INTO record_changed (person_id, changed_at) VALUES (new.person_id, new.updated_at) ${KEEP_LATEST};
    END;
    CREATE TRIGGER record_changed_dose_insert AFTER INSERT ON immunizations BEGIN
      INSERT INTO record_changed (person_id, changed_at) VALUES (new.person_id, new.recorded_at) ${KEEP_LATEST};
    END;
    CREATE TRIGGER record_changed_dose_update AFTER UPDATE OF person_id, recorded_at ON immunizations BEGIN
      INSERT INTO record_changed (person_id, changed_at) VALUES (new.person_id, new.recorded_at) ${KEEP_LATEST};
    END;
    CREATE TRIGGER record_changed_exam_insert AFTER INSERT ON visits WHEN new.status = 'signed' BEGIN
      INSERT INTO record_changed (person_id, changed_at) VALUES (new.person_id, new.updated_at) ${KEEP_LATEST};
    END;
    CREATE TRIGGER record_changed_exam_update AFTER UPDATE OF person_id, status, updated_at ON visits
      WHEN new.status = 'signed' BEGIN
      INSERT INTO record_changed (person_id, changed_at) VALUES (new.person_id, new.updated_at) ${KEEP_LATEST};
    END;
  `);
}
