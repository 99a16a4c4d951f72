/**
 * What the upstreams hold (sync/ deliveries): residents whose current version an enabled upstream
 * acknowledged, and those an upstream refused. Without an enabled upstream the screen says "chưa có".
 */
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

/** Refused by an upstream (or failing and backing off), with the upstream's reason. */
export function failedRows(ctx: CoreContext, scope: { village?: string }): UploadRow[] {
  return ctx.store
    .prepare(
      `SELECT d.person_id AS id, max(d.last_tried_at) AS at,
              group_concat(coalesce(d.last_error_message, d.last_error_code, ''), '; ') AS detail
       FROM sync_deliveries d JOIN persons p ON p.id = d.person_id
       WHERE (d.state = 'failed' OR (d.state = 'pending' AND d.last_error_code IS NOT NULL))${villageSql(scope)}
       GROUP BY d.person_id`,
    )
    .all(villageParam(scope)) as UploadRow[];
}
