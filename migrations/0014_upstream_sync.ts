import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Upload to the upstream repositories (issue "Upstream sync"):
 * - `sync_deliveries`: per resident record and per upstream, what that upstream holds. The outbox
 *   (`sync_outbox`) keeps one row per record with the version its changes count to; a record is
 *   due for an upstream when that upstream has not acknowledged the current version. Two upstreams
 *   (the provincial XML, a FHIR server) acknowledge independently, so this state cannot live on the
 *   outbox row itself.
 * - `sync_runs`: each run (by hand, on schedule, at closing time), with its counts.
 * - `upstream_settings`: which upstreams are on, endpoints, schedule; secrets in their own column,
 *   never returned to the UI (the database file is encrypted at rest by SQLCipher).
 * - `person_consent`: part A's consent to share (given / refused / withdrawn, the day, who recorded
 *   it). A resident whose form said "no" (share_consent = 0) starts 'refused'; the form's default
 *   "yes" was never asked, so everyone else starts unknown: a sharing upstream gets nothing until
 *   someone records the resident's consent.
 * - the outbox in first-queued order, the order a run walks it.
 */
export const name = '0014_upstream_sync';

export const dataMigration =
  "residents with share_consent = 0 get a 'refused' person_consent row (decided_on NULL, recorded by 'migration 0014'); see main/core/db/migrations-0014.test.ts";

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE sync_deliveries (
      upstream           TEXT NOT NULL CHECK (upstream IN ('xml831', 'fhir')),
      person_id          TEXT NOT NULL,
      state              TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'acknowledged', 'failed', 'skipped')),
      sending_version    INTEGER,
      sending_run        TEXT,
      acked_version      INTEGER,
      attempts           INTEGER NOT NULL DEFAULT 0,
      last_error_code    TEXT,
      last_error_message TEXT,
      last_tried_at      TEXT,
      next_attempt_at    TEXT,
      remote_id          TEXT,
      acked_at           TEXT,
      updated_at         TEXT NOT NULL,
      PRIMARY KEY (upstream, person_id)
    ) STRICT;
    CREATE INDEX sync_deliveries_state ON sync_deliveries (upstream, state);
    CREATE INDEX sync_outbox_queued ON sync_outbox (entity, queued_at, entity_id);

    CREATE TABLE sync_runs (
      id           TEXT PRIMARY KEY,
      upstream     TEXT NOT NULL,
      trigger      TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'closing', 'cli')),
      started_at   TEXT NOT NULL,
      finished_at  TEXT,
      status       TEXT NOT NULL,
      sent         INTEGER NOT NULL DEFAULT 0,
      acknowledged INTEGER NOT NULL DEFAULT 0,
      failed       INTEGER NOT NULL DEFAULT 0,
      skipped      INTEGER NOT NULL DEFAULT 0,
      message      TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX sync_runs_started ON sync_runs (started_at);

    CREATE TABLE upstream_settings (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      settings   TEXT NOT NULL,
      secrets    TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE person_consent (
      person_id   TEXT PRIMARY KEY,
      state       TEXT NOT NULL CHECK (state IN ('unknown', 'given', 'refused', 'withdrawn')),
      decided_on  TEXT,
      recorded_by TEXT,
      recorded_at TEXT NOT NULL
    ) STRICT;

    INSERT INTO person_consent (person_id, state, decided_on, recorded_by, recorded_at)
      SELECT id, 'refused', NULL, 'migration 0014', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM persons WHERE share_consent = 0;
  `);
}
