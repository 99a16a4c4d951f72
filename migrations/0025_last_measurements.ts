import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Reports, third pass (the dashboard's first open over its budget on 100,000 residents): each
 * resident's last measurement — the latest signed exam with a weight or a length/height, its day,
 * the values and how the length was taken — kept in a small table of its own. Finding it from the
 * visits took one seek per child into the largest index of the database (5,751 children under five:
 * a third of the dashboard's time, most of it reading and decrypting scattered pages); the dashboard
 * and the malnourished list now read it with the children in one join.
 *
 * A derived cache, like `persons.last_visit_on`: its one writer is `record/repo/visits.ts`, which
 * recomputes a resident's row in the transaction of every signature, amendment and merge. Filled
 * here from the signed visits, in the order "last measurement" has always meant (visit day, then
 * signing time, then the row saved last).
 *
 * `persons_birth` gains the resident's sex: scoring a child needs it, and reading it from each
 * child's row (scattered over the largest table but one) filled the connection's page cache with
 * 5,751 rows' pages on every open of the dashboard. Two covering indexes let the dashboard count
 * the records an upstream acknowledged at their current version without reading a delivery or an
 * outbox row: on a station that had uploaded its 100,000 residents, building those rows took the
 * first open past a second.
 */
export const name = '0025_last_measurements';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE last_measurements (
      person_id TEXT PRIMARY KEY,
      visit_id  TEXT NOT NULL,
      visit_on  TEXT NOT NULL,
      weight_kg REAL,
      height_cm REAL,
      position  TEXT
    ) STRICT, WITHOUT ROWID;
    INSERT INTO last_measurements (person_id, visit_id, visit_on, weight_kg, height_cm, position)
    SELECT person_id, id, visit_on, weight_kg, height_cm, position FROM (
      SELECT person_id, id, visit_on, weight_kg, height_cm, json_extract(data, '$.position') AS position,
             row_number() OVER (PARTITION BY person_id ORDER BY visit_on DESC, signed_at DESC, rowid DESC) AS n
      FROM visits
      WHERE status = 'signed' AND (weight_kg IS NOT NULL OR height_cm IS NOT NULL)
    ) WHERE n = 1;
    -- The children's sex with their birth day, so the dashboard reads no resident's row to score them:
    -- the index the growth figures walk, widened by one column (same name, same order before it).
    DROP INDEX persons_birth;
    CREATE INDEX persons_birth ON persons (birth_date, status, village, id, sex);
    -- Records acknowledged at their current version, counted from indexes alone: a station that has
    -- uploaded its commune holds one delivery per resident, and the outbox's version of each.
    CREATE INDEX sync_deliveries_acked ON sync_deliveries (upstream, state, person_id, acked_version);
    CREATE INDEX sync_outbox_version ON sync_outbox (entity, entity_id, version);
  `);
}
