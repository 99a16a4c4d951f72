import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Screening campaigns (issue 14, point 5): a campaign at the station, a school (its classes), a
 * workplace or a village, over a range of days, with the measurements its entry form asks for; its
 * roster (who is to be examined, in the order they are called, with their class); and on each
 * visit the campaign it was made in and, for an exam done elsewhere within the year and entered
 * here without examining again, the place it was done ('' = at this station or campaign).
 * A roster row points at its exam once one is saved: the partial index finds the next resident not
 * yet examined without reading those already done.
 */
export const name = '0022_campaigns';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE campaigns (
      id          TEXT PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('station', 'school', 'workplace', 'village')),
      name        TEXT NOT NULL,
      place       TEXT NOT NULL DEFAULT '',
      starts_on   TEXT NOT NULL,
      ends_on     TEXT NOT NULL CHECK (ends_on >= starts_on),
      measures    TEXT NOT NULL CHECK (json_valid(measures)),
      classes     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(classes)),
      created_at  TEXT NOT NULL,
      created_by  TEXT
    ) STRICT;
    CREATE INDEX campaigns_days ON campaigns (starts_on DESC);

    CREATE TABLE campaign_roster (
      campaign_id TEXT NOT NULL REFERENCES campaigns (id),
      person_id   TEXT NOT NULL REFERENCES persons (id),
      seq         INTEGER NOT NULL,
      class_name  TEXT NOT NULL DEFAULT '',
      visit_id    TEXT REFERENCES visits (id),
      added_at    TEXT NOT NULL,
      PRIMARY KEY (campaign_id, person_id)
    ) STRICT;
    CREATE UNIQUE INDEX campaign_roster_order ON campaign_roster (campaign_id, seq);
    CREATE INDEX campaign_roster_todo ON campaign_roster (campaign_id, seq) WHERE visit_id IS NULL;
    CREATE INDEX campaign_roster_person ON campaign_roster (person_id);

    ALTER TABLE visits ADD COLUMN campaign_id TEXT REFERENCES campaigns (id);
    ALTER TABLE visits ADD COLUMN exam_place TEXT NOT NULL DEFAULT '';
    CREATE INDEX visits_campaign ON visits (campaign_id) WHERE campaign_id IS NOT NULL;
  `);
}
