import type { DeliveryState, StatusOutput } from '#contract/ops/upstream.ts';
import { DELIVERY_STATES } from '#contract/ops/upstream.ts';
import type { CoreContext } from '../context.ts';
import type { UpstreamKind } from './adapter.ts';
import { loadSettings } from './settings.ts';

/**
 * What the "Đồng bộ" screen and `hssk sync status` show: per upstream, how many records are in each
 * state (derived from the outbox version and the delivery row: "edited" is acknowledged at an older
 * version; a failed or skipped record changed since is pending again), what waits by day, the last
 * success; the recent runs. Read-only.
 */
const STATE_OF = `CASE
    WHEN d.person_id IS NULL THEN 'pending'
    WHEN d.state = 'acknowledged' AND d.acked_version < o.version THEN 'edited'
    WHEN d.state IN ('failed', 'skipped') AND d.sending_version < o.version THEN 'pending'
    ELSE d.state END`;

export function deliveryCounts(ctx: CoreContext, kind: UpstreamKind): Record<DeliveryState, number> {
  const rows = ctx.store
    .prepare(
      `SELECT ${STATE_OF} AS state, count(*) AS n FROM sync_outbox o
       LEFT JOIN sync_deliveries d ON d.upstream = ? AND d.person_id = o.entity_id
       WHERE o.entity = 'person' GROUP BY 1`,
    )
    .all(kind) as { state: DeliveryState; n: number }[];
  const out = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
  for (const r of rows) out[r.state] = r.n;
  // Residents never marked (demo data, records older than the outbox) go with the first run.
  out.pending += ctx.store
    .prepare(
      `SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.entity = 'person' AND o.entity_id = p.id)`,
    )
    .pluck()
    .get() as number;
  return out;
}

function waitingByDay(ctx: CoreContext, kind: UpstreamKind): { day: string; count: number }[] {
  return ctx.store
    .prepare(
      `SELECT substr(o.queued_at, 1, 10) AS day, count(*) AS count FROM sync_outbox o
       LEFT JOIN sync_deliveries d ON d.upstream = ? AND d.person_id = o.entity_id
       WHERE o.entity = 'person' AND ${STATE_OF} IN ('pending', 'edited', 'failed', 'sending')
       GROUP BY 1 ORDER BY 1 DESC LIMIT 60`,
    )
    .all(kind) as { day: string; count: number }[];
}

export function syncStatus(
  ctx: CoreContext,
  running: StatusOutput['running'],
  nextScheduledAt: string | null,
): StatusOutput {
  const { settings } = loadSettings(ctx);
  const kinds = [
    { kind: 'xml831' as const, s: settings.xml831 },
    { kind: 'fhir' as const, s: settings.fhir },
  ];
  const upstreams = kinds.map(({ kind, s }) => ({
    kind,
    enabled: s.enabled,
    statutory: s.statutory,
    counts: deliveryCounts(ctx, kind),
    waitingByDay: waitingByDay(ctx, kind),
    lastSuccessAt:
      (ctx.store.prepare(`SELECT max(acked_at) FROM sync_deliveries WHERE upstream = ?`).pluck().get(kind) as
        string | null) ?? null,
  }));
  const enabled = upstreams.filter((u) => u.enabled);
  const recentRuns = (
    ctx.store
      .prepare(
        `SELECT id, upstream, trigger, started_at, finished_at, status, sent, acknowledged, failed, skipped, message
         FROM sync_runs ORDER BY started_at DESC LIMIT 20`,
      )
      .all() as {
      id: string;
      upstream: UpstreamKind;
      trigger: 'manual' | 'schedule' | 'closing' | 'cli';
      started_at: string;
      finished_at: string | null;
      status: string;
      sent: number;
      acknowledged: number;
      failed: number;
      skipped: number;
      message: string;
    }[]
  ).map((r) => ({
    id: r.id,
    upstream: r.upstream,
    trigger: r.trigger,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    sent: r.sent,
    acknowledged: r.acknowledged,
    failed: r.failed,
    skipped: r.skipped,
    messageVi: r.message,
  }));
  const lasts = enabled.map((u) => u.lastSuccessAt).filter((x): x is string => x !== null);
  return {
    upstreams,
    pendingTotal: enabled.reduce(
      (n, u) => n + u.counts.pending + u.counts.edited + u.counts.failed + u.counts.sending,
      0,
    ),
    lastSuccessAt: lasts.length ? (lasts.sort().at(-1) ?? null) : null,
    recentRuns,
    running,
    nextScheduledAt,
  };
}

export function failedRecords(
  ctx: CoreContext,
  kind: UpstreamKind | undefined,
  limit: number,
): {
  personId: string;
  fullName: string;
  upstream: UpstreamKind;
  code: string;
  messageVi: string;
  attempts: number;
  lastTriedAt: string | null;
  nextAttemptAt: string | null;
}[] {
  const rows = ctx.store
    .prepare(
      `SELECT d.person_id, coalesce(p.full_name, '(hồ sơ đã gộp)') AS full_name, d.upstream, d.last_error_code,
              d.last_error_message, d.attempts, d.last_tried_at, d.next_attempt_at
       FROM sync_deliveries d LEFT JOIN persons p ON p.id = d.person_id
       WHERE (d.state = 'failed' OR (d.state = 'pending' AND d.last_error_code IS NOT NULL))
         AND (? IS NULL OR d.upstream = ?)
       ORDER BY d.updated_at DESC LIMIT ?`,
    )
    .all(kind ?? null, kind ?? null, limit) as {
    person_id: string;
    full_name: string;
    upstream: UpstreamKind;
    last_error_code: string | null;
    last_error_message: string | null;
    attempts: number;
    last_tried_at: string | null;
    next_attempt_at: string | null;
  }[];
  return rows.map((r) => ({
    personId: r.person_id,
    fullName: r.full_name,
    upstream: r.upstream,
    code: r.last_error_code ?? '',
    messageVi: r.last_error_message ?? '',
    attempts: r.attempts,
    lastTriedAt: r.last_tried_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}
