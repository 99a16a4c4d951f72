/**
 * What the upstreams hold (sync/ deliveries): residents whose current version an enabled upstream
 * acknowledged, and those an upstream refused. Without an enabled upstream the screen says "chưa có".
 */
import { UPSTREAM_KINDS } from '#contract/ops/upstream.ts';
import type { CoreContext } from '../context.ts';
import { loadSettings } from '../upstream/settings.ts';
import { villageParam, villageSql } from './scope.ts';

export function enabledUpstreams(ctx: CoreContext): ('fhir' | 'xml831')[] {
  const { settings } = loadSettings(ctx);
  return [
    ...(settings.fhir.enabled ? ['fhir' as const] : []),
    ...(settings.xml831.enabled ? ['xml831' as const] : []),
  ];
}

export interface UploadRow {
  id: string;
  at: string | null;
  detail: string;
}

/** Acknowledged at the version the record has now (not edited since), by any enabled upstream. */
export function acknowledgedRows(ctx: CoreContext, scope: { village?: string }): UploadRow[] {
  const ups = enabledUpstreams(ctx);
  if (ups.length === 0) return [];
  return ctx.store
    .prepare(
      `SELECT d.person_id AS id, max(d.acked_at) AS at, group_concat(d.upstream, ', ') AS detail
       FROM sync_deliveries d JOIN sync_outbox o ON o.entity = 'person' AND o.entity_id = d.person_id
       JOIN persons p ON p.id = d.person_id
       WHERE d.upstream IN (${ups.map((u) => `'${u}'`).join(', ')}) AND d.state = 'acknowledged'
         AND d.acked_version >= o.version AND p.status = 'active'${villageSql(scope)}
       GROUP BY d.person_id`,
    )
    .all(villageParam(scope)) as UploadRow[];
}

/** The scope's active residents, as a condition on `column` (few are not active; a village is one range). */
function activeSql(scope: { village?: string }, column: string): string {
  return scope.village !== undefined
    ? `${column} IN (SELECT p.id FROM persons p INDEXED BY persons_report WHERE p.village = @village AND p.status = 'active')`
    : `${column} NOT IN (SELECT p.id FROM persons p INDEXED BY persons_report WHERE p.status <> 'active')`;
}

/**
 * How many of `acknowledgedRows` there are, counted by SQLite from indexes alone (0025, 0026): a station
 * that has uploaded its commune holds a delivery per resident, and building their rows with the
 * upstreams' names took over a second of the dashboard's first open on 100,000 residents.
 *
 * Where every upstream that ever acknowledged a record is switched on (the usual case: one), the
 * outbox alone says it: the upload engine writes a delivery's acknowledgement of version v and the
 * outbox's (`acked_version = v`) in one transaction, and an acknowledged delivery is sent again only
 * once the record has a newer version — so "an upstream holds the current version" is exactly
 * "the outbox's acknowledged version is its version". Otherwise (an upstream switched off after
 * acknowledging) each delivery is checked against the outbox's version.
 */
export function acknowledgedCount(ctx: CoreContext, scope: { village?: string }): number {
  const ups = enabledUpstreams(ctx);
  if (ups.length === 0) return 0;
  const acknowledging = UPSTREAM_KINDS.filter(
    (u) =>
      ctx.store
        .prepare(
          `SELECT 1 FROM sync_deliveries INDEXED BY sync_deliveries_state WHERE upstream = ? AND state = 'acknowledged' LIMIT 1`,
        )
        .get(u) !== undefined,
  );
  if (acknowledging.every((u) => ups.includes(u)))
    return ctx.store
      .prepare(
        `SELECT count(*) FROM sync_outbox o INDEXED BY sync_outbox_acknowledged
         WHERE o.entity = 'person' AND o.op = 'upsert' AND o.acked_version >= o.version
           AND ${activeSql(scope, 'o.entity_id')}`,
      )
      .pluck()
      .get(villageParam(scope)) as number;
  return ctx.store
    .prepare(
      `SELECT count(${ups.length > 1 ? 'DISTINCT d.person_id' : '*'})
       FROM sync_deliveries d INDEXED BY sync_deliveries_acked
       JOIN sync_outbox o INDEXED BY sync_outbox_version ON o.entity = 'person' AND o.entity_id = d.person_id
       WHERE d.upstream IN (${ups.map((u) => `'${u}'`).join(', ')}) AND d.state = 'acknowledged'
         AND d.acked_version >= o.version AND ${activeSql(scope, 'd.person_id')}`,
    )
    .pluck()
    .get(villageParam(scope)) as number;
}

/** How many of `failedRows` there are (residents, whatever their status, as the list has them). */
export function failedCount(ctx: CoreContext, scope: { village?: string }): number {
  return ctx.store
    .prepare(
      `SELECT count(DISTINCT d.person_id) FROM sync_deliveries d INDEXED BY sync_deliveries_state
       JOIN persons p INDEXED BY persons_care ON p.id = d.person_id
       WHERE ${FAILED_SQL}${villageSql(scope)}`,
    )
    .pluck()
    .get(villageParam(scope)) as number;
}

/**
 * A delivery refused, or failing and backing off. Through the (upstream, state) index: the failed
 * and the pending are ranges of it, where a condition on the state alone read every delivery.
 */
const FAILED_SQL = `d.upstream IN ('fhir', 'xml831') AND d.state IN ('failed', 'pending')
  AND (d.state = 'failed' OR d.last_error_code IS NOT NULL)`;

/** Refused by an upstream (or failing and backing off), with the upstream's reason. */
export function failedRows(ctx: CoreContext, scope: { village?: string }): UploadRow[] {
  return ctx.store
    .prepare(
      `SELECT d.person_id AS id, max(d.last_tried_at) AS at,
              group_concat(coalesce(d.last_error_message, d.last_error_code, ''), '; ') AS detail
       FROM sync_deliveries d JOIN persons p ON p.id = d.person_id
       WHERE ${FAILED_SQL}${villageSql(scope)}
       GROUP BY d.person_id`,
    )
    .all(villageParam(scope)) as UploadRow[];
}
