import type { Store } from '../db/store.ts';

/**
 * The deliveries repository, the one writer of `sync_deliveries`: per resident record and per
 * upstream, what that upstream holds. The outbox row (outbox.ts) counts the record's versions; a
 * record is due for an upstream while the upstream has not acknowledged its current version.
 *
 * States: pending (due, maybe backing off until next_attempt_at), sending (claimed by a run: its
 * version is in flight), acknowledged (acked_version is held upstream; "edited" when the outbox
 * version has grown since), failed (the upstream refused this version's content: not retried until
 * the record changes or a user asks), skipped (not sent: a sharing upstream and no consent).
 *
 * An acknowledgement records the version that was sent, never the outbox's current one: an edit
 * made while the record was in flight leaves acked_version behind the outbox, so it is sent again.
 */
export type Upstream = 'xml831' | 'fhir';

export interface DueRow {
  personId: string;
  version: number;
  op: 'upsert' | 'delete' | 'merge';
  queuedAt: string;
  /** What this upstream's last acknowledged send put there (one ref a line); null: not known. */
  sentRefs: string | null;
}

/** Which outbox rows are due for an upstream (bound: upstream first, `now` last). */
const DUE_WHERE = `o.entity = 'person'
    AND (d.person_id IS NULL
      OR (d.state = 'acknowledged' AND d.acked_version < o.version)
      OR (d.state = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?))
      OR (d.state IN ('failed', 'skipped') AND d.sending_version < o.version))`;

const DUE = `SELECT o.entity_id AS personId, o.version AS version, o.op AS op, o.queued_at AS queuedAt,
    d.sent_refs AS sentRefs
  FROM sync_outbox o
  LEFT JOIN sync_deliveries d ON d.upstream = ? AND d.person_id = o.entity_id
  WHERE (o.queued_at, o.entity_id) > (?, ?) AND ${DUE_WHERE}
  ORDER BY o.queued_at, o.entity_id
  LIMIT ?`;

const DUE_COUNT = `SELECT count(*) FROM sync_outbox o
  LEFT JOIN sync_deliveries d ON d.upstream = ? AND d.person_id = o.entity_id
  WHERE ${DUE_WHERE}`;

/**
 * How many records are due for an upstream now: counted inside SQLite, so a commune's whole
 * backlog is never turned into rows on the thread that serves the window.
 */
export function countDueRows(store: Store, upstream: Upstream, now: string): number {
  return store.prepare(DUE_COUNT).pluck().get(upstream, now) as number;
}

/** The next records due for an upstream after a (queued_at, id) cursor, in first-queued order. */
export function dueAfter(
  store: Store,
  upstream: Upstream,
  after: { queuedAt: string; personId: string },
  now: string,
  limit: number,
): DueRow[] {
  return store.prepare(DUE).all(upstream, after.queuedAt, after.personId, now, limit) as DueRow[];
}

/** The earliest moment a record backing off for this upstream is due again (null: none is). */
export function nextRetryAt(store: Store, upstream: Upstream): string | null {
  return (
    (store
      .prepare(
        `SELECT min(next_attempt_at) FROM sync_deliveries WHERE upstream = ? AND state = 'pending' AND next_attempt_at IS NOT NULL`,
      )
      .pluck()
      .get(upstream) as string | null) ?? null
  );
}

function inTx(store: Store): void {
  if (!store.raw.inTransaction) throw new Error('delivery state is written inside a transaction');
}

const UPSERT = (
  set: string,
) => `INSERT INTO sync_deliveries (upstream, person_id, state, sending_version, sending_run, acked_version,
    attempts, last_error_code, last_error_message, last_tried_at, next_attempt_at, remote_id, acked_at, updated_at)
  VALUES (@upstream, @personId, @state, @version, @runId, NULL, 0, NULL, NULL, @now, NULL, NULL, NULL, @now)
  ON CONFLICT (upstream, person_id) DO UPDATE SET ${set}`;

const CLAIM = UPSERT(`state = 'sending', sending_version = excluded.sending_version,
  sending_run = excluded.sending_run, last_tried_at = excluded.last_tried_at, updated_at = excluded.updated_at`);

/** A run takes these versions in flight. */
export function claim(
  store: Store,
  upstream: Upstream,
  rows: readonly { personId: string; version: number }[],
  runId: string,
  now: string,
): void {
  inTx(store);
  const st = store.prepare(CLAIM);
  for (const r of rows)
    st.run({ upstream, personId: r.personId, state: 'sending', version: r.version, runId, now });
}

/**
 * The upstream holds `version` (the one sent). `sentRefs`: the resources that send put upstream
 * (the next send deletes those the record no longer has); undefined keeps the list as it was.
 */
export function recordAcknowledged(
  store: Store,
  upstream: Upstream,
  personId: string,
  version: number,
  remoteId: string | null,
  now: string,
  sentRefs?: readonly string[] | null,
): void {
  inTx(store);
  const keep = sentRefs === undefined ? 1 : 0;
  store
    .prepare(
      `UPDATE sync_deliveries SET state = 'acknowledged', acked_version = ?, attempts = 0, sending_run = NULL,
        last_error_code = NULL, last_error_message = NULL, next_attempt_at = NULL,
        remote_id = coalesce(?, remote_id), acked_at = ?, updated_at = ?,
        sent_refs = CASE WHEN ? THEN sent_refs ELSE ? END
       WHERE upstream = ? AND person_id = ?`,
    )
    .run(version, remoteId, now, now, keep, sentRefs ? sentRefs.join('\n') : null, upstream, personId);
}

/** A transient failure: due again at `nextAttemptAt`. */
export function recordRetry(
  store: Store,
  upstream: Upstream,
  personId: string,
  error: { code: string; message: string },
  nextAttemptAt: string,
  now: string,
): void {
  inTx(store);
  store
    .prepare(
      `UPDATE sync_deliveries SET state = 'pending', attempts = attempts + 1, sending_run = NULL,
        last_error_code = ?, last_error_message = ?, next_attempt_at = ?, updated_at = ?
       WHERE upstream = ? AND person_id = ?`,
    )
    .run(error.code, error.message, nextAttemptAt, now, upstream, personId);
}

/** The upstream refused this version: failed until the record changes or a user retries. */
export function recordFailed(
  store: Store,
  upstream: Upstream,
  personId: string,
  error: { code: string; message: string },
  now: string,
): void {
  inTx(store);
  store
    .prepare(
      `UPDATE sync_deliveries SET state = 'failed', attempts = attempts + 1, sending_run = NULL,
        last_error_code = ?, last_error_message = ?, next_attempt_at = NULL, updated_at = ?
       WHERE upstream = ? AND person_id = ?`,
    )
    .run(error.code, error.message, now, upstream, personId);
}

const SKIP = UPSERT(`state = 'skipped', sending_version = excluded.sending_version, sending_run = NULL,
  last_error_code = NULL, last_error_message = NULL, next_attempt_at = NULL, updated_at = excluded.updated_at`);

/** Not sent to a sharing upstream: no consent at this version. */
export function recordSkipped(
  store: Store,
  upstream: Upstream,
  personId: string,
  version: number,
  now: string,
): void {
  inTx(store);
  store.prepare(SKIP).run({ upstream, personId, state: 'skipped', version, runId: null, now });
}

/** Claims of a run that ended without an answer (cancelled, offline): due again, no attempt counted. */
export function releaseClaims(store: Store, upstream: Upstream, runId: string, now: string): number {
  inTx(store);
  return store
    .prepare(
      `UPDATE sync_deliveries SET state = 'pending', sending_run = NULL, updated_at = ?
       WHERE upstream = ? AND state = 'sending' AND sending_run = ?`,
    )
    .run(now, upstream, runId).changes;
}

/**
 * Claims left by a run that died (power cut, SIGKILL): its versions may or may not have reached
 * the upstream, so they are due again; re-sending is harmless (every adapter is idempotent).
 */
export function releaseInterrupted(store: Store, upstream: Upstream, now: string): number {
  inTx(store);
  return store
    .prepare(
      `UPDATE sync_deliveries SET state = 'pending', sending_run = NULL, updated_at = ?
       WHERE upstream = ? AND state = 'sending'`,
    )
    .run(now, upstream).changes;
}

/** "Gửi lại": failed records (one, or all) are due at once. */
export function requeueFailed(
  store: Store,
  upstream: Upstream | null,
  personId: string | null,
  now: string,
): number {
  inTx(store);
  return store
    .prepare(
      `UPDATE sync_deliveries SET state = 'pending', next_attempt_at = NULL, updated_at = ?
       WHERE (state = 'failed' OR (state = 'pending' AND next_attempt_at IS NOT NULL))
         AND (? IS NULL OR upstream = ?) AND (? IS NULL OR person_id = ?)`,
    )
    .run(now, upstream, upstream, personId, personId).changes;
}
